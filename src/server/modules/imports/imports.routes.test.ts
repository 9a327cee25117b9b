/** The import API: access first, then upload → proposed mapping → dry run → error sheet → background run → progress. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compoundFile, encryptedWorkbook } from '../../../../test/encrypted-xlsx.ts';
import { setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import { WORKER_MIN_BYTES } from './read.ts';

let t: TestContext;
const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
const BOUNDARY = '----YixianImportBoundary';
function upload(c: Client, filename: string, content: Buffer | string) {
  const payload = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return c.raw({ method: 'POST', url: '/api/v1/imports/files', payload, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
}
const CSV = '编号,标题,留言详情,留言时间,所在地,答复意见,答复时间\r\n'
  + 'T-1,路灯不亮,解放路路灯坏了半个月,2019/3/1 10:00,解放路社区,已修复,2019/3/5 9:00\r\n'
  + 'T-2,坏日期,内容,2019/2/30,东关村,,\r\n'
  + 'T-3,没有地点,内容,2019/3/2,,,\r\n'
  + 'T-4,电梯停运,幸福小区电梯停运,2019/3/3 8:00,东关村,,\r\n';
type Uploaded = { fileId: string; header: string[]; sample: string[][]; suggested: { columns: Record<string, string> }; encoding: string };

beforeAll(async () => { t = await setupApp(); }, 60_000);
afterAll(async () => { await t.close(); });

describe('/imports', () => {
  it('needs a session and the petition office or an administrator', async () => {
    expect((await upload(t.anonymous, 'a.csv', CSV)).statusCode).toBe(401);
    expect((await upload(await t.as('handler'), 'a.csv', CSV)).statusCode).toBe(403);
    expect((await upload(await t.as('cadre'), 'a.csv', CSV)).statusCode).toBe(403);
    expect((await (await t.as('handler')).get('/api/v1/import-mappings')).statusCode).toBe(403);
  });

  it('refuses other file types and unknown files', async () => {
    const clerk = await t.as('clerk');
    const r = await upload(clerk, 'a.xls', 'x');
    expect(r.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(r).error.message).toContain('只支持 .xlsx 和 .csv');
    const d = await clerk.post('/api/v1/imports/dry-run', { fileId: 'a'.repeat(24), mapping: { columns: {} } });
    expect(d.statusCode).toBe(404);
  });

  it('uploads, proposes a mapping, checks every row, gives the bad rows as a sheet, imports in the background', async () => {
    const clerk = await t.as('clerk');
    const up = await upload(clerk, '历史来信.csv', CSV);
    expect(up.statusCode, up.body).toBe(200);
    const u = json<Uploaded>(up);
    expect(u.header).toEqual(['编号', '标题', '留言详情', '留言时间', '所在地', '答复意见', '答复时间']);
    expect(u.sample.length).toBe(4);
    expect(u.encoding).toBe('utf-8');
    expect(u.suggested.columns).toEqual({ 编号: 'sourceId', 标题: 'title', 留言详情: 'body', 留言时间: 'receivedAt', 所在地: 'orgUnit', 答复意见: 'replyText', 答复时间: 'replyAt' });
    const mapping = { ...u.suggested, defaults: { channel: 'online', kind: 'complaint' } };

    const dry = await clerk.post('/api/v1/imports/dry-run', { fileId: u.fileId, mapping });
    expect(dry.statusCode, dry.body).toBe(200);
    const report = json<{ total: number; toCreate: number; failed: number; errors: Array<{ row: number; column: string; message: string }> }>(dry);
    expect([report.total, report.toCreate, report.failed]).toEqual([4, 2, 2]);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([[3, '留言时间'], [4, '所在地']]);
    const en = await (await t.as('clerk', 'en')).post('/api/v1/imports/dry-run', { fileId: u.fileId, mapping });
    expect(json<{ errors: Array<{ message: string }> }>(en).errors[1]!.message).toBe('no place, and no default unit is set');

    const sheet = await clerk.post('/api/v1/imports/error-sheet', { fileId: u.fileId, mapping });
    expect(sheet.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual([...u.header, '原行号', '错误说明']);
    expect(rows.slice(1).map((r) => [r[0], r[7]])).toEqual([['T-2', 3], ['T-3', 4]]);
    expect(String(rows[1]![8])).toContain('【留言时间】');

    const run = await clerk.post('/api/v1/imports', { fileId: u.fileId, mapping });
    expect(run.statusCode, run.body).toBe(202);
    const { batchId } = json<{ batchId: number }>(run);
    let p = { status: 'running', created: 0, failed: 0 };
    for (let i = 0; i < 100 && p.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      p = json(await clerk.get(`/api/v1/imports/${batchId}`));
    }
    expect(p).toMatchObject({ status: 'done', created: 2, failed: 2 });
    // Then the tokens of the two new cases, in the background: the progress says so until they are indexed.
    let ix = json<{ indexed: number; toIndex: number; error: string | null }>(await clerk.get(`/api/v1/imports/${batchId}`));
    for (let i = 0; i < 100 && ix.indexed < ix.toIndex; i++) {
      await new Promise((r) => setTimeout(r, 50));
      ix = json(await clerk.get(`/api/v1/imports/${batchId}`));
    }
    expect(ix).toMatchObject({ indexed: 2, toIndex: 2, error: null });
    expect(await t.db.selectFrom('searchPending').selectAll().execute()).toEqual([]);
    const found = json<{ items: Array<{ title: string; receivedAt: string }> }>(await clerk.get(`/api/v1/issues?q=${encodeURIComponent('电梯停运')}`));
    expect(found.items.map((i) => [i.title, i.receivedAt])).toEqual([['电梯停运', '2019-03-03T00:00:00.000Z']]);
    expect((await (await t.as('cadre')).get(`/api/v1/imports/${batchId}`)).statusCode).toBe(403);
  });

  it('saves and lists mappings by name (the same name is replaced)', async () => {
    const clerk = await t.as('clerk');
    const m = { columns: { 内容: 'body' }, defaults: { channel: 'letter' } };
    expect((await clerk.put('/api/v1/import-mappings', { name: '旧系统导出', mapping: m })).statusCode).toBe(200);
    expect((await clerk.put('/api/v1/import-mappings', { name: '旧系统导出', mapping: { ...m, defaults: { channel: 'phone' } } })).statusCode).toBe(200);
    expect((await clerk.put('/api/v1/import-mappings', { name: 'x', mapping: { columns: { a: 'nonsense' } } })).statusCode).toBe(400);
    const list = json<{ items: Array<{ name: string; mapping: { defaults: { channel: string } } }> }>(await clerk.get('/api/v1/import-mappings'));
    expect(list.items.map((i) => [i.name, i.mapping.defaults.channel])).toEqual([['旧系统导出', 'phone']]);
  });
});

describe('an import the server did not finish', () => {
  it('is reported as interrupted, with how to continue', async () => {
    const now = new Date().toISOString();
    const b = await t.db.insertInto('importBatches').values({
      tenantId: 1, filename: 'x.csv', fingerprint: 'f'.repeat(64), mapping: '{}', status: 'running', total: 0, created: 0, skipped: 0, failed: 0,
      errors: '[]', createdBy: null, createdAt: now, finishedAt: null,
    }).returning('id').executeTakeFirstOrThrow();
    const r = json<{ status: string; error: string }>(await (await t.as('clerk')).get(`/api/v1/imports/${b.id}`));
    expect(r.status).toBe('interrupted');
    expect(r.error).toContain('再次导入同一文件');
  });
});

/** A real workbook: a header and `n` rows of cases. */
async function workbook(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('来信');
  ws.addRow(['编号', '标题', '留言详情', '留言时间', '所在地']);
  for (let i = 1; i <= n; i++) ws.addRow([`W-${i}`, `第${i}件路灯不亮`, `解放路第${i}号路灯坏了，晚上看不见路，编号 ${(i * 7919).toString(36)}。`, '2019/3/1 10:00', '解放路社区']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
type ErrorBody = { error: { code: string; message: string } };
const MAPPING = { columns: { 编号: 'sourceId', 标题: 'title', 留言详情: 'body', 留言时间: 'receivedAt', 所在地: 'orgUnit' }, defaults: { channel: 'online', kind: 'complaint' } };
const CSV_HEADER = '编号,标题,留言详情,留言时间,所在地\n';
const csvLine = (i: number) => `C-${i},第${i}件井盖缺失,东关村第${i}号井盖缺失，夜里有人踩空。,2019/3/1 10:00,东关村\n`;

/** What the import answers in both languages for a file that cannot be read. */
async function refusal(send: (c: Client) => Promise<{ statusCode: number; body: string }>) {
  const [zh, en] = [await send(await t.as('clerk')), await send(await t.as('clerk', 'en'))];
  return { status: [zh.statusCode, en.statusCode], code: json<ErrorBody>(zh).error?.code, zh: json<ErrorBody>(zh).error?.message, en: json<ErrorBody>(en).error?.message };
}

/** Waits for a run to end and returns its progress (in the client's language). */
async function finished(c: Client, batchId: number) {
  let p = { status: 'running', error: null as string | null, created: 0 };
  for (let i = 0; i < 400 && p.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    p = json(await c.get(`/api/v1/imports/${batchId}`));
  }
  return p;
}

describe('files that cannot be read', () => {
  const NOT_XLSX = ['文件不是有效的 Excel 文件', 'The file is not a valid Excel workbook'];
  const NOT_CSV = ['文件不是有效的 CSV 文本', 'The file is not valid CSV text'];
  const cases: Array<[string, string, () => Promise<Buffer>, string, string[], string[]]> = [
    ['a workbook cut in half', '历史来信.xlsx', async () => { const b = await workbook(200); return b.subarray(0, b.length >> 1); }, 'import_not_xlsx', NOT_XLSX, ['文件不完整或已损坏', 'incomplete or damaged']],
    ['an empty .xlsx', '空.xlsx', async () => Buffer.alloc(0), 'import_file_empty', ['文件是空的', 'The file is empty'], []],
    ['an empty .csv', '空.csv', async () => Buffer.alloc(0), 'import_file_empty', ['文件是空的', 'The file is empty'], []],
    ['a PNG named .xlsx', '截图.xlsx', async () => Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), 'import_not_xlsx', NOT_XLSX, ['PNG 图片', 'a PNG image']],
    ['a text file named .xlsx', '来信.xlsx', async () => Buffer.from(CSV, 'utf8'), 'import_not_xlsx', NOT_XLSX, ['内容是文本', 'its content is text']],
    ['an old .xls named .xlsx', '旧表.xlsx', async () => compoundFile([{ name: 'Workbook', data: Buffer.alloc(5000, 1) }]), 'import_not_xlsx', NOT_XLSX, ['.xls', '.xls']],
    ['a password-protected workbook', '加密.xlsx', async () => encryptedWorkbook(await workbook(20), 'mima-123'), 'import_encrypted', ['文件已加密，请先取消密码保护后再导入', 'The file is password-protected'], []],
    ['a CSV with bytes of no encoding', '乱码.csv', async () => Buffer.concat([Buffer.from(CSV_HEADER + csvLine(1)), Buffer.from([0x43, 0x2d, 0x32, 0x2c, 0xff, 0xfe, 0x80, 0x0a])]), 'import_not_csv', NOT_CSV, ['第 3 行含有无法识别的字节', 'line 3 holds bytes that are neither UTF-8 nor GB18030']],
    ['a workbook named .csv', '来信.csv', async () => workbook(3), 'import_not_csv', NOT_CSV, ['Excel 工作簿', 'an Excel workbook']],
  ];
  for (const [what, name, make, code, [zh, en], [zhWhy, enWhy]] of cases) {
    it(`refuses ${what} on upload with a clear 400 in both languages`, async () => {
      const content = await make();
      const r = await refusal((c) => upload(c, name, content));
      expect(r.status).toEqual([400, 400]);
      expect(r.code).toBe(code);
      expect(r.zh).toContain(zh);
      expect(r.en).toContain(en);
      if (zhWhy) expect(r.zh).toContain(zhWhy);
      if (enWhy) expect(r.en).toContain(enWhy);
    });
  }

  it('keeps no file it could not read', async () => {
    const dir = path.join(t.config.dataDir, 'imports');
    const before = (await readdir(dir).catch(() => [])).length;
    expect((await upload(await t.as('clerk'), '截图.xlsx', Buffer.from('not a workbook'))).statusCode).toBe(400);
    expect((await readdir(dir)).length).toBe(before);
  });

  // Bytes that do not decode after the first 256 kB, or a sheet damaged after its first rows, are not seen by the
  // upload (it reads the first rows): the dry run and the run find them, on this thread or (4 MB and more) in the reader's.
  const late: Array<[string, string, () => Promise<Buffer>, string, string[]]> = [
    ['a CSV with bytes of no encoding after 256 kB', '后面乱码.csv', async () => {
      const head = Buffer.from(CSV_HEADER + Array.from({ length: 3000 }, (_, i) => csvLine(i + 1)).join(''));
      return Buffer.concat([head, Buffer.from('C-x,坏字节'), Buffer.from([0xff, 0x80, 0x0a])]);
    }, 'import_not_csv', ['第 3002 行含有无法识别的字节', 'line 3002 holds bytes that are neither UTF-8 nor GB18030']],
    ['a CSV of 4 MB (read in the worker thread) with bytes of no encoding after 256 kB', '大文件乱码.csv', async () => {
      const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => csvLine(from + i)).join('');
      const b = Buffer.concat([Buffer.from(CSV_HEADER + lines(1, 3000)), Buffer.from('C-x,'), Buffer.from([0xfe, 0x0a]), Buffer.from(lines(3001, 38_000))]);
      expect(b.length).toBeGreaterThan(WORKER_MIN_BYTES);
      return b;
    }, 'import_not_csv', ['第 3002 行含有无法识别的字节', 'line 3002 holds bytes that are neither UTF-8 nor GB18030']],
    ['a workbook whose sheet is damaged after its first rows', '损坏.xlsx', async () => {
      const b = await workbook(5000);
      const at = b.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 60_000;
      for (let k = 0; k < 64; k++) b[at + k] = b[at + k]! ^ 0xff;
      return b;
    }, 'import_not_xlsx', ['文件已损坏，无法读取其中的工作表', 'it is damaged and its worksheet cannot be read']],
  ];
  for (const [what, name, make, code, [zh, en]] of late) {
    it(`reads the first rows of ${what}, then the dry run is a 400 and the run fails with the same words`, async () => {
      const clerk = await t.as('clerk');
      const up = await upload(clerk, name, await make());
      expect(up.statusCode, up.body).toBe(200);
      const { fileId, sample } = json<Uploaded>(up);
      expect(sample.length).toBe(5);
      const dry = await refusal((c) => c.post('/api/v1/imports/dry-run', { fileId, mapping: MAPPING }));
      expect(dry).toMatchObject({ status: [400, 400], code });
      expect(dry.zh).toContain(zh);
      expect(dry.en).toContain(en);
      const sheet = await clerk.post('/api/v1/imports/error-sheet', { fileId, mapping: MAPPING });
      expect([sheet.statusCode, json<ErrorBody>(sheet).error.code]).toEqual([400, code]);

      const run = await clerk.post('/api/v1/imports', { fileId, mapping: MAPPING });
      expect(run.statusCode, run.body).toBe(202);
      const { batchId } = json<{ batchId: number }>(run);
      const p = await finished(clerk, batchId);
      expect(p.status).toBe('failed');
      expect(p.error).toContain(zh);
      expect(json<{ error: string }>(await (await t.as('clerk', 'en')).get(`/api/v1/imports/${batchId}`)).error).toContain(en);
    }, 60_000);
  }
});
