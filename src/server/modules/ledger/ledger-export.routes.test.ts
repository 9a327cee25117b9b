import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { intake, setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import { EXPORT_HEADERS, buildLedgerWorkbook, type ExportRow } from './ledger-export.ts';

let t: TestContext;
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
type IssueJson = { id: number; version: number; trackingCode: string; status: string };
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };

/** The rows of a sheet as arrays of cell values (ExcelJS rows are 1-based; so are the values arrays). */
async function readSheet(body: Buffer, name = '问题台账'): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name)!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

async function exportAs(c: Client, query = '') {
  const r = await c.get(`/api/v1/issues/export${query ? `?${query}` : ''}`);
  expect(r.statusCode, r.statusCode === 200 ? '' : r.body).toBe(200);
  return { res: r, rows: await readSheet(r.rawPayload) };
}

const issues: IssueJson[] = [];
beforeAll(async () => {
  t = await setupApp();
  const clerk = await t.as('clerk');
  for (const [unit, extra] of [
    ['解放路社区', { receivedAt: '2026-11-20T09:30:00+08:00', categoryId: undefined }],
    ['东关村', { channel: 'phone', kind: 'help', petitioner: { name: '欧阳娜娜', phone: '13900001234', idNumber: '110101199001011234' } }],
    ['湖滨社区', { title: '东湖街道的问题' }],
    ['北门社区', { anonymous: true, petitioner: { name: '李四', phone: '13700005678' } }],
  ] as const) {
    const r = await clerk.post('/api/v1/issues', intake(t.unit(unit), extra));
    expect(r.statusCode, r.body).toBe(201);
    issues.push(json<IssueJson>(r));
  }
  const first = issues[0]!;
  const accepted = json<IssueJson>(await clerk.post(`/api/v1/issues/${first.id}/transitions`, { action: 'accept', version: first.version }));
  const r = await clerk.post(`/api/v1/issues/${first.id}/transitions`, { action: 'assign', version: accepted.version, unitId: t.unit('示例县住房和城乡建设局') });
  expect(r.statusCode, r.body).toBe(200);
});
afterAll(async () => { await t?.close(); });

