/**
 * Reading an import file in groups: the worker thread gives exactly the groups read on this thread, its failures
 * come back as the same errors, and a writer may stop early.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_READER_THREADS, openReader, readerThreadsRunning, readGroups, WORKER_MIN_BYTES, type ReadSpec, type RowGroup } from './read.ts';
import { ImportFileError } from './source.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'yixian-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = (file: string, size: number): ReadSpec => ({
  path: file, filename: path.basename(file), now: '2026-11-29T00:00:00.000Z', size,
  mapping: { columns: { 编号: 'sourceId', 标题: 'title', 内容: 'body', 时间: 'receivedAt', 地点: 'orgUnit', 答复: 'replyText' }, defaults: { channel: 'online', kind: 'complaint' } },
  lookups: { units: [{ id: 7, name: '东关村', code: 'DG' }], categories: [] },
});

async function all(groups: AsyncIterable<RowGroup>): Promise<RowGroup[]> {
  const out: RowGroup[] = [];
  for await (const g of groups) out.push(g);
  return out;
}

describe('reading an import file', () => {
  it('gives the same groups in a worker thread as on this thread', async () => {
    const file = path.join(dir, 'rows.csv');
    const rows = ['编号,标题,内容,时间,地点,答复'];
    for (let i = 1; i <= 1300; i++) {
      // Good rows; every 50th row a bad date, every 97th a source id seen before; full-width letters (normalised in the
      // searchable text, which is then stored with the row) or full-width punctuation (which search folds itself); a
      // blank line now and then.
      const id = i % 97 === 0 ? `K-${i - 1}` : `K-${i}`;
      const date = i % 50 === 0 ? '2019/2/30' : `2019/3/${(i % 28) + 1} 08:00`;
      rows.push(`${id},第${i}号路灯不亮,${i % 3 ? `解放路第${i}号路灯不亮，已报修` : `ＡＢＣ小区第${i}号路灯`},${date},东关村,${i % 2 ? '已修复' : ''}`);
      if (i % 400 === 0) rows.push('');
    }
    writeFileSync(file, rows.join('\r\n') + '\r\n');
    const here = await all(readGroups(spec(file, 200), { worker: false }));
    const there = await all(readGroups(spec(file, 200), { worker: true }));
    expect(there).toEqual(here);
    // All rows, each once: 1,300 read, 26 bad dates and 13 repeated ids reported, the rest good, in file order.
    const sum = (f: (g: RowGroup) => number) => here.reduce((n, g) => n + f(g), 0);
    expect([sum((g) => g.total), sum((g) => g.failed), sum((g) => g.good.length)]).toEqual([1300, 39, 1261]);
    const good = here.flatMap((g) => g.good);
    expect(good.map((g) => g.row)).toEqual([...good.map((g) => g.row)].sort((a, b) => a - b));
    // The first group is small (the writer starts early), the others full.
    expect(here.map((g) => g.good.length).slice(0, 3)).toEqual([200, 200, 200]);
    const wide = good.find((g) => g.value.title === '第3号路灯不亮')!;
    expect([wide.key, wide.year, wide.doc]).toEqual(['id:K-3', '2019', '第3号路灯不亮\nABC小区第3号路灯\n已修复']);
    expect(good.find((g) => g.value.title === '第1号路灯不亮')!.doc).toBeNull();
  });

  it('starts with a small group in the worker', async () => {
    const file = path.join(dir, 'big.csv');
    const rows = ['编号,标题,内容,时间,地点,答复'];
    for (let i = 1; i <= 1200; i++) rows.push(`B-${i},标题${i},内容${i},2019/3/1,东关村,`);
    writeFileSync(file, rows.join('\n'));
    const groups = await all(readGroups(spec(file, 1000), { worker: true }));
    expect(groups.map((g) => g.good.length)).toEqual([500, 700]);
    // On this thread there is nothing to overlap: whole groups from the start.
    expect((await all(readGroups(spec(file, 1000), { worker: false }))).map((g) => g.good.length)).toEqual([1000, 200]);
  });

  it('says why a file cannot be read, from the worker as from here', async () => {
    const file = path.join(dir, 'blank.csv');
    writeFileSync(file, '\n\n');
    const empty = path.join(dir, 'empty.csv');
    writeFileSync(empty, '');
    for (const worker of [false, true]) {
      const err = await all(readGroups(spec(file, 100), { worker })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportFileError);
      expect((err as ImportFileError).en).toBe('the file has no rows');
      // The API's code and words come back from the worker whole.
      const e = await all(readGroups(spec(empty, 100), { worker })).catch((x: unknown) => x) as ImportFileError;
      expect([e instanceof ImportFileError, e.code, e.zh, e.en]).toEqual([true, 'import_file_empty', '文件是空的（0 字节），没有可导入的内容', 'The file is empty (0 bytes): there is nothing to import']);
    }
    const missing = await all(readGroups(spec(path.join(dir, 'gone.csv'), 100), { worker: true })).catch((e: unknown) => e);
    expect(String(missing)).toContain('ENOENT');
  });

  it('reads big files in at most two threads at once, the rest here, and ends its threads', async () => {
    const file = path.join(dir, 'wide.csv');
    const rows = ['编号,标题,内容,时间,地点,答复'];
    const body = '路灯不亮'.repeat(200);
    for (let i = 1; rows.length * body.length * 3 < WORKER_MIN_BYTES * 1.2; i++) rows.push(`W-${i},标题${i},${body},2019/3/1,东关村,`);
    writeFileSync(file, rows.join('\n'));
    expect(readerThreadsRunning()).toBe(0);
    const readers = Array.from({ length: MAX_READER_THREADS + 1 }, () => openReader(file));
    expect(readerThreadsRunning()).toBe(MAX_READER_THREADS);
    // All of them read the whole file, threads or not.
    const counts = await Promise.all(readers.map(async (r) => (await all(r.groups(spec(file, 100)))).reduce((n, g) => n + g.good.length, 0)));
    expect(counts).toEqual(readers.map(() => rows.length - 1));
    await Promise.all(readers.map((r) => r.close()));
    await expect.poll(() => readerThreadsRunning()).toBe(0);
  });

  it('lets a writer stop early', async () => {
    const file = path.join(dir, 'stop.csv');
    const rows = ['编号,标题,内容,时间,地点,答复'];
    for (let i = 1; i <= 3000; i++) rows.push(`S-${i},标题${i},内容${i},2019/3/1,东关村,`);
    writeFileSync(file, rows.join('\n'));
    let seen = 0;
    for await (const g of readGroups(spec(file, 100), { worker: true })) {
      seen += g.good.length;
      if (seen >= 300) break;
    }
    expect(seen).toBe(300);
  });
});
