/**
 * The audit API: who may read it (401, 403 for every other role), one tenant's entries only, filters, keyset paging,
 * the .xlsx export (itself audited), and that unmasked views and exports (the reveal, attachments, the import error
 * sheet) are in it; every action the server writes has a name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES } from '../../../shared/enums.ts';
import { ISSUE_ACTIONS } from '../../../shared/lifecycle.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { intake, setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { ensureTenant } from '../../seed/base.ts';
import { hashPassword } from '../auth/index.ts';
import { insertUser } from '../org/index.ts';
import { AUDIT_EXPORT_HEADERS } from './audit-export.ts';
import { writeAudit } from './audit.repo.ts';

let t: TestContext;
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
interface Entry {
  id: number; at: string; actor: { id: number; username: string; displayName: string } | null; action: string;
  actionName: { zh: string; en: string }; entityType: string; entityId: string; trackingCode: string | null; ip: string | null;
  data: Record<string, unknown>;
}
interface Page { items: Entry[]; nextCursor: string | null }
type IssueJson = { id: number; version: number; trackingCode: string };
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };

async function list(c: Client, query = ''): Promise<Page> {
  const r = await c.get(`/api/v1/audit${query ? `?${query}` : ''}`);
  expect(r.statusCode, r.body).toBe(200);
  return json<Page>(r);
}

/** Every entry of a query, page by page. */
async function all(c: Client, query: string, limit: number): Promise<{ items: Entry[]; pages: number }> {
  const items: Entry[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const p: Page = await list(c, `${query ? `${query}&` : ''}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...p.items);
    cursor = p.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { items, pages };
}

async function readSheet(body: Buffer, name = '审计日志'): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name)!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

let issue: IssueJson;
let other: IssueJson;
let tenant2 = 0;
let userId: (username: string) => Promise<number>;

beforeAll(async () => {
  t = await setupApp();
  userId = async (username) => (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const clerk = await t.as('clerk');
  let r = await clerk.post('/api/v1/issues', intake(t.unit('解放路社区'), { petitioner: { name: '欧阳娜娜', phone: '13900001234' } }));
  expect(r.statusCode, r.body).toBe(201);
  issue = json<IssueJson>(r);
  r = await clerk.post('/api/v1/issues', intake(t.unit('东关村')));
  expect(r.statusCode, r.body).toBe(201);
  other = json<IssueJson>(r);
  r = await clerk.post(`/api/v1/issues/${issue.id}/transitions`, { action: 'accept', version: issue.version });
  expect(r.statusCode, r.body).toBe(200);

  // A second tenant with its own administrator, who logs in (an entry of that tenant).
  tenant2 = await ensureTenant(t.db, { code: 'other-county', name: '另一县', units: [{ code: '990200000000', name: '另一县', level: 'county' }] });
  const root = await t.db.selectFrom('orgUnits').select('id').where('tenantId', '=', tenant2).executeTakeFirstOrThrow();
  await insertUser(t.db, {
    tenantId: tenant2, username: 'other-admin', displayName: '另一县 管理员', passwordHash: await hashPassword(DEMO_PASSWORD),
    bindings: [{ role: 'admin', orgUnitId: root.id }],
  }, new Date().toISOString());
  await t.as('other-admin');
}, 60_000);
afterAll(async () => { await t?.close(); });

describe('who may read the audit log', () => {
  it('needs a session', async () => {
    for (const url of ['/api/v1/audit', '/api/v1/audit/export', '/api/v1/audit/actors']) {
      const r = await t.anonymous.get(url);
      expect(r.statusCode, url).toBe(401);
      expect(json<ErrorJson>(r).error.code).toBe('unauthenticated');
    }
  });

  it.each(['clerk', 'handler', 'cadre', 'leader'])('refuses %s (403), in Chinese or English', async (username) => {
    for (const url of ['/api/v1/audit', '/api/v1/audit/export', '/api/v1/audit/actors']) {
      const r = await (await t.as(username)).get(url);
      expect(r.statusCode, `${username} ${url}`).toBe(403);
      expect(json<ErrorJson>(r).error).toMatchObject({ code: 'forbidden', message: '您没有执行此操作的权限' });
    }
    const en = await (await t.as(username, 'en')).get('/api/v1/audit');
    expect(json<ErrorJson>(en).error.message).toBe('You are not allowed to do this');
  });

  it.each(['inspector', 'admin'])('lets %s read who did what, when, to which issue', async (username) => {
    const page = await list(await t.as(username));
    const created = page.items.find((e) => e.action === 'issue.create' && e.entityId === String(issue.id))!;
    expect(created).toMatchObject({
      actor: { id: await userId('clerk'), username: 'clerk', displayName: '信访局 周敏' },
      actionName: { zh: '登记问题', en: 'Register issue' }, entityType: 'issue', trackingCode: issue.trackingCode,
      data: { trackingCode: issue.trackingCode },
    });
    expect(created.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(created.ip).toBe('127.0.0.1');
    const accepted = page.items.find((e) => e.action === 'issue.accept')!;
    expect(accepted.actionName).toEqual({ zh: '受理', en: 'Accept' });
    expect(accepted.data).toMatchObject({ from: 'registered', to: 'accepted' });
    // Newest first.
    const times = page.items.map((e) => `${e.at}#${String(e.id).padStart(9, '0')}`);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('lists the tenant\'s users to filter by', async () => {
    const r = await (await t.as('inspector')).get('/api/v1/audit/actors');
    expect(r.statusCode, r.body).toBe(200);
    const names = json<{ items: { username: string; displayName: string }[] }>(r).items.map((u) => u.username);
    expect(names).toContain('clerk');
    expect(names).toContain('inspector');
    expect(names).not.toContain('other-admin');
  });
});

