import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
type IssueJson = { id: number; version: number; status: string; responsibleUnitId: number | null; deadlines: { kind: string; dueAt: string; metAt: string | null }[] };
type Result = { id: number; ok: boolean; status?: string; version?: number; error?: { code: string; message: string } };
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
const URL = '/api/v1/issues/bulk-transitions';

async function register(unit = '解放路社区', accept = true): Promise<IssueJson> {
  const clerk = await t.as('clerk');
  const r = await clerk.post('/api/v1/issues', intake(t.unit(unit)));
  expect(r.statusCode, r.body).toBe(201);
  const issue = json<IssueJson>(r);
  if (!accept) return issue;
  const a = await clerk.post(`/api/v1/issues/${issue.id}/transitions`, { action: 'accept', version: issue.version });
  expect(a.statusCode, a.body).toBe(200);
  return json<IssueJson>(a);
}
const item = (i: IssueJson) => ({ id: i.id, version: i.version });
const current = async (id: number) => t.db.selectFrom('issues').select(['status', 'version', 'responsibleUnitId']).where('id', '=', id).executeTakeFirstOrThrow();
const zjj = () => t.unit('示例县住房和城乡建设局');

describe('POST /issues/bulk-transitions: who may call it', () => {
  it('requires authentication', async () => {
    const r = await t.anonymous.post(URL, { action: 'assign', unitId: 1, items: [{ id: 1, version: 1 }] });
    expect(r.statusCode).toBe(401);
    expect(json<ErrorJson>(r).error).toEqual({ code: 'unauthenticated', message: '请先登录' });
  });

  it('answers not found for issues outside the actor scope and changes nothing', async () => {
    const outside = await register('湖滨社区'); // 东湖街道, not the cadre's 城关镇
    const cadre = await t.as('cadre');
    const r = await cadre.post(URL, { action: 'assign', unitId: t.unit('东关村'), items: [item(outside)] });
    expect(r.statusCode, r.body).toBe(200);
    expect(json<{ results: Result[] }>(r).results).toEqual([
      { id: outside.id, ok: false, error: { code: 'not_found', message: '问题不存在或您无权查看' } },
    ]);
    expect(await current(outside.id)).toMatchObject({ status: 'accepted', version: outside.version, responsibleUnitId: null });
  });

  it('refuses a unit outside the actor scope for the whole request', async () => {
    const mine = await register('东关村');
    const cadre = await t.as('cadre');
    const r = await cadre.post(URL, { action: 'assign', unitId: zjj(), items: [item(mine)] });
    expect(r.statusCode).toBe(400);
    expect(json<ErrorJson>(r).error).toMatchObject({ code: 'unit_not_assignable', fields: { unitId: expect.stringMatching(/管辖范围/) } });
    expect((await current(mine.id)).status).toBe('accepted');
  });

  it('refuses the action to a role that may not take it, item by item', async () => {
    const mine = await register('东关村');
    const r = await (await t.as('cadre')).post(URL, { action: 'assign', unitId: t.unit('东关村'), items: [item(mine)] });
    expect(json<{ results: Result[] }>(r).results[0]).toMatchObject({ ok: false, error: { code: 'action_role_not_allowed' } });
    expect((await current(mine.id)).status).toBe('accepted');
  });
});

