import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import type { Activity, Finding, Idea, Visit } from '../../../shared/api/activities.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function trip(c: Client, place = '东关村', kind = 'research'): Promise<Activity> {
  const start = Date.now() - 5 * H;
  const r = await c.post('/api/v1/activities', { kind, title: `${place}春耕生产调研`, orgUnitId: t.unit(place), startsAt: iso(start), endsAt: iso(start + 4 * H), cadreIds: [] });
  expect(r.statusCode, r.body).toBe(201);
  return json<Activity>(r);
}

describe('field research: who may call it', () => {
  it('requires a login', async () => {
    for (const [method, url] of [['GET', '/api/v1/activities/1/visits'], ['POST', '/api/v1/activities/1/visits'], ['POST', '/api/v1/activities/1/visits/1/reveal'],
      ['GET', '/api/v1/activities/1/findings'], ['POST', '/api/v1/activities/1/findings'], ['POST', '/api/v1/activities/1/findings/1/issue'],
      ['GET', '/api/v1/ideas'], ['POST', '/api/v1/ideas'], ['PATCH', '/api/v1/ideas/1']] as const) {
      const r = await t.anonymous.raw({ method, url, ...(method === 'GET' ? {} : { payload: '{}', headers: { 'content-type': 'application/json' } }) });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('keeps another township’s trip out of reach, and a handler from recording', async () => {
    const leader = await t.as('leader');
    const far = await trip(leader, '东湖村');
    const cadre = await t.as('cadre');
    expect((await cadre.get(`/api/v1/activities/${far.id}/visits`)).statusCode).toBe(404);
    expect((await cadre.post(`/api/v1/activities/${far.id}/visits`, { kind: 'household' })).statusCode).toBe(404);
    expect((await cadre.post(`/api/v1/activities/${far.id}/findings`, { text: '水渠堵了' })).statusCode).toBe(404);
    expect((await (await t.as('handler')).post('/api/v1/ideas', { text: '建议', source: 'resident' })).statusCode).toBe(403);
    // Visits and findings belong to research trips only.
    const lecture = await trip(cadre, '东关村', 'outreach');
    expect(json<ErrorJson>(await cadre.post(`/api/v1/activities/${lecture.id}/visits`, { kind: 'household' })).error.code).toBe('activity_not_research');
  });
});

describe('visits, findings and the suggestion bank', () => {
  it('records visits with the person met masked, and reveals them only with an audit entry', async () => {
    const cadre = await t.as('cadre');
    const a = await trip(cadre);
    const r = await cadre.post(`/api/v1/activities/${a.id}/visits`, { kind: 'farm', orgUnitId: t.unit('东关村'), placeText: '东关村四组秧田', metName: '李秀英', metPhone: '13912345678', seen: '渠道淤塞约 200 米' });
    expect(r.statusCode, r.body).toBe(201);
    const v = json<Visit>(r);
    expect(v).toMatchObject({ kind: 'farm', metName: '李**', metPhone: '139****5678', masked: true, orgUnitName: '东关村', seen: '渠道淤塞约 200 米' });
    expect(json<{ items: Visit[] }>(await cadre.get(`/api/v1/activities/${a.id}/visits`)).items.map((x) => x.id)).toEqual([v.id]);
    const shown = await cadre.post(`/api/v1/activities/${a.id}/visits/${v.id}/reveal`);
    expect(json(shown)).toEqual({ metName: '李秀英', metPhone: '13912345678' });
    expect(await t.db.selectFrom('auditLog').select('action').where('action', '=', 'visit.reveal').where('entityId', '=', String(v.id)).execute()).toHaveLength(1);
    const bad = await cadre.post(`/api/v1/activities/${a.id}/visits`, { kind: 'spaceship', metPhone: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(bad).error.fields ?? {}).sort()).toEqual(['kind', 'metPhone']);
  });

  it('turns a finding into an issue pre-filled from its visit and category, once', async () => {
    const cadre = await t.as('cadre');
    const a = await trip(cadre);
    const v = json<Visit>(await cadre.post(`/api/v1/activities/${a.id}/visits`, { kind: 'household', orgUnitId: t.unit('西关村'), placeText: '西关村二组', metName: '张伟', metPhone: '13700002222', visitedAt: iso(Date.now() - 4 * H) }));
    const category = t.category('水利水电');
    const f = json<Finding>(await cadre.post(`/api/v1/activities/${a.id}/findings`, { text: '西干渠二组段淤塞，二十多户秧田放不进水。', visitId: v.id, categoryId: category }));
    expect(f).toMatchObject({ visitId: v.id, categoryId: category, issue: null });
    expect(json<ErrorJson>(await cadre.post(`/api/v1/activities/${a.id}/findings`, { text: 'x', visitId: 99999 })).error.code).toBe('not_found');
    expect(json<ErrorJson>(await cadre.post(`/api/v1/activities/${a.id}/findings`, { text: 'x', categoryId: 99999 })).error.code).toBe('unknown_reference');

    const made = await cadre.post(`/api/v1/activities/${a.id}/findings/${f.id}/issue`, {});
    expect(made.statusCode, made.body).toBe(201);
    const issueId = json<{ id: number }>(made).id;
    const clerk = await t.as('clerk');
    const issue = json<{ channel: string; orgUnitId: number; categoryId: number; receivedAt: string; address: string; sourceActivityId: number; petitioner: { name: string } }>(await clerk.get(`/api/v1/issues/${issueId}`));
    expect(issue).toMatchObject({ channel: 'research', orgUnitId: t.unit('西关村'), categoryId: category, receivedAt: v.visitedAt, address: '西关村二组', sourceActivityId: a.id, petitioner: { name: '张*' } });
    expect(json<{ items: Finding[] }>(await cadre.get(`/api/v1/activities/${a.id}/findings`)).items[0]!.issue).toMatchObject({ id: issueId, status: 'registered', statusType: 'open' });
    const again = await cadre.post(`/api/v1/activities/${a.id}/findings/${f.id}/issue`, {});
    expect(again.statusCode).toBe(409);
    expect(json<ErrorJson>(again).error.message).toMatch(/^这条发现已登记为 YX-/);
  });

  it('keeps suggestions searchable by any substring, with a resident’s name masked, and marks them adopted', async () => {
    const cadre = await t.as('cadre');
    const a = await trip(cadre);
    const one = json<Idea>(await cadre.post('/api/v1/ideas', { text: '建议在村部设一个农资代购点，统一采购化肥更便宜。', source: 'resident', sourceName: '王建国', activityId: a.id }));
    expect(one).toMatchObject({ sourceName: '王**', activity: { id: a.id }, adopted: false });
    const two = json<Idea>(await cadre.post('/api/v1/ideas', { text: '网格员每月固定一天到组里收集问题。', source: 'cadre', sourceName: '赵强' }));
    expect(two.sourceName).toBe('赵强');
    const find = async (q: string) => json<{ items: Idea[] }>(await cadre.get(`/api/v1/ideas?q=${encodeURIComponent(q)}`)).items.map((i) => i.id);
    expect(await find('化肥')).toEqual([one.id]);
    expect(await find('网格员 收集')).toEqual([two.id]);
    expect(await find('化肥 网格员')).toEqual([]);
    const adopted = await cadre.patch(`/api/v1/ideas/${one.id}`, { adopted: true, adoptedNote: '镇供销社 3 月起在村部代购' });
    expect(json<Idea>(adopted)).toMatchObject({ adopted: true, adoptedNote: '镇供销社 3 月起在村部代购' });
    expect(json<{ items: Idea[] }>(await cadre.get('/api/v1/ideas?adopted=true')).items.map((i) => i.id)).toEqual([one.id]);
    expect(json<{ items: Idea[] }>(await cadre.get(`/api/v1/ideas?activityId=${a.id}`)).items.map((i) => i.id)).toEqual([one.id]);
    expect((await cadre.patch('/api/v1/ideas/99999', { adopted: true })).statusCode).toBe(404);
  });
});