describe('tenants', () => {
  it('never shows another tenant\'s entries, in the list, the filters or the export', async () => {
    const own = await all(await t.as('admin'), 'action=login', 200);
    expect(own.items.map((e) => e.actor?.username)).not.toContain('other-admin');
    expect(own.items.length).toBeGreaterThan(0);

    const otherAdmin = await t.as('other-admin');
    const theirs = await all(otherAdmin, '', 200);
    expect(theirs.items.map((e) => [e.action, e.actor?.username])).toEqual([['login', 'other-admin']]);
    // Filters naming the first tenant's records find nothing.
    expect((await list(otherAdmin, `issue=${issue.trackingCode}`)).items).toEqual([]);
    expect((await list(otherAdmin, `issue=${issue.id}`)).items).toEqual([]);
    expect((await list(otherAdmin, `actor=${await userId('clerk')}`)).items).toEqual([]);
    const users = json<{ items: { username: string }[] }>(await otherAdmin.get('/api/v1/audit/actors')).items;
    expect(users.map((u) => u.username)).toEqual(['other-admin']);
    const x = await otherAdmin.get('/api/v1/audit/export');
    expect(x.statusCode).toBe(200);
    const rows = await readSheet(x.rawPayload);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['other-admin']);
    // The other tenant's export is in its own log, not in ours.
    expect((await list(await t.as('admin'), 'action=audit.export')).items.map((e) => e.actor?.username)).not.toContain('other-admin');
    expect((await list(otherAdmin, 'action=audit.export')).items).toHaveLength(1);
  });
});

