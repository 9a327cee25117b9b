import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import type { Activity } from '../../../shared/api/activities.ts';
import type { AgendaItem, Onsite, OnsiteTasks } from '../../../shared/api/onsite.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
const code = (r: { body: string }) => json<ErrorJson>(r).error.code;
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const HOUSING = '示例县住房和城乡建设局';
const TRANSPORT = '示例县交通运输局';
const EDUCATION = '示例县教育局';

async function session(c: Client, place = '城关镇'): Promise<Activity> {
  const start = Date.now() - 3 * H;
  const r = await c.post('/api/v1/activities', { kind: 'onsite', title: `${place}现场办公会`, orgUnitId: t.unit(place), startsAt: iso(start), endsAt: iso(start + 2 * H), cadreIds: [] });
  expect(r.statusCode, r.body).toBe(201);
  return json<Activity>(r);
}
async function issue(place = '解放路社区', title = '解放路路灯损坏'): Promise<{ id: number; trackingCode: string; version: number }> {
  const r = await (await t.as('clerk')).post('/api/v1/issues', intake(t.unit(place), { title }));
  expect(r.statusCode, r.body).toBe(201);
  return json(r);
}
async function timeline(id: number) {
  return json<{ items: { type: string; actorName: string | null; data: Record<string, unknown> }[] }>(await (await t.as('clerk')).get(`/api/v1/issues/${id}/timeline`)).items;
}

