/**
 * `yixian import` as a scheduled job runs it: output to a file, not a terminal. It prints a line as the rows pass
 * each ten-thousand (the reader's groups are not whole ten-thousands), then the index step, then the result.
 * Runs on its own SQLite file (what is tested is the command's output, not the database).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ON_POSTGRES } from '../../../../test/helpers.ts';
import { openDatabase } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { seedDemo } from '../../seed/demo.ts';
import { WORKER_MIN_BYTES } from './read.ts';

const BIN = path.resolve(import.meta.dirname, '../../../../bin/yixian.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'yixian-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(ON_POSTGRES)('yixian import', () => {
  it('prints its progress to a log when the rows pass each ten-thousand', async () => {
    const dbFile = path.join(dir, 'cli.db');
    const db = openDatabase(dbFile);
    await migrateToLatest(db);
    await seedDemo(db, { issues: 0 });
    await db.destroy();
    // 10,500 rows, big enough to be read in the worker thread (first group 500, then 5,000s: 500, 5,500, 10,500).
    const body = '小区门口的路灯已经坏了很久，晚上出行很不方便，老人和孩子容易摔倒，希望有关部门尽快派人维修。'.repeat(4);
    const rows = Array.from({ length: 10_500 }, (_, i) => `L-${i},第${i}号路灯不亮,${body}第${i}号。,2019/3/${(i % 28) + 1} 08:00,东关村`);
    const file = path.join(dir, 'lamps.csv');
    const text = ['编号,标题,内容,时间,地点', ...rows].join('\n');
    writeFileSync(file, text);
    expect(Buffer.byteLength(text)).toBeGreaterThan(WORKER_MIN_BYTES);
    const mapping = path.join(dir, 'lamps.json');
    writeFileSync(mapping, JSON.stringify({ columns: { 编号: 'sourceId', 标题: 'title', 内容: 'body', 时间: 'receivedAt', 地点: 'orgUnit' }, defaults: { channel: 'online', kind: 'complaint' } }));
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'import', file, '--mapping', mapping, '--username', 'clerk'], {
      env: { ...process.env, DATABASE_URL: dbFile, LOG_LEVEL: 'error' }, timeout: 120_000,
    });
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines.filter((l) => l.startsWith('已处理')).map((l) => l.replace(/（[0-9.]+ 秒）$/, ''))).toEqual(['已处理 10500 行：新建 10500，跳过（已导入）0，有错误 0']);
    expect(lines.some((l) => /^建立检索索引 10500 \/ 10500 件/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('导入完成 10500 行：新建 10500，跳过（已导入）0，有错误 0');
  }, 150_000);
});