describe('filters and paging', () => {
  // Entries of known times and addresses (Beijing midnight is 16:00 UTC the day before).
  const T = ['2026-03-01T15:59:59.000Z', '2026-03-01T16:00:00.000Z', '2026-03-02T15:59:59.999Z', '2026-03-02T16:00:00.000Z'];
  beforeAll(async () => {
    const tenantId = (await t.db.selectFrom('tenants').select('id').where('code', '!=', 'other-county').executeTakeFirstOrThrow()).id;
    const admin = await userId('admin');
    for (const [i, at] of T.entries()) {
      await writeAudit(t.db, { tenantId, actorId: admin, action: 'calendar.edit', entityType: 'tenant', entityId: tenantId, ip: `10.0.0.${i + 1}`, at, data: { n: i } });
    }
    // Five entries at one instant: the order among them is by id.
    for (let i = 0; i < 5; i++) {
      await writeAudit(t.db, { tenantId, actorId: null, action: 'deadline.escalate', entityType: 'issue', entityId: other.id, at: '2026-04-01T00:00:00.000Z', data: { i } });
    }
  });

  it('filters by action, one or several', async () => {
    const inspector = await t.as('inspector');
    const one = await list(inspector, 'action=calendar.edit');
    expect(one.items.map((e) => e.data.n)).toEqual([3, 2, 1, 0]);
    const two = await list(inspector, 'action=calendar.edit,deadline.escalate&limit=200');
    expect(new Set(two.items.map((e) => e.action))).toEqual(new Set(['calendar.edit', 'deadline.escalate']));
    expect(two.items).toHaveLength(9);
    const system = two.items.find((e) => e.action === 'deadline.escalate')!;
    expect(system.actor).toBeNull();
    expect(system.actionName.zh).toBe('超期自动督办');
    expect((await inspector.get('/api/v1/audit?action=DROP%20TABLE')).statusCode).toBe(400);
  });

  it('filters by actor', async () => {
    const clerk = await userId('clerk');
    const page = await list(await t.as('inspector'), `actor=${clerk}&limit=200`);
    expect(page.items.length).toBeGreaterThanOrEqual(4); // login, two creates, accept
    expect(page.items.every((e) => e.actor?.id === clerk)).toBe(true);
  });

  it('filters by issue: id or tracking code (any case), and by entity type and id', async () => {
    const inspector = await t.as('inspector');
    const byCode = await list(inspector, `issue=${issue.trackingCode.toLowerCase()}`);
    expect(byCode.items.map((e) => e.action).sort()).toEqual(['issue.accept', 'issue.create']);
    expect(byCode.items.every((e) => e.trackingCode === issue.trackingCode)).toBe(true);
    expect((await list(inspector, `issue=${issue.id}`)).items).toEqual(byCode.items);
    expect((await list(inspector, `entityType=issue&entityId=${issue.id}`)).items).toEqual(byCode.items);
    expect((await list(inspector, 'issue=YX-1999-000001')).items).toEqual([]);
    const users = await list(inspector, `entityType=user&entityId=${await userId('inspector')}`);
    expect(users.items.map((e) => e.action)).toContain('login');
    expect(users.items.every((e) => e.entityType === 'user' && e.trackingCode === null)).toBe(true);
    // An id needs its type; an issue filter and an entity filter do not combine.
    const bad = await inspector.get(`/api/v1/audit?entityId=${issue.id}`);
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorJson>(bad).error.fields?.entityId).toBeTruthy();
    expect((await inspector.get(`/api/v1/audit?issue=${issue.id}&entityType=user`)).statusCode).toBe(400);
  });

  it('filters by Beijing dates, from the start of `from` to the end of `to`', async () => {
    const inspector = await t.as('inspector');
    const ns = async (q: string) => (await list(inspector, `action=calendar.edit&${q}`)).items.map((e) => e.data.n);
    expect(await ns('from=2026-03-02&to=2026-03-02')).toEqual([2, 1]);
    expect(await ns('to=2026-03-01')).toEqual([0]);
    expect(await ns('from=2026-03-03')).toEqual([3]);
    const bad = await inspector.get('/api/v1/audit?from=2026-03-03&to=2026-03-01');
    expect(bad.statusCode).toBe(400);
    expect((await inspector.get('/api/v1/audit?from=2026-13-01')).statusCode).toBe(400);
  });

  it('filters by address', async () => {
    const page = await list(await t.as('admin'), 'ip=10.0.0.3');
    expect(page.items.map((e) => e.data.n)).toEqual([2]);
  });

  it('pages newest first with a cursor that continues after exactly the last row', async () => {
    const inspector = await t.as('inspector');
    const whole = await list(inspector, 'limit=200');
    const paged = await all(inspector, '', 2);
    expect(paged.items.map((e) => e.id)).toEqual(whole.items.map((e) => e.id));
    expect(paged.pages).toBe(Math.ceil(whole.items.length / 2));
    // Ties at one instant, across a page boundary.
    const ties = await all(inspector, 'action=deadline.escalate', 2);
    expect(ties.items.map((e) => e.data.i)).toEqual([4, 3, 2, 1, 0]);
    // What is written after the first page does not shift the next one.
    const first = await list(inspector, 'action=deadline.escalate&limit=2');
    const tenantId = (await t.db.selectFrom('tenants').select('id').where('code', '!=', 'other-county').executeTakeFirstOrThrow()).id;
    await writeAudit(t.db, { tenantId, actorId: null, action: 'deadline.escalate', entityType: 'issue', entityId: other.id, at: '2026-04-01T00:00:00.000Z', data: { i: 5 } });
    const second = await list(inspector, `action=deadline.escalate&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.data.i)).toEqual([2, 1]);
  });

  it('refuses a bad cursor and a page over the limit', async () => {
    const inspector = await t.as('inspector');
    const r = await inspector.get('/api/v1/audit?cursor=bm90LWEtY3Vyc29y');
    expect(r.statusCode).toBe(400);
    expect(json<ErrorJson>(r).error.message).toContain('分页游标无效');
    expect((await inspector.get(`/api/v1/audit?limit=${LIMITS.pageSizeMax + 1}`)).statusCode).toBe(400);
    expect((await inspector.get(`/api/v1/audit?limit=${LIMITS.pageSizeMax}`)).statusCode).toBe(200);
    expect((await inspector.get('/api/v1/audit?tenantId=2')).statusCode).toBe(400);
  });
});

describe('unmasked views and exports are audited', () => {
  it('shows a reveal of the petitioner in the list, with who, the issue and the address', async () => {
    const before = await list(await t.as('inspector'), 'action=petitioner.reveal');
    expect(before.items).toEqual([]);
    const r = await (await t.as('leader')).post(`/api/v1/issues/${issue.id}/petitioner/reveal`);
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r).name).toBe('欧阳娜娜');
    const after = await list(await t.as('inspector'), 'action=petitioner.reveal');
    expect(after.items).toHaveLength(1);
    expect(after.items[0]).toMatchObject({
      actor: { username: 'leader', displayName: '副县长 陈建国' }, actionName: { zh: '查看当事人', en: 'View petitioner' },
      entityType: 'issue', entityId: String(issue.id), trackingCode: issue.trackingCode, ip: '127.0.0.1',
    });
  });

  it('audits every view or download of an attachment', async () => {
    const clerk = await t.as('clerk');
    const boundary = '----AuditBoundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="身份证.png"\r\nContent-Type: image/png\r\n\r\n`),
      Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6a5a10000000049454e44ae426082', 'hex'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await clerk.raw({ method: 'POST', url: `/api/v1/issues/${issue.id}/attachments`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(up.statusCode, up.body).toBe(201);
    const a = json<{ items: { id: number; url: string }[] }>(up).items[0]!;
    expect((await (await t.as('leader')).get(a.url)).statusCode).toBe(200);
    const page = await list(await t.as('inspector'), 'action=attachment.download');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ actor: { username: 'leader' }, trackingCode: issue.trackingCode, data: { attachmentId: a.id, filename: '身份证.png' } });
  });

  it('audits the import error sheet (it holds the file\'s rows unmasked)', async () => {
    const clerk = await t.as('clerk');
    const boundary = '----AuditImport';
    const csv = '标题,留言详情,留言时间,所在地,姓名,电话\r\n坏日期,内容,2019/2/30,东关村,张三,13800000000\r\n';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="旧台账.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from(csv), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const u = await clerk.raw({ method: 'POST', url: '/api/v1/imports/files', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(u.statusCode, u.body).toBe(200);
    const { fileId, suggested } = json<{ fileId: string; suggested: unknown }>(u);
    const sheet = await clerk.post('/api/v1/imports/error-sheet', { fileId, mapping: suggested });
    expect(sheet.statusCode, sheet.body).toBe(200);
    const page = await list(await t.as('inspector'), 'action=import.error_sheet');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      actor: { username: 'clerk' }, actionName: { zh: '下载导入错误行' }, entityType: 'import', entityId: fileId, data: { filename: '旧台账.csv', rows: 1 },
    });
  });

  it('names every action the server writes', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const written = new Set<string>();
    let templated = 0;
    for (const f of files) {
      const text = readFileSync(path.join(root, f), 'utf8');
      for (const m of text.matchAll(/writeAudit\([^;]*?action: ('([^']+)'|`([^`]+)`)/gs)) {
        if (m[2]) written.add(m[2]);
        else if (m[3] === 'issue.${input.action}') templated++;
        else throw new Error(`an audit action that is neither a literal nor a lifecycle action: ${m[3]} in ${f}`);
      }
    }
    expect(written.size).toBeGreaterThan(15);
    expect(templated).toBe(1);
    for (const a of ISSUE_ACTIONS) written.add(`issue.${a}`);
    const named = new Set(Object.keys(AUDIT_ACTION_NAMES));
    expect([...written].filter((a) => !named.has(a))).toEqual([]);
  });
});

