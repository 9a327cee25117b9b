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
import ExcelJS from 'exceljs';
import { encryptedWorkbook } from '../../../../test/encrypted-xlsx.ts';
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

  it('says in one line why a file cannot be read, without a stack trace, and exits with 1', async () => {
    const dbFile = path.join(dir, 'bad.db');
    const db = openDatabase(dbFile);
    await migrateToLatest(db);
    await seedDemo(db, { issues: 0 });
    await db.destroy();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('来信').addRows([['编号', '标题', '内容', '时间', '地点'], ...Array.from({ length: 50 }, (_, i) => [`B-${i}`, `标题${i}`, `内容${i}`, '2019/3/1', '东关村'])]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const files = {
      truncated: path.join(dir, '截断.xlsx'), encrypted: path.join(dir, '加密.xlsx'), text: path.join(dir, '文本.xlsx'), bytes: path.join(dir, '乱码.csv'),
    };
    writeFileSync(files.truncated, xlsx.subarray(0, xlsx.length >> 1));
    writeFileSync(files.encrypted, encryptedWorkbook(xlsx, 'mima'));
    writeFileSync(files.text, '编号,标题\nB-1,路灯\n');
    writeFileSync(files.bytes, Buffer.concat([Buffer.from('编号,标题\nB-1,路灯\n'), Buffer.from([0xff, 0xfe, 0x0a])]));
    const mapping = path.join(dir, 'bad.json');
    writeFileSync(mapping, JSON.stringify({ columns: { 编号: 'sourceId', 标题: 'title', 内容: 'body', 时间: 'receivedAt', 地点: 'orgUnit' } }));
    const run = (file: string, ...more: string[]) => promisify(execFile)(process.execPath, [BIN, 'import', file, '--mapping', mapping, '--username', 'clerk', ...more], {
      env: { ...process.env, DATABASE_URL: dbFile, LOG_LEVEL: 'error' }, timeout: 60_000,
    }).then(() => ({ code: 0, stderr: '' }), (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }));
    const results = await Promise.all([run(files.truncated, '--dry-run'), run(files.encrypted), run(files.text, '--dry-run'), run(files.bytes)]);
    expect(results.map((r) => r.code)).toEqual([1, 1, 1, 1]);
    expect(results.map((r) => r.stderr.trim().split('\n'))).toEqual([
      ['错误：文件不是有效的 Excel 文件：文件不完整或已损坏（可能没有下载或复制完），请重新导出或复制后再导入'],
      ['错误：文件已加密，请先取消密码保护后再导入（Excel：文件 › 信息 › 保护工作簿 › 用密码进行加密，清空密码后保存）'],
      ['错误：文件不是有效的 Excel 文件：内容是文本，不是 Excel 工作簿（CSV 文件请以 .csv 为扩展名导入）'],
      ['错误：文件不是有效的 CSV 文本：第 3 行含有无法识别的字节（应为 UTF-8 或 GB18030/GBK 编码）；请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后再导入'],
    ]);
  }, 120_000);
});
