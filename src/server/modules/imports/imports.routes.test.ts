/** The import API: access first, then upload → proposed mapping → dry run → error sheet → background run → progress. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';

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