describe('POST /issues/bulk-transitions: assigning', () => {
  it('assigns each issue in its own transaction, so bad items do not stop the others', async () => {
    const good1 = await register();
    const stale = await register();
    const registered = await register('解放路社区', false);
    const good2 = await register('东关村');
    const r = await (await t.as('clerk')).post(URL, {
      action: 'assign', unitId: zjj(),
      items: [item(good1), { id: stale.id, version: stale.version - 1 }, item(registered), { id: 999999, version: 1 }, item(good2)],
    });
    expect(r.statusCode, r.body).toBe(200);
    const results = json<{ results: Result[] }>(r).results;
    expect(results.map((x) => x.id)).toEqual([good1.id, stale.id, registered.id, 999999, good2.id]);
    expect(results[0]).toEqual({ id: good1.id, ok: true, status: 'assigned', version: good1.version + 1 });
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'version_conflict', message: expect.stringMatching(/已被他人更新/) } });
    expect(results[2]).toEqual({ id: registered.id, ok: false, error: { code: 'action_not_allowed', message: '当前状态「已登记」下不能执行「交办」' } });
    expect(results[3]).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(results[4]).toMatchObject({ ok: true, status: 'assigned' });
    for (const g of [good1, good2]) expect(await current(g.id)).toEqual({ status: 'assigned', version: g.version + 1, responsibleUnitId: zjj() });
    expect(await current(stale.id)).toMatchObject({ status: 'accepted', version: stale.version, responsibleUnitId: null });
    expect((await current(registered.id)).status).toBe('registered');
    // Each success has its own timeline event and audit entry, like a single transition.
    const events = await t.db.selectFrom('timelineEvents').select('subjectId as issueId').where('type', '=', 'assign').where('subjectId', 'in', [good1.id, stale.id, registered.id, good2.id]).execute();
    expect(events.map((e) => e.issueId).sort()).toEqual([good1.id, good2.id].sort());
    const audit = await t.db.selectFrom('auditLog').select('entityId').where('action', '=', 'issue.assign').where('entityId', 'in', [String(good1.id), String(good2.id)]).execute();
    expect(audit).toHaveLength(2);
  });

  it('sets the due date on every issue when one is given, and reports a date past the statutory limit per item', async () => {
    const a = await register();
    const dueAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const r = await (await t.as('clerk')).post(URL, { action: 'assign', unitId: zjj(), dueAt, items: [item(a)] });
    expect(json<{ results: Result[] }>(r).results[0]!.ok).toBe(true);
    const handle = await t.db.selectFrom('clocks').select('dueAt').where('subjectId', '=', a.id).where('kind', '=', 'handle').executeTakeFirstOrThrow();
    expect(handle.dueAt).toBe(dueAt);
    const b = await register();
    const late = await (await t.as('clerk')).post(URL, { action: 'assign', unitId: zjj(), dueAt: new Date(Date.now() + 400 * 86_400_000).toISOString(), items: [item(b)] });
    expect(json<{ results: Result[] }>(late).results[0]).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/法定期限/) } });
  });

  it('answers in English when asked', async () => {
    const a = await register('解放路社区', false);
    const r = await (await t.as('clerk', 'en')).post(URL, { action: 'assign', unitId: zjj(), items: [item(a)] });
    expect(json<{ results: Result[] }>(r).results[0]!.error!.message).toBe('Cannot "Assign" while the issue is "Registered"');
  });

  it('handles the largest batch', async () => {
    const made: IssueJson[] = [];
    for (let i = 0; i < 12; i++) made.push(await register());
    const items = [...made.map(item), ...Array.from({ length: 200 - made.length }, (_, i) => ({ id: 900000 + i, version: 1 }))];
    const r = await (await t.as('clerk')).post(URL, { action: 'assign', unitId: zjj(), items });
    expect(r.statusCode, r.body).toBe(200);
    const results = json<{ results: Result[] }>(r).results;
    expect(results).toHaveLength(200);
    expect(results.filter((x) => x.ok).map((x) => x.id)).toEqual(made.map((m) => m.id));
  });
});

describe('POST /issues/bulk-transitions: bad input', () => {
  it.each([
    ['no items', { action: 'assign', unitId: 1, items: [] }, 'items'],
    ['too many items', { action: 'assign', unitId: 1, items: Array.from({ length: 201 }, (_, i) => ({ id: i + 1, version: 1 })) }, 'items'],
    ['another action', { action: 'close', unitId: 1, items: [{ id: 1, version: 1 }] }, 'action'],
    ['a missing unit', { action: 'assign', items: [{ id: 1, version: 1 }] }, 'unitId'],
    ['an item without a version', { action: 'assign', unitId: 1, items: [{ id: 1 }] }, 'items.0.version'],
    ['an unknown field', { action: 'assign', unitId: 1, items: [{ id: 1, version: 1 }], note: 'x' }, 'note'],
    ['a bad date', { action: 'assign', unitId: 1, dueAt: '下周', items: [{ id: 1, version: 1 }] }, 'dueAt'],
  ])('refuses %s with 400 naming the field', async (_name, body, field) => {
    const r = await (await t.as('clerk')).post(URL, body);
    expect(r.statusCode).toBe(400);
    const err = json<ErrorJson>(r).error;
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(err.fields ?? {})).toContain(field);
  });

  it('refuses a due date in the past for the whole request', async () => {
    const a = await register();
    const r = await (await t.as('clerk')).post(URL, { action: 'assign', unitId: zjj(), dueAt: '2020-01-01T00:00:00+08:00', items: [item(a)] });
    expect(r.statusCode).toBe(400);
    expect(json<ErrorJson>(r).error.fields).toHaveProperty('dueAt');
    expect((await current(a.id)).status).toBe('accepted');
  });
});