describe('on-site office sessions: who may call it', () => {
  it('requires a login', async () => {
    for (const [method, url] of [['GET', '/api/v1/activities/1/onsite'], ['PUT', '/api/v1/activities/1/onsite/units'], ['POST', '/api/v1/activities/1/agenda'],
      ['DELETE', '/api/v1/activities/1/agenda/1'], ['POST', '/api/v1/activities/1/agenda/1/solve'], ['POST', '/api/v1/activities/1/agenda/1/sign'],
      ['POST', '/api/v1/activities/1/agenda/1/followup'], ['POST', '/api/v1/activities/1/agenda/1/leave'], ['GET', '/api/v1/onsite-tasks']] as const) {
      const r = await t.anonymous.raw({ method, url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: '{}', headers: { 'content-type': 'application/json' } }) });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('keeps another township’s session out of reach, and a department from editing the agenda', async () => {
    const leader = await t.as('leader');
    const far = await session(leader, '东湖街道');
    const cadre = await t.as('cadre');
    expect((await cadre.get(`/api/v1/activities/${far.id}/onsite`)).statusCode).toBe(404);
    expect((await cadre.put(`/api/v1/activities/${far.id}/onsite/units`, { unitIds: [] })).statusCode).toBe(404);
    const handler = await t.as('handler');
    const i = await issue('东湖村');
    expect((await handler.post(`/api/v1/activities/${far.id}/agenda`, { issueId: i.id })).statusCode).toBe(404);
    // A department with no part in the session learns nothing of it; signing for its own unit, it is told the unit did not come.
    expect((await handler.post(`/api/v1/activities/${far.id}/agenda/1/sign`, { unitId: t.unit(TRANSPORT) })).statusCode).toBe(404);
    expect(code(await handler.post(`/api/v1/activities/${far.id}/agenda/1/sign`, { unitId: t.unit(HOUSING) }))).toBe('onsite_unit_not_present');
    // Only on-site sessions have an agenda.
    const start = Date.now() - 3 * H;
    const lecture = json<Activity>(await leader.post('/api/v1/activities', { kind: 'outreach', title: '宣讲', orgUnitId: t.unit('城关镇'), startsAt: iso(start), endsAt: iso(start + H), cadreIds: [] }));
    expect(code(await leader.get(`/api/v1/activities/${lecture.id}/onsite`))).toBe('activity_not_onsite');
  });
});

describe('an on-site session solves, follows up and leaves its agenda items', () => {
  it('solves an item on the spot once every named department signed, through the lifecycle', async () => {
    const leader = await t.as('leader');
    const s = await session(leader);
    let r = await leader.put(`/api/v1/activities/${s.id}/onsite/units`, { unitIds: [t.unit(HOUSING), t.unit(TRANSPORT)] });
    expect(r.statusCode, r.body).toBe(200);
    expect(json<Onsite>(r).units.map((u) => u.name).sort()).toEqual([HOUSING, TRANSPORT].sort());

    // The agenda holds issues of the session's place only.
    const outside = await issue('东湖村', '东湖村道路破损');
    r = await leader.post(`/api/v1/activities/${s.id}/agenda`, { issueId: outside.id });
    expect(r.statusCode).toBe(422);
    expect(json<ErrorJson>(r).error).toMatchObject({ code: 'onsite_issue_out_of_place' });
    expect(json<ErrorJson>(r).error.message).toContain('不在本次现场办公的地点「城关镇」范围内');
    const lamp = await issue();
    r = await leader.post(`/api/v1/activities/${s.id}/agenda`, { issueId: lamp.id });
    expect(r.statusCode, r.body).toBe(201);
    const item = json<AgendaItem>(r);
    expect(item).toMatchObject({ outcome: 'pending', issue: { id: lamp.id, status: 'registered' } });
    expect(code(await leader.post(`/api/v1/activities/${s.id}/agenda`, { issueId: lamp.id }))).toBe('onsite_item_exists');

    // Named departments must be present.
    r = await leader.post(`/api/v1/activities/${s.id}/agenda/${item.id}/solve`, { unitIds: [t.unit(HOUSING), t.unit(EDUCATION)], solution: '现场确定维修方案' });
    expect(r.statusCode).toBe(422);
    expect(json<ErrorJson>(r).error.message).toBe(`「${EDUCATION}」没有参加本次现场办公，不能签字或被列为解决单位`);
    r = await leader.post(`/api/v1/activities/${s.id}/agenda/${item.id}/solve`, { unitIds: [t.unit(HOUSING), t.unit(TRANSPORT)], solution: '住建局当天更换灯具，交通局负责夜间施工围挡。' });
    expect(r.statusCode, r.body).toBe(200);
    expect(json<AgendaItem>(r).signoffs.map((x) => x.signedAt)).toEqual([null, null]);
    // A unit a solved item waits on cannot leave the table.
    expect(code(await leader.put(`/api/v1/activities/${s.id}/onsite/units`, { unitIds: [t.unit(HOUSING)] }))).toBe('onsite_unit_in_use');

    // A user of a unit that did not come cannot sign for it; one of a present unit sees the item on the workbench and signs.
    r = await (await t.as('handler-jyj')).post(`/api/v1/activities/${s.id}/agenda/${item.id}/sign`, { unitId: t.unit(EDUCATION) });
    expect(r.statusCode).toBe(422);
    expect(json<ErrorJson>(r).error.code).toBe('onsite_unit_not_present');
    const housing = await t.as('handler');
    const tasks = json<OnsiteTasks>(await housing.get('/api/v1/onsite-tasks'));
    expect(tasks.toSign.map((x) => [x.itemId, x.unit.name])).toEqual([[item.id, HOUSING]]);
    expect(code(await housing.post(`/api/v1/activities/${s.id}/agenda/${item.id}/sign`, { unitId: t.unit(TRANSPORT) }))).toBe('onsite_sign_forbidden');
    r = await housing.post(`/api/v1/activities/${s.id}/agenda/${item.id}/sign`, { unitId: t.unit(HOUSING) });
    expect(r.statusCode, r.body).toBe(200);
    expect(json<AgendaItem>(r)).toMatchObject({ completedAt: null });
    expect(json<AgendaItem>(r).signoffs.find((x) => x.unit.name === HOUSING)).toMatchObject({ signerName: '住房和城乡建设局 承办人', inApp: true });
    expect((await timeline(lamp.id)).map((e) => e.type)).not.toContain('reply');

    // The recorder records the last signature with the signer's name; then the issue is replied through the lifecycle.
    r = await leader.post(`/api/v1/activities/${s.id}/agenda/${item.id}/sign`, { unitId: t.unit(TRANSPORT) });
    expect(r.statusCode).toBe(400);
    expect(code(r)).toBe('onsite_signer_needed');
    r = await leader.post(`/api/v1/activities/${s.id}/agenda/${item.id}/sign`, { unitId: t.unit(TRANSPORT), signerName: '李明' });
    expect(r.statusCode, r.body).toBe(200);
    const done = json<AgendaItem>(r);
    expect(done.completedAt).not.toBeNull();
    expect(done.issue.status).toBe('replied');
    expect(done.signoffs.find((x) => x.unit.name === TRANSPORT)).toMatchObject({ signerName: '李明', inApp: false });
    const events = await timeline(lamp.id);
    expect(events.filter((e) => ['accept', 'assign', 'start', 'reply'].includes(e.type)).map((e) => e.type)).toEqual(['accept', 'assign', 'start', 'reply']);
    const reply = events.find((e) => e.type === 'reply')!;
    expect(reply.actorName).toBe('副县长 陈建国');
    expect(String(reply.data.text)).toContain(`现场办公「${s.title}」现场解决`);
    expect(String(reply.data.text)).toContain('交通运输局（李明）');
    expect(events.find((e) => e.type === 'onsite')?.data).toMatchObject({ activityId: s.id, onsiteOutcome: 'solved' });
    // Done is done.
    expect(code(await leader.post(`/api/v1/activities/${s.id}/agenda/${item.id}/leave`, {}))).toBe('onsite_item_decided');
    expect(json<OnsiteTasks>(await housing.get('/api/v1/onsite-tasks')).toSign).toEqual([]);
  });

  it('follows an item up: assigned with the deadline on its clock, on the unit’s list, met when replied in time', async () => {
    const leader = await t.as('leader');
    const s = await session(leader);
    const school = await issue('解放路社区', '解放路小学门口接送拥堵');
    const item = json<AgendaItem>(await leader.post(`/api/v1/activities/${s.id}/agenda`, { issueId: school.id }));
    let r = await leader.post(`/api/v1/activities/${s.id}/agenda/${item.id}/followup`, { unitId: t.unit(EDUCATION), dueAt: iso(Date.now() - H), task: '错峰放学方案' });
    expect(r.statusCode).toBe(400);
    expect(json<ErrorJson>(r).error.message).toBe('跟进期限必须晚于当前时间');
    const due = iso(Date.now() + 10 * 24 * H);
    r = await leader.post(`/api/v1/activities/${s.id}/agenda/${item.id}/followup`, { unitId: t.unit(EDUCATION), dueAt: due, task: '十日内拿出错峰放学方案' });
    expect(r.statusCode, r.body).toBe(200);
    expect(json<AgendaItem>(r)).toMatchObject({ outcome: 'followup', followup: { unit: { name: EDUCATION }, dueAt: due, state: 'running', doneAt: null }, issue: { status: 'assigned', responsibleUnitName: EDUCATION } });
    const handle = await t.db.selectFrom('clocks').select(['dueAt', 'metAt']).where('subjectType', '=', 'issue').where('subjectId', '=', school.id).where('kind', '=', 'handle').executeTakeFirstOrThrow();
    expect(handle.dueAt).toBe(due);

    const edu = await t.as('handler-jyj');
    const tasks = json<OnsiteTasks>(await edu.get('/api/v1/onsite-tasks'));
    expect(tasks.followups.map((f) => [f.itemId, f.followup.state, f.task])).toEqual([[item.id, 'running', '十日内拿出错峰放学方案']]);
    expect(json<OnsiteTasks>(await (await t.as('handler')).get('/api/v1/onsite-tasks')).followups).toEqual([]);

    let cur = json<{ version: number }>(await edu.get(`/api/v1/issues/${school.id}`));
    cur = json(await edu.post(`/api/v1/issues/${school.id}/transitions`, { version: cur.version, action: 'start', note: '已联系学校' }));
    r = await edu.post(`/api/v1/issues/${school.id}/transitions`, { version: cur.version, action: 'reply', outcome: 'support', text: '已实行错峰放学。' });
    expect(r.statusCode, r.body).toBe(200);
    const onsite = json<Onsite>(await leader.get(`/api/v1/activities/${s.id}/onsite`));
    expect(onsite.items[0]!.followup).toMatchObject({ state: 'met' });
    expect(onsite.items[0]!.followup!.doneAt).not.toBeNull();
  });

  it('refuses what the session cannot do: another unit’s case, a responsible unit not at the table', async () => {
    const leader = await t.as('leader');
    const clerk = await t.as('clerk');
    const s = await session(leader);
    await leader.put(`/api/v1/activities/${s.id}/onsite/units`, { unitIds: [t.unit(TRANSPORT)] });
    let i = await issue('解放路社区', '解放路积水');
    i = json(await clerk.post(`/api/v1/issues/${i.id}/transitions`, { version: i.version, action: 'accept' }));
    i = json(await clerk.post(`/api/v1/issues/${i.id}/transitions`, { version: i.version, action: 'assign', unitId: t.unit(HOUSING) }));
    const item = json<AgendaItem>(await leader.post(`/api/v1/activities/${s.id}/agenda`, { issueId: i.id }));
    let r = await leader.post(`/api/v1/activities/${s.id}/agenda/${item.id}/solve`, { unitIds: [t.unit(TRANSPORT)], solution: '现场疏通' });
    expect(r.statusCode).toBe(422);
    expect(json<ErrorJson>(r).error.message).toBe(`问题 ${i.trackingCode} 已交办「${HOUSING}」，现场解决须由其参加并列为解决单位`);
    r = await leader.post(`/api/v1/activities/${s.id}/agenda/${item.id}/followup`, { unitId: t.unit(TRANSPORT), dueAt: iso(Date.now() + 5 * 24 * H), task: '疏通' });
    expect(code(r)).toBe('onsite_followup_other_unit');
    // The unit that holds it may follow it up: its clock is brought forward, with a note on the timeline.
    const due = iso(Date.now() + 5 * 24 * H);
    r = await leader.post(`/api/v1/activities/${s.id}/agenda/${item.id}/followup`, { unitId: t.unit(HOUSING), dueAt: due, task: '五日内疏通' });
    expect(r.statusCode, r.body).toBe(200);
    const clock = await t.db.selectFrom('clocks').select('dueAt').where('subjectType', '=', 'issue').where('subjectId', '=', i.id).where('kind', '=', 'handle').executeTakeFirstOrThrow();
    expect(clock.dueAt).toBe(due);
    expect((await timeline(i.id)).some((e) => e.type === 'note' && String(e.data.note).includes('五日内疏通'))).toBe(true);
    const issueNow = json<{ nextDueAt: string }>(await clerk.get(`/api/v1/issues/${i.id}`));
    expect(issueNow.nextDueAt).toBe(due);

    // Left for later, and off the agenda while nothing was done on it.
    const other = await issue('解放路社区', '解放路噪音');
    const left = json<AgendaItem>(await leader.post(`/api/v1/activities/${s.id}/agenda`, { issueId: other.id }));
    r = await leader.post(`/api/v1/activities/${s.id}/agenda/${left.id}/leave`, { reason: '待规划调整后再议' });
    expect(json<AgendaItem>(r)).toMatchObject({ outcome: 'left', note: '待规划调整后再议' });
    expect((await leader.raw({ method: 'DELETE', url: `/api/v1/activities/${s.id}/agenda/${left.id}` })).statusCode).toBe(204);
    expect(code(await leader.raw({ method: 'DELETE', url: `/api/v1/activities/${s.id}/agenda/${item.id}` }))).toBe('onsite_item_decided');
    // Bad bodies name their fields.
    r = await leader.post(`/api/v1/activities/${s.id}/agenda/${item.id}/solve`, { unitIds: [], solution: '' });
    expect(r.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(r).error.fields ?? {}).sort()).toEqual(['solution', 'unitIds']);
    // Every write is audited.
    const actions = (await t.db.selectFrom('auditLog').select('action').where('entityType', '=', 'activity').where('entityId', '=', String(s.id)).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['onsite.units', 'onsite.agenda_add', 'onsite.followup', 'onsite.leave', 'onsite.agenda_remove']));
  });
});