describe('GET /issues/export', () => {
  it('requires authentication', async () => {
    const r = await t.anonymous.get('/api/v1/issues/export');
    expect(r.statusCode).toBe(401);
    expect(json<ErrorJson>(r).error).toEqual({ code: 'unauthenticated', message: '请先登录' });
  });

  it('exports only the issues in the actor scope', async () => {
    const { rows } = await exportAs(await t.as('cadre')); // 城关镇
    const codes = rows.slice(1).map((r) => r[0]);
    expect(codes.sort()).toEqual(issues.filter((_, i) => i !== 2).map((i) => i.trackingCode).sort());
    const handler = await exportAs(await t.as('handler')); // 住建局: the one assigned to it
    expect(handler.rows.slice(1).map((r) => r[0])).toEqual([issues[0]!.trackingCode]);
    const other = await exportAs(await t.as('handler-jyj'));
    expect(other.rows).toEqual([EXPORT_HEADERS]);
  });

  it('is an .xlsx with Chinese headers, names, Shanghai times and a UTF-8 file name', async () => {
    const { res, rows } = await exportAs(await t.as('clerk'));
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="ledger-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^问题台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(res.headers['x-export-truncated']).toBe('0');
    expect(rows[0]).toEqual(EXPORT_HEADERS);
    for (const h of ['受理编号', '标题', '状态', '渠道', '类型', '紧急程度', '所在地', '承办单位', '分类', '收到时间', '办理期限', '是否超期', '诉求人']) {
      expect(rows[0]).toContain(h);
    }
    expect(rows).toHaveLength(1 + issues.length);
    const col = (h: string) => EXPORT_HEADERS.indexOf(h);
    const assigned = rows.find((r) => r[0] === issues[0]!.trackingCode)!;
    expect(assigned[col('状态')]).toBe('已交办');
    expect(assigned[col('渠道')]).toBe('来信');
    expect(assigned[col('类型')]).toBe('投诉');
    expect(assigned[col('所在地')]).toBe('解放路社区');
    expect(assigned[col('承办单位')]).toBe('示例县住房和城乡建设局');
    expect(assigned[col('是否超期')]).toBe('否');
    // 09:30 in Shanghai is written as the wall time 09:30 (Excel dates have no zone).
    expect((assigned[col('收到时间')] as Date).toISOString()).toBe('2026-11-20T09:30:00.000Z');
    expect(assigned[col('办理期限')]).toBeInstanceOf(Date);
    // The response is sorted newest received first, like the list.
    expect(rows[rows.length - 1]![0]).toBe(issues[0]!.trackingCode);
  });

  it('masks the petitioner as the API does and never writes the unmasked data', async () => {
    const { res, rows } = await exportAs(await t.as('clerk'));
    const col = (h: string) => EXPORT_HEADERS.indexOf(h);
    const named = rows.find((r) => r[0] === issues[1]!.trackingCode)!;
    expect(named[col('诉求人')]).toBe('欧***');
    expect(named[col('联系电话')]).toBe('139****1234');
    expect(rows.find((r) => r[0] === issues[3]!.trackingCode)![col('诉求人')]).toBe('匿名');
    const text = JSON.stringify(rows);
    for (const secret of ['欧阳娜娜', '13900001234', '110101199001011234', '李四', '13700005678', '王建国', '13812345678']) {
      expect(text).not.toContain(secret);
    }
    // …nor anywhere else in the file (the strings of an .xlsx are zipped XML, so look inside the parsed workbook).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const all: unknown[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => all.push(row.values)));
    expect(JSON.stringify(all)).not.toContain('13900001234');
  });

  it('applies the same filters and order as the list', async () => {
    const clerk = await t.as('clerk');
    const { rows } = await exportAs(clerk, 'channel=phone');
    expect(rows.slice(1).map((r) => r[0])).toEqual([issues[1]!.trackingCode]);
    const list = json<{ items: IssueJson[] }>(await clerk.get('/api/v1/issues?status=registered&sort=received_asc&limit=200')).items;
    const exported = await exportAs(clerk, 'status=registered&sort=received_asc');
    expect(exported.rows.slice(1).map((r) => r[0])).toEqual(list.map((i) => i.trackingCode));
    const notes = await readSheet((await clerk.get('/api/v1/issues/export?status=registered')).rawPayload, '导出说明');
    expect(notes.find((r) => r[0] === '筛选条件')![1]).toBe('status=registered');
  });

  it('writes who exported what to the audit log', async () => {
    await exportAs(await t.as('leader'), 'overdue=true');
    const row = await t.db.selectFrom('auditLog').select(['action', 'data']).where('action', '=', 'issue.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(row.data)).toMatchObject({ query: { overdue: true }, truncated: false });
  });

  it.each([
    ['an unknown filter', 'colour=red', 'colour'],
    ['a cursor (exports are not paged)', 'cursor=12', 'cursor'],
    ['a bad date', 'from=yesterday', 'from'],
    ['an unknown order', 'sort=random', 'sort'],
  ])('refuses %s with 400', async (_name, query, field) => {
    const r = await (await t.as('clerk')).get(`/api/v1/issues/export?${query}`);
    expect(r.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(r).error.fields ?? {})).toContain(field);
  });
});

describe('the ledger workbook', () => {
  const row = (n: number): ExportRow => ({
    trackingCode: `YX-2026-00000${n}`, title: `问题${n}`, status: 'registered', channel: 'letter', kind: 'complaint', urgency: 'normal',
    locName: '东关村', respName: null, categoryId: null, receivedAt: '2026-11-20T01:00:00.000Z', nextDueAt: '2026-11-21T01:00:00.000Z',
    closedAt: null, updatedAt: '2026-11-20T01:00:00.000Z', anonymous: 0, petitionerName: '张三丰', petitionerPhone: null,
  });

  it('says so in a last row when the result was cut at the limit', async () => {
    const buf = await buildLedgerWorkbook([row(1), row(2), row(3)], () => '', { now: '2026-11-29T02:00:00.000Z', actorName: '测试', query: '', max: 2 });
    const rows = await readSheet(buf);
    expect(rows).toHaveLength(1 + 2 + 1);
    expect(String(rows[3]![0])).toMatch(/仅导出前 2 条/);
    expect(rows[1]![EXPORT_HEADERS.indexOf('是否超期')]).toBe('是');
    expect(rows[1]![EXPORT_HEADERS.indexOf('诉求人')]).toBe('张**');
    const notes = await readSheet(buf, '导出说明');
    expect(String(notes.find((r) => r[0] === '导出条数')![1])).toMatch(/已截断/);
  });
});
