import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
type IssueJson = { id: number; version: number; status: string; allowedActions: string[]; deadlines: { kind: string; dueAt: string; metAt: string | null }[]; [k: string]: unknown };

async function register(unitName = '解放路社区', extra: Record<string, unknown> = {}): Promise<IssueJson> {
  const clerk = await t.as('clerk');
  const r = await clerk.post('/api/v1/issues', intake(t.unit(unitName), extra));
  expect(r.statusCode, r.body).toBe(201);
  return json<IssueJson>(r);
}

async function act(username: string, issue: { id: number; version: number }, body: Record<string, unknown>) {
  const c = await t.as(username);
  return c.post(`/api/v1/issues/${issue.id}/transitions`, { version: issue.version, ...body });
}

describe('issues API', () => {
  it('requires authentication', async () => {
    expect((await t.anonymous.get('/api/v1/issues')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/v1/issues', intake(1))).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/v1/issues/1')).statusCode).toBe(401);
    const r = await t.anonymous.post('/api/v1/issues/1/transitions', { action: 'accept', version: 1 });
    expect(r.statusCode).toBe(401);
    expect(json<{ error: { code: string; message: string } }>(r).error).toEqual({ code: 'unauthenticated', message: '请先登录' });
  });

  it('hides issues outside the actor scope as 404, for reads and actions', async () => {
    const other = await register('湖滨社区'); // 东湖街道, not the cadre's 城关镇
    const cadre = await t.as('cadre');
    expect((await cadre.get(`/api/v1/issues/${other.id}`)).statusCode).toBe(404);
    expect((await cadre.post(`/api/v1/issues/${other.id}/transitions`, { action: 'note', version: other.version, note: '看看' })).statusCode).toBe(404);
    expect((await cadre.get(`/api/v1/issues/${other.id}/timeline`)).statusCode).toBe(404);
    const list = json<{ items: IssueJson[] }>(await cadre.get('/api/v1/issues?limit=200'));
    expect(list.items.map((i) => i.id)).not.toContain(other.id);
    // …and cannot register one there either.
    const r = await cadre.post('/api/v1/issues', intake(t.unit('湖滨社区')));
    expect(r.statusCode).toBe(400);
    expect(json<{ error: { fields: Record<string, string> } }>(r).error.fields.orgUnitId).toMatch(/管辖范围/);
  });

  it('lets a township cadre see and register issues in its own township', async () => {
    const cadre = await t.as('cadre');
    const r = await cadre.post('/api/v1/issues', intake(t.unit('东关村'), { channel: 'research', kind: 'suggestion' }));
    expect(r.statusCode, r.body).toBe(201);
    const mine = json<IssueJson>(r);
    expect((await cadre.get(`/api/v1/issues/${mine.id}`)).statusCode).toBe(200);
    expect(mine.allowedActions).toEqual(['note']);
  });

  it('shows a department handler only what was assigned to its unit', async () => {
    const handler = await t.as('handler');
    const issue = await register();
    expect((await handler.get(`/api/v1/issues/${issue.id}`)).statusCode).toBe(404);
    const accepted = json<IssueJson>(await act('clerk', issue, { action: 'accept' }));
    const assigned = json<IssueJson>(await act('clerk', accepted, { action: 'assign', unitId: t.unit('示例县住房和城乡建设局') }));
    const seen = await handler.get(`/api/v1/issues/${issue.id}`);
    expect(seen.statusCode).toBe(200);
    expect(json<IssueJson>(seen).allowedActions).toEqual(expect.arrayContaining(['start', 'return', 'note']));
    const list = json<{ items: IssueJson[] }>(await handler.get('/api/v1/issues?limit=200'));
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i) => i.responsibleUnitId === t.unit('示例县住房和城乡建设局'))).toBe(true);
    // Another department's handler does not see it.
    expect((await (await t.as('handler-jyj')).get(`/api/v1/issues/${assigned.id}`)).statusCode).toBe(404);
    // The place is outside the handler's own subtree, yet its name comes with the issue.
    expect(json<IssueJson>(seen)).toMatchObject({ orgUnitName: '解放路社区', responsibleUnitName: '示例县住房和城乡建设局' });
  });

  it('runs the whole lifecycle with deadlines and a timeline event per step', async () => {
    const issue = await register('解放路社区', { receivedAt: '2026-11-20T09:00:00+08:00' });
    expect(issue.trackingCode).toMatch(/^YX-\d{4}-\d{6}$/);
    expect(issue.status).toBe('registered');
    expect(issue.deadlines).toEqual([expect.objectContaining({ kind: 'accept', startedAt: '2026-11-20T01:00:00.000Z', dueAt: '2026-12-07T15:59:59.999Z', metAt: null })]);
    let cur = json<IssueJson>(await act('clerk', issue, { action: 'accept' }));
    expect(cur.status).toBe('accepted');
    expect(cur.deadlines.find((d) => d.kind === 'accept')!.metAt).not.toBeNull();
    expect(cur.deadlines.find((d) => d.kind === 'handle')).toBeDefined();
    cur = json<IssueJson>(await act('clerk', cur, { action: 'assign', unitId: t.unit('示例县住房和城乡建设局') }));
    expect(cur.status).toBe('assigned');
    cur = json<IssueJson>(await act('handler', cur, { action: 'start', note: '已电话联系诉求人' }));
    cur = json<IssueJson>(await act('handler', cur, { action: 'reply', outcome: 'support', text: '已修复路灯' }));
    expect(cur.status).toBe('replied');
    expect(cur.deadlines.find((d) => d.kind === 'handle')!.metAt).not.toBeNull();
    expect(cur.deadlines.find((d) => d.kind === 'review_request')).toBeDefined();
    cur = json<IssueJson>(await act('clerk', cur, { action: 'callback', resolved: true, satisfaction: 'satisfied' }));
    cur = json<IssueJson>(await act('clerk', cur, { action: 'close' }));
    expect(cur.status).toBe('closed');
    expect(cur.statusType).toBe('resolved');
    const tl = json<{ items: { type: string; fromStatus: string | null; toStatus: string | null }[] }>(await (await t.as('clerk')).get(`/api/v1/issues/${cur.id}/timeline`));
    expect(tl.items.map((e) => e.type)).toEqual(['create', 'accept', 'assign', 'start', 'reply', 'callback', 'close']);
    const audit = await t.db.selectFrom('auditLog').select('action').where('entityType', '=', 'issue').where('entityId', '=', String(cur.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['issue.create', 'issue.accept', 'issue.assign', 'issue.start', 'issue.reply', 'issue.callback', 'issue.close']);
  });

  it('closes an unresolved call-back as closed_unresolved, never as resolved', async () => {
    let cur = await register();
    for (const [u, body] of [
      ['clerk', { action: 'accept' }], ['clerk', { action: 'assign', unitId: t.unit('示例县住房和城乡建设局') }],
      ['handler', { action: 'start', note: '联系' }], ['handler', { action: 'reply', outcome: 'reject', text: '不符合政策' }],
      ['clerk', { action: 'callback', resolved: false, satisfaction: 'unsatisfied' }], ['clerk', { action: 'close' }],
    ] as const) {
      const r = await act(u, cur, body);
      expect(r.statusCode, r.body).toBe(200);
      cur = json<IssueJson>(r);
    }
    expect(cur.status).toBe('closed_unresolved');
    expect(cur.statusType).toBe('unresolved');
  });

  it('gives one of two concurrent transitions a 409', async () => {
    const issue = await register();
    const [a, b] = await Promise.all([
      act('clerk', issue, { action: 'accept' }),
      act('clerk', issue, { action: 'decline', reason: '不属于受理范围', properChannel: '向法院起诉' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = [a, b].find((r) => r.statusCode === 409)!;
    expect(json<{ error: { code: string; message: string } }>(loser).error.message).toMatch(/已被他人更新/);
    const events = await t.db.selectFrom('timelineEvents').select('type').where('subjectId', '=', issue.id).execute();
    expect(events).toHaveLength(2);
  });

  it('refuses an action from the wrong state or role with 422', async () => {
    const issue = await register();
    const r = await act('clerk', issue, { action: 'close' });
    expect(r.statusCode).toBe(422);
    expect(json<{ error: { code: string; message: string } }>(r).error.message).toBe('当前状态「已登记」下不能执行「办结」');
    const r2 = await act('leader', issue, { action: 'accept' });
    expect(r2.statusCode).toBe(422);
    expect(json<{ error: { code: string } }>(r2).error.code).toBe('action_role_not_allowed');
    const en = await (await t.as('clerk', 'en')).post(`/api/v1/issues/${issue.id}/transitions`, { action: 'close', version: 1 });
    expect(json<{ error: { message: string } }>(en).error.message).toBe('Cannot "Close" while the issue is "Registered"');
  });

  it('filters the list and paginates with a cursor', async () => {
    const clerk = await t.as('clerk');
    await register('东关村', { channel: 'phone', title: '独特标题甲乙丙', body: '内容里有一个独特词语丁戊己' });
    const byText = json<{ items: IssueJson[] }>(await clerk.get(`/api/v1/issues?q=${encodeURIComponent('丁戊己')}`));
    expect(byText.items).toHaveLength(1);
    const phone = json<{ items: IssueJson[] }>(await clerk.get('/api/v1/issues?channel=phone&limit=200'));
    expect(phone.items.length).toBeGreaterThan(0);
    expect(phone.items.every((i) => i.channel === 'phone')).toBe(true);
    const unit = json<{ items: IssueJson[] }>(await clerk.get(`/api/v1/issues?unitId=${t.unit('城关镇')}&limit=200`));
    expect(unit.items.length).toBeGreaterThan(0);
    const p1 = json<{ items: IssueJson[]; nextCursor: string | null }>(await clerk.get('/api/v1/issues?limit=2'));
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = json<{ items: IssueJson[] }>(await clerk.get(`/api/v1/issues?limit=2&cursor=${p1.nextCursor}`));
    expect(p2.items[0]!.id).toBeLessThan(p1.items[1]!.id);
    const closed = json<{ items: IssueJson[] }>(await clerk.get('/api/v1/issues?status=registered&overdue=false&from=2020-01-01&to=2099-01-01'));
    expect(closed.items.every((i) => i.status === 'registered')).toBe(true);
  });

  it('masks the petitioner and audits every reveal', async () => {
    const issue = await register();
    expect(issue.petitioner).toEqual({ name: '王**', phone: '138****5678', idNumber: null, address: null, masked: true });
    const cadre = await t.as('inspector');
    expect((await cadre.post(`/api/v1/issues/${issue.id}/petitioner/reveal`)).statusCode).toBe(403);
    const r = await (await t.as('clerk')).post(`/api/v1/issues/${issue.id}/petitioner/reveal`);
    expect(r.statusCode).toBe(200);
    expect(json(r)).toMatchObject({ name: '王建国', phone: '13812345678', masked: false });
    const audit = await t.db.selectFrom('auditLog').select('action').where('action', '=', 'petitioner.reveal').where('entityId', '=', String(issue.id)).execute();
    expect(audit).toHaveLength(1);
  });
});

describe('bad input', () => {
  const count = async () => Number((await t.db.selectFrom('issues').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it.each([
    ['malformed JSON', '{"title": ', 400, 'invalid_json', undefined],
    ['an unknown field', JSON.stringify({ ...intake(1), colour: 'red' }), 400, 'validation', 'colour'],
    ['a wrong type', JSON.stringify({ ...intake(1), orgUnitId: 'abc' }), 400, 'validation', 'orgUnitId'],
    ['a missing body', JSON.stringify({ ...intake(1), body: undefined }), 400, 'validation', 'body'],
    ['an unknown channel', JSON.stringify({ ...intake(1), channel: 'pigeon' }), 400, 'validation', 'channel'],
    ['oversize text', JSON.stringify({ ...intake(1), title: '长'.repeat(201) }), 400, 'validation', 'title'],
    ['a bad date', JSON.stringify({ ...intake(1), receivedAt: '昨天' }), 400, 'validation', 'receivedAt'],
    // Text the databases cannot store: a NUL, half a surrogate pair (PostgreSQL's JSON functions reject its escape).
    ['a NUL in the body', JSON.stringify({ ...intake(1), body: '路灯\u0000不亮' }), 400, 'validation', 'body'],
    ['half a surrogate pair', JSON.stringify({ ...intake(1), petitioner: { name: 'x\ud800y' } }), 400, 'validation', 'petitioner.name'],
  ])('rejects %s with a Chinese message naming the field', async (_name, payload, status, code, field) => {
    const before = await count();
    const clerk = await t.as('clerk');
    const r = await clerk.raw({ method: 'POST', url: '/api/v1/issues', payload, headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(status);
    const err = json<{ error: { code: string; message: string; fields?: Record<string, string> } }>(r).error;
    expect(err.code).toBe(code);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    if (field) expect(Object.keys(err.fields ?? {})).toContain(field);
    expect(r.body).not.toMatch(/at .*\.ts:\d+/);
    expect(await count()).toBe(before);
  });

  it('rejects unknown ids and a future received time', async () => {
    const clerk = await t.as('clerk');
    expect((await clerk.post('/api/v1/issues', intake(999999))).statusCode).toBe(400);
    expect((await clerk.post('/api/v1/issues', intake(t.unit('东关村'), { categoryId: 999999 }))).statusCode).toBe(400);
    expect((await clerk.post('/api/v1/issues', intake(t.unit('东关村'), { receivedAt: '2099-01-01T00:00:00Z' }))).statusCode).toBe(400);
    expect((await clerk.get('/api/v1/issues/999999')).statusCode).toBe(404);
    expect((await clerk.post('/api/v1/issues/999999/transitions', { action: 'accept', version: 1 })).statusCode).toBe(404);
  });

  it('names the fields an action needs', async () => {
    const issue = await register();
    const r = await act('clerk', issue, { action: 'decline' });
    expect(r.statusCode).toBe(400);
    const err = json<{ error: { fields: Record<string, string> } }>(r).error;
    expect(Object.keys(err.fields).sort()).toEqual(['properChannel', 'reason']);
  });

  it('answers in English when asked', async () => {
    const r = await (await t.as('clerk', 'en')).post('/api/v1/issues', { ...intake(1), colour: 1 });
    expect(json<{ error: { message: string } }>(r).error.message).toMatch(/Unknown field "colour"/);
  });
});

describe('field messages in the client language', () => {
  it('names the missing fields of an action in English when asked', async () => {
    const issue = await register();
    const en = await (await t.as('clerk', 'en')).post(`/api/v1/issues/${issue.id}/transitions`, { action: 'decline', version: issue.version });
    expect(en.statusCode).toBe(400);
    const fields = json<{ error: { fields: Record<string, string> } }>(en).error.fields;
    expect(fields.reason).toBe('"Decline" needs reason');
    expect(Object.values(fields).join('')).not.toMatch(/[\u4e00-\u9fff]/);
    const zh = await (await t.as('clerk')).post(`/api/v1/issues/${issue.id}/transitions`, { action: 'decline', version: issue.version });
    expect(json<{ error: { fields: Record<string, string> } }>(zh).error.fields.reason).toBe('「不予受理」需要填写「理由」');
  });

  it('never sends Chinese-only field messages to an English client', async () => {
    const r = await (await t.as('clerk', 'en')).post('/api/v1/issues', intake(t.unit('湖滨社区'), { receivedAt: '2099-01-01T00:00:00Z' }));
    expect(r.statusCode).toBe(400);
    const body = json<{ error: { message: string; fields: Record<string, string> } }>(r).error;
    expect(body.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(Object.values(body.fields).join('')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('a petitioner met before', () => {
  it('keeps the name, ID and address given now when the earlier record (found by phone) lacked them, and changes nothing it had', async () => {
    const clerk = await t.as('clerk');
    const first = await register('解放路社区', { petitioner: { phone: '13700001111' } });
    const second = await register('解放路社区', { petitioner: { name: '刘芳', phone: '13700001111', address: '解放路 8 号' } });
    const reveal = async (id: number) => JSON.parse((await clerk.post(`/api/v1/issues/${id}/petitioner/reveal`)).body) as { name: string | null; address: string | null };
    expect(await reveal(second.id)).toMatchObject({ name: '刘芳', address: '解放路 8 号' });
    // The same person, so the first issue now names them too.
    expect(await reveal(first.id)).toMatchObject({ name: '刘芳' });
    const third = await register('解放路社区', { petitioner: { name: '刘芳芳', phone: '13700001111' } });
    expect(await reveal(third.id)).toMatchObject({ name: '刘芳', address: '解放路 8 号' });
  });
});