describe('GET /audit/export', () => {
  it('exports the filtered entries as .xlsx and writes an audit.export entry', async () => {
    const inspector = await t.as('inspector');
    const r = await inspector.get(`/api/v1/audit/export?issue=${issue.trackingCode}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('审计日志-'));
    const rows = await readSheet(r.rawPayload);
    expect(rows[0]).toEqual(AUDIT_EXPORT_HEADERS);
    const listed = await list(inspector, `issue=${issue.trackingCode}&limit=200`);
    expect(rows.slice(1).map((x) => x[4])).toEqual(listed.items.map((e) => e.action));
    const create = rows.find((x) => x[4] === 'issue.create')!;
    expect(create.slice(1, 8)).toEqual(['信访局 周敏', 'clerk', '登记问题', 'issue.create', '问题', issue.trackingCode, '127.0.0.1']);
    // Excel holds the Beijing wall time.
    const at = listed.items.find((e) => e.action === 'issue.create')!.at;
    expect((create[0] as Date).getTime()).toBe(Date.parse(at) + 8 * 3600_000);
    expect(r.headers['x-export-rows']).toBe(String(listed.items.length));
    const audit = (await list(inspector, 'action=audit.export')).items[0]!;
    expect(audit).toMatchObject({ actor: { username: 'inspector' }, actionName: { zh: '导出审计日志' }, data: { query: { issue: issue.trackingCode }, rows: listed.items.length, truncated: false } });
  });

  it(`stops at ${LIMITS.exportMaxRows} rows and says so in a last row`, async () => {
    const tenantId = (await t.db.selectFrom('tenants').select('id').where('code', '!=', 'other-county').executeTakeFirstOrThrow()).id;
    const rows = Array.from({ length: LIMITS.exportMaxRows + 5 }, (_, i) => ({
      tenantId, actorId: null, action: 'issue.note', entityType: 'issue', entityId: String(other.id),
      at: new Date(Date.parse('2025-01-01T00:00:00Z') + i * 1000).toISOString(), ip: null, data: '{}',
    }));
    for (let i = 0; i < rows.length; i += 500) await t.db.insertInto('auditLog').values(rows.slice(i, i + 500)).execute();
    const r = await (await t.as('admin')).get('/api/v1/audit/export?action=issue.note');
    expect(r.statusCode).toBe(200);
    expect(r.headers['x-export-truncated']).toBe('1');
    const sheet = await readSheet(r.rawPayload);
    expect(sheet).toHaveLength(1 + LIMITS.exportMaxRows + 1);
    expect(String(sheet[sheet.length - 1]![0])).toContain(`仅导出最新的 ${LIMITS.exportMaxRows} 条`);
    // The newest first: the last exported is the sixth oldest.
    expect((sheet[LIMITS.exportMaxRows]![0] as Date).getTime()).toBe(Date.parse(rows[5]!.at) + 8 * 3600_000);
    const audit = (await list(await t.as('admin'), 'action=audit.export')).items[0]!;
    expect(audit.data).toMatchObject({ rows: LIMITS.exportMaxRows, truncated: true });
  }, 60_000);
});
