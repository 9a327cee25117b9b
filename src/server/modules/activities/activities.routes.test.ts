import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import type { Activity, Case, FeedbackSummary } from '../../../shared/api/activities.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A lecture at a place, two hours, starting `agoH` hours ago (negative: ahead). */
function lecture(place: string, agoH: number, extra: Record<string, unknown> = {}) {
  const start = Date.now() - agoH * H;
  return {
    kind: 'outreach', title: '惠农补贴政策宣讲', orgUnitId: t.unit(place), startsAt: iso(start), endsAt: iso(start + 2 * H), placeText: `${place}村部会议室`,
    cadreIds: [], participantCount: 40, audienceType: 'farmers', materials: [{ title: '补贴标准明白纸' }], ...extra,
  };
}
async function create(c: Client, body: Record<string, unknown>): Promise<Activity> {
  const r = await c.post('/api/v1/activities', body);
  expect(r.statusCode, r.body).toBe(201);
  return json<Activity>(r);
}
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const postForm = (path: string, fields: Record<string, string>, ip = '10.0.0.1') => t.app.inject({
  method: 'POST', url: path, payload: form(fields), remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('activities: who may call them', () => {
  it('requires a login for every staff route', async () => {
    const urls: Array<['GET' | 'POST' | 'PATCH' | 'PUT', string]> = [
      ['GET', '/api/v1/activities'], ['POST', '/api/v1/activities'], ['GET', '/api/v1/activities/1'], ['PATCH', '/api/v1/activities/1'],
      ['GET', '/api/v1/activities/1/issues'], ['POST', '/api/v1/activities/1/issues'], ['GET', '/api/v1/activities/1/feedback'],
      ['POST', '/api/v1/activities/1/feedback/1/issue'], ['POST', '/api/v1/activities/1/feedback/1/reveal'], ['GET', '/api/v1/activities/1/qr.svg'],
      ['GET', '/api/v1/activity-cadres'], ['GET', '/api/v1/cases'], ['POST', '/api/v1/cases'], ['GET', '/api/v1/cases/1'], ['PUT', '/api/v1/cases/1'],
      ['GET', '/api/v1/cases/draft?issueId=1'],
    ];
    for (const [method, url] of urls) {
      const r = await t.anonymous.raw({ method, url, ...(method === 'GET' ? {} : { payload: '{}', headers: { 'content-type': 'application/json' } }) });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      expect(json<ErrorJson>(r).error.code).toBe('unauthenticated');
    }
  });

  it('keeps a township to its own subtree: no recording elsewhere, no seeing a lecture elsewhere', async () => {
    const cadre = await t.as('cadre'); // 城关镇
    const out = await cadre.post('/api/v1/activities', lecture('东湖村', 5));
    expect(out.statusCode).toBe(403);
    expect(json<ErrorJson>(out).error).toEqual({ code: 'activity_place_out_of_scope', message: '活动地点「东湖村」不在您的管辖范围内' });
    const handler = await t.as('handler');
    expect((await handler.post('/api/v1/activities', lecture('解放路社区', 5))).statusCode).toBe(403);

    const leader = await t.as('leader'); // the county
    const there = await create(leader, lecture('东湖村', 5, { title: '东湖村反诈宣讲' }));
    expect((await cadre.get(`/api/v1/activities/${there.id}`)).statusCode).toBe(404);
    expect(json<ErrorJson>(await cadre.get(`/api/v1/activities/${there.id}/feedback`)).error.code).toBe('not_found');
    expect((await cadre.patch(`/api/v1/activities/${there.id}`, { version: 1, status: 'cancelled' })).statusCode).toBe(404);
    expect((await cadre.post(`/api/v1/activities/${there.id}/issues`, { body: '路灯坏了', kind: 'complaint' })).statusCode).toBe(404);
    const mine = json<{ items: Activity[] }>(await cadre.get('/api/v1/activities')).items;
    expect(mine.map((a) => a.id)).not.toContain(there.id);
    // The county leader sees the township's lecture, and may change it.
    const here = await create(cadre, lecture('东关村', 3));
    expect(json<Activity>(await leader.get(`/api/v1/activities/${here.id}`))).toMatchObject({ orgUnitName: '东关村', canEdit: true });
    // A department handler sees neither (its subtree holds no village).
    expect((await handler.get(`/api/v1/activities/${here.id}`)).statusCode).toBe(404);
  });
});

describe('activities: recording, listing, changing', () => {
  it('records a lecture with its cadres, materials and two cases of the library, and lists it by kind, place, period and cadre', async () => {
    const cadre = await t.as('cadre');
    const a = json<Case>(await cadre.post('/api/v1/cases', { title: '东关渠三天清淤通水', story: '春耕前东关渠堵了，镇水利站三天清淤通水。', orgUnitId: t.unit('东关村'), tags: ['水利'] }));
    const b = json<Case>(await cadre.post('/api/v1/cases', { title: '解放路路灯修好之后', story: '网格员登记，城管局五天内换好灯具。', tags: ['市政', '身边事'] }));
    const cadres = json<{ items: Array<{ id: number; name: string }> }>(await cadre.get('/api/v1/activity-cadres')).items;
    const me = cadres.find((c) => c.name.includes('赵强'))!;
    const leader = cadres.find((c) => c.name.includes('陈建国'))!;
    const act = await create(cadre, lecture('东关村', 30, { cadreIds: [me.id, leader.id], caseIds: [a.id, b.id] }));
    expect(act).toMatchObject({
      kind: 'outreach', status: 'done', orgUnitName: '东关村', audienceType: 'farmers', materials: [{ title: '补贴标准明白纸' }],
      cadres: [{ id: me.id, name: expect.stringContaining('赵强') }, { id: leader.id, name: expect.stringContaining('陈建国') }].sort((x, y) => x.id - y.id),
      cases: [{ id: a.id, title: '东关渠三天清淤通水' }, { id: b.id, title: '解放路路灯修好之后' }], issueCount: 0, canEdit: true,
      feedbackPath: expect.stringMatching(/^\/f\/[\w-]{22}$/),
    });
    const planned = await create(cadre, lecture('解放路社区', -48, { title: '垃圾分类从我做起' }));
    expect(planned.status).toBe('planned');
    const research = await create(cadre, { ...lecture('西关村', 10), kind: 'research', title: '西关村春耕生产调研', audienceType: undefined, materials: undefined });
    expect(research).toMatchObject({ kind: 'research', feedbackPath: null, audienceType: null, materials: [] });

    const list = async (q: string) => json<{ items: Activity[]; total: number }>(await cadre.get(`/api/v1/activities?${q}`));
    expect((await list('kind=research')).items.map((x) => x.id)).toEqual([research.id]);
    expect((await list(`unitId=${t.unit('东关村')}`)).items.map((x) => x.id)).toContain(act.id);
    expect((await list(`unitId=${t.unit('东关村')}`)).items.map((x) => x.id)).not.toContain(research.id);
    expect((await list(`cadreId=${leader.id}`)).items.map((x) => x.id)).toEqual([act.id]);
    const today = new Date(Date.now() + 8 * H).toISOString().slice(0, 10);
    const inTwoDays = new Date(Date.now() + 56 * H).toISOString().slice(0, 10);
    expect((await list(`from=${inTwoDays}&to=${inTwoDays}`)).items.map((x) => x.id)).toEqual([planned.id]);
    expect((await list(`status=planned&from=${today}`)).total).toBe(1);
    // Paged by the server: pages of one, in order, together the whole list.
    const all = await list('limit=500');
    const pages = [];
    for (let k = 0; k < all.total; k++) pages.push(...(await list(`limit=1&offset=${k}`)).items.map((x) => x.id));
    expect(pages).toEqual(all.items.map((x) => x.id));
    expect((await list(`limit=1&offset=${all.total}`)).items).toEqual([]);
    // Where the cases were used.
    expect(json<Case>(await cadre.get(`/api/v1/cases/${a.id}`)).usedIn).toEqual([{ id: act.id, title: act.title, startsAt: act.startsAt }]);
  });

  it('refuses an end before the start, unknown cadres and cases, and a stale version, in words', async () => {
    const cadre = await t.as('cadre');
    const back = await cadre.post('/api/v1/activities', { ...lecture('东关村', 3), endsAt: iso(Date.now() - 10 * H) });
    expect(back.statusCode).toBe(400);
    expect(json<ErrorJson>(back).error).toMatchObject({ code: 'activity_span', fields: { endsAt: '结束时间不能早于开始时间' } });
    const ghost = await cadre.post('/api/v1/activities', lecture('东关村', 3, { cadreIds: [99999] }));
    expect(json<ErrorJson>(ghost).error).toEqual({ code: 'unknown_reference', message: '参加干部：编号 99999 不存在' });
    const noCase = await cadre.post('/api/v1/activities', lecture('东关村', 3, { caseIds: [99999] }));
    expect(json<ErrorJson>(noCase).error.message).toBe('案例：编号 99999 不存在');
    const bad = await cadre.post('/api/v1/activities', lecture('东关村', 3, { audienceType: 'aliens', participantCount: -1 }));
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(bad).error.fields ?? {}).sort()).toEqual(['audienceType', 'participantCount']);

    const a = await create(cadre, lecture('东关村', 3));
    const changed = await cadre.patch(`/api/v1/activities/${a.id}`, { version: 1, participantCount: 55, notes: '现场答疑 12 个问题' });
    expect(json<Activity>(changed)).toMatchObject({ participantCount: 55, notes: '现场答疑 12 个问题', version: 2 });
    const stale = await cadre.patch(`/api/v1/activities/${a.id}`, { version: 1, status: 'cancelled' });
    expect(stale.statusCode).toBe(409);
    expect(json<ErrorJson>(stale).error.message).toBe('该活动已被他人修改（当前版本 2），请刷新后再操作');
    const audit = await t.db.selectFrom('auditLog').select(['action', 'data']).where('entityType', '=', 'activity').where('entityId', '=', String(a.id)).orderBy('id').execute();
    expect(audit.map((e) => e.action)).toEqual(['activity.create', 'activity.update']);
    expect(JSON.parse(audit[1]!.data)).toEqual({ changed: ['participantCount', 'notes'] });
  });
});

describe('issues heard at an activity', () => {
  it('enter the ledger pre-filled with the activity’s channel, place and time, and show it as their source', async () => {
    const cadre = await t.as('cadre');
    const a = await create(cadre, lecture('东关村', 26));
    const r = await cadre.post(`/api/v1/activities/${a.id}/issues`, { title: '东关桥栏杆断了', body: '东关村村口的桥栏杆断了一截，孩子上学经过很危险。', kind: 'complaint', petitioner: { name: '李秀英', phone: '13912345678' } });
    expect(r.statusCode, r.body).toBe(201);
    const { id, trackingCode } = json<{ id: number; trackingCode: string }>(r);
    expect(trackingCode).toMatch(/^YX-/);
    const issue = json<{ channel: string; orgUnitId: number; receivedAt: string; sourceActivityId: number; address: string }>(await cadre.get(`/api/v1/issues/${id}`));
    expect(issue).toMatchObject({ channel: 'outreach', orgUnitId: t.unit('东关村'), receivedAt: a.startsAt, sourceActivityId: a.id, address: '东关村村部会议室' });
    const tl = json<{ items: Array<{ type: string; data: Record<string, unknown> }> }>(await cadre.get(`/api/v1/issues/${id}/timeline`)).items;
    expect(tl[0]).toMatchObject({ type: 'from_activity', data: { activityId: a.id, activityKind: 'outreach', activityTitle: a.title } });
    expect(tl[1]!.type).toBe('create');
    // Another place (a village under the same township) and time may be given.
    const other = json<{ id: number }>(await cadre.post(`/api/v1/activities/${a.id}/issues`, { body: '西关村的水渠也堵了', kind: 'help', orgUnitId: t.unit('西关村'), receivedAt: iso(Date.now() - 25 * H) }));
    expect(json<{ orgUnitId: number; channel: string }>(await cadre.get(`/api/v1/issues/${other.id}`))).toMatchObject({ orgUnitId: t.unit('西关村'), channel: 'outreach' });

    // The activity lists its issues with their live status.
    const clerk = await t.as('clerk');
    await clerk.post(`/api/v1/issues/${id}/transitions`, { action: 'accept', version: 1 });
    const issues = json<{ items: Array<{ id: number; status: string; statusType: string }>; resolvedShare: number | null }>(await cadre.get(`/api/v1/activities/${a.id}/issues`));
    expect(issues.items.map((i) => [i.id, i.status])).toEqual([[other.id, 'registered'], [id, 'accepted']]);
    expect(issues.resolvedShare).toBeNull();
    expect(json<Activity>(await cadre.get(`/api/v1/activities/${a.id}`)).issueCount).toBe(2);
  });

  it('are refused for a cancelled activity and for one that has not begun', async () => {
    const cadre = await t.as('cadre');
    const ahead = await create(cadre, lecture('东关村', -30));
    const early = await cadre.post(`/api/v1/activities/${ahead.id}/issues`, { body: '路灯坏了', kind: 'complaint' });
    expect(early.statusCode).toBe(422);
    expect(json<ErrorJson>(early).error.code).toBe('activity_planned_issue');
    const off = await create(cadre, lecture('东关村', 3));
    await cadre.patch(`/api/v1/activities/${off.id}`, { version: 1, status: 'cancelled' });
    const r = await cadre.post(`/api/v1/activities/${off.id}/issues`, { body: '路灯坏了', kind: 'complaint' });
    expect(json<ErrorJson>(r).error).toEqual({ code: 'activity_cancelled', message: '活动已取消，不能再登记问题' });
    // A retried registration makes one issue.
    const a = await create(cadre, lecture('东关村', 3));
    const key = { 'idempotency-key': 'lecture-q-1' };
    const one = await cadre.post(`/api/v1/activities/${a.id}/issues`, { body: '村口垃圾没人清', kind: 'complaint' }, key);
    const two = await cadre.post(`/api/v1/activities/${a.id}/issues`, { body: '村口垃圾没人清', kind: 'complaint' }, key);
    expect(json<{ id: number }>(two).id).toBe(json<{ id: number }>(one).id);
    expect(two.headers['idempotency-replayed']).toBe('true');
  });
});

describe('audience feedback through the public link', () => {
  it('shows the form without a login, stores valid answers and keeps the others when one breaks a rule', async () => {
    const cadre = await t.as('cadre');
    const a = await create(cadre, lecture('东关村', 3, { title: '防范电信网络诈骗' }));
    const page = await t.app.inject({ method: 'GET', url: a.feedbackPath! });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('防范电信网络诈骗');
    expect(page.body).toContain('愿意听');
    expect(page.body).not.toContain('<script');

    const bad = await postForm(a.feedbackPath!, { willing: '7', understood: '4', question: '路灯'.repeat(300), phone: '138-abc' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('「愿意听」的分数只能是 1 到 5');
    expect(bad.body).toContain('请为「有收获」选一个分数（1–5 分）');
    expect(bad.body).toContain('问题或建议最多 500 字，现在是 600 字');
    expect(bad.body).toContain('电话号码只能包含数字');
    expect(bad.body).toMatch(/name="understood" value="4" checked/);
    expect(bad.body).toContain('138-abc');
    expect(bad.body).toContain('有 4 处需要修改');

    for (const [w, u, b, q, p] of [['5', '4', '5', '村口的路灯坏了很久，什么时候能修？', '13812345678'], ['3', '4', '4', '', ''], ['4', '5', '3', '医保能不能分期交？', '']]) {
      const ok = await postForm(a.feedbackPath!, { willing: w!, understood: u!, benefited: b!, question: q!, phone: p! });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.body).toContain('谢谢您的评价');
    }
    const s = json<FeedbackSummary>(await cadre.get(`/api/v1/activities/${a.id}/feedback`));
    expect(s.count).toBe(3);
    expect(s.averages).toEqual({ willing: 4, understood: 4.33, benefited: 4 });
    expect(s.distribution).toEqual({ willing: [0, 0, 1, 1, 1], understood: [0, 0, 0, 2, 1], benefited: [0, 0, 1, 1, 1] });
    expect(s.questions.map((q) => [q.question, q.phone])).toEqual([['医保能不能分期交？', null], ['村口的路灯坏了很久，什么时候能修？', '138****5678']]);

    // The phone is personal data: masked, revealed only to office roles at the place, and the reveal is audited.
    const q = s.questions[1]!;
    expect((await (await t.as('handler')).post(`/api/v1/activities/${a.id}/feedback/${q.id}/reveal`)).statusCode).toBe(404);
    const shown = await cadre.post(`/api/v1/activities/${a.id}/feedback/${q.id}/reveal`);
    expect(json(shown)).toEqual({ phone: '13812345678' });
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(await t.db.selectFrom('auditLog').select('action').where('action', '=', 'feedback.reveal').where('entityId', '=', String(q.id)).execute()).toHaveLength(1);

    // One click turns the question into an issue: channel 宣讲, linked to the lecture, the phone as the petitioner's.
    const made = await cadre.post(`/api/v1/activities/${a.id}/feedback/${q.id}/issue`, { kind: 'complaint' });
    expect(made.statusCode, made.body).toBe(201);
    const issueId = json<{ id: number }>(made).id;
    const clerk = await t.as('clerk');
    const issue = json<{ channel: string; sourceActivityId: number; body: string; title: string; petitioner: { phone: string } }>(await clerk.get(`/api/v1/issues/${issueId}`));
    expect(issue).toMatchObject({ channel: 'outreach', sourceActivityId: a.id, body: '村口的路灯坏了很久，什么时候能修？', title: '村口的路灯坏了很久，什么时候能修？', petitioner: { phone: '138****5678' } });
    const again = await cadre.post(`/api/v1/activities/${a.id}/feedback/${q.id}/issue`, {});
    expect(again.statusCode).toBe(409);
    expect(json<ErrorJson>(again).error.code).toBe('feedback_already_issue');
    expect(json<FeedbackSummary>(await cadre.get(`/api/v1/activities/${a.id}/feedback`)).questions[1]!.issue).toMatchObject({ id: issueId });
    const noQuestion = await t.db.selectFrom('activityFeedback').select('id').where('activityId', '=', a.id).where('question', 'is', null).executeTakeFirstOrThrow();
    expect(json<ErrorJson>(await cadre.post(`/api/v1/activities/${a.id}/feedback/${noQuestion.id}/issue`, {})).error.code).toBe('feedback_no_question');
  });

  it('answers an unknown, cancelled or expired link, or a research trip’s, with a page that says so', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/f/no-such-token' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('链接无效');
    const cadre = await t.as('cadre');
    const off = await create(cadre, lecture('东关村', 3));
    await cadre.patch(`/api/v1/activities/${off.id}`, { version: 1, status: 'cancelled' });
    const cancelled = await postForm(off.feedbackPath!, { willing: '5', understood: '5', benefited: '5' });
    expect(cancelled.statusCode).toBe(410);
    expect(cancelled.body).toContain('这次宣讲已取消');
    const old = await create(cadre, lecture('东关村', 24 * 40));
    const expired = await t.app.inject({ method: 'GET', url: old.feedbackPath! });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('评价已经结束');
    expect(await t.db.selectFrom('activityFeedback').select('id').where('activityId', 'in', [off.id, old.id]).execute()).toHaveLength(0);
  });

  it('slows a flood from one address (429, nothing stored) and caps the body', async () => {
    const cadre = await t.as('cadre');
    const a = await create(cadre, lecture('东关村', 3));
    const codes: number[] = [];
    for (let i = 0; i < 35; i++) codes.push((await postForm(a.feedbackPath!, { willing: '5', understood: '5', benefited: '5' }, '10.9.9.9')).statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(30);
    const limited = await postForm(a.feedbackPath!, { willing: '5', understood: '5', benefited: '5' }, '10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('提交过于频繁');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(json<FeedbackSummary>(await cadre.get(`/api/v1/activities/${a.id}/feedback`)).count).toBe(30);
    // Another address is not slowed.
    expect((await postForm(a.feedbackPath!, { willing: '4', understood: '4', benefited: '4' }, '10.9.9.10')).statusCode).toBe(200);
    const huge = await postForm(a.feedbackPath!, { willing: '4', understood: '4', benefited: '4', question: '长'.repeat(5000) }, '10.9.9.11');
    expect(huge.statusCode).toBe(413);
    expect(huge.body).toContain('内容太长');
  });

  it('draws a QR code of the link for the staff', async () => {
    const cadre = await t.as('cadre');
    const a = await create(cadre, lecture('东关村', 3));
    const r = await cadre.get(`/api/v1/activities/${a.id}/qr.svg`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('image/svg+xml');
    expect(r.body).toMatch(/^<svg[^>]*viewBox/);
  });
});

describe('the case library', () => {
  it('finds cases by any substring of title, story or tags, two-character words included, and by tag', async () => {
    const cadre = await t.as('cadre');
    const add = async (title: string, story: string, tags: string[]) => json<Case>(await cadre.post('/api/v1/cases', { title, story, tags }));
    const a = await add('北门新村加装电梯', '六层老楼的老人上下楼难，居民议事会商量后加装电梯。', ['住房', '议事协商']);
    const b = await add('西关水库山塘加固', '汛前发现坝体渗水，当月除险加固。', ['水利']);
    const find = async (q: string) => json<{ items: Case[] }>(await cadre.get(`/api/v1/cases?q=${encodeURIComponent(q)}`)).items.map((c) => c.id);
    expect(await find('电梯')).toContain(a.id);
    expect(await find('电梯')).not.toContain(b.id);
    expect(await find('渗水')).toEqual([b.id]);
    expect(await find('议事协商')).toEqual([a.id]);
    expect(await find('老人 加装')).toEqual([a.id]);
    expect(await find('加固 电梯')).toEqual([]);
    expect(json<{ items: Case[] }>(await cadre.get(`/api/v1/cases?tag=${encodeURIComponent('水利')}`)).items.map((c) => c.id)).toContain(b.id);
    // A change is found by its new words only.
    const changed = await cadre.put(`/api/v1/cases/${b.id}`, { title: '西关水库除险', story: '汛前巡查发现问题，当月完工。', tags: ['防汛'] });
    expect(changed.statusCode).toBe(200);
    expect(await find('渗水')).toEqual([]);
    expect(await find('巡查')).toEqual([b.id]);
  });

  it('drafts a case from a closed issue without the person’s data, refuses an open one, and is kept by recording roles only', async () => {
    const clerk = await t.as('clerk');
    const r = await clerk.post('/api/v1/issues', {
      title: '东关渠堵塞', body: '我是王建国，东关渠堵了，电话13812345678，王建国家的秧田放不进水。', channel: 'visit', kind: 'help', orgUnitId: t.unit('东关村'),
      petitioner: { name: '王建国', phone: '13812345678' },
    });
    const issue = json<{ id: number; version: number }>(r);
    const cadre = await t.as('cadre');
    const open = await cadre.get(`/api/v1/cases/draft?issueId=${issue.id}`);
    expect(open.statusCode).toBe(422);
    expect(json<ErrorJson>(open).error.code).toBe('case_source_open');
    let v = 1;
    const step = async (who: string, body: Record<string, unknown>) => {
      const x = await (await t.as(who)).post(`/api/v1/issues/${issue.id}/transitions`, { ...body, version: v });
      expect(x.statusCode, x.body).toBe(200);
      v = json<{ version: number }>(x).version;
    };
    await step('clerk', { action: 'accept' });
    await step('clerk', { action: 'assign', unitId: t.unit('城关镇') });
    await step('handler-town1', { action: 'start', note: '已联系' });
    await step('handler-town1', { action: 'reply', outcome: 'support', text: '已清淤' });
    await step('clerk', { action: 'callback', resolved: true, satisfaction: 'satisfied' });
    await step('clerk', { action: 'close' });
    const draft = json<{ title: string; story: string; sourceIssueId: number; orgUnitId: number }>(await cadre.get(`/api/v1/cases/draft?issueId=${issue.id}`));
    expect(draft).toEqual({ title: '东关渠堵塞', story: '我是王某，东关渠堵了，电话[电话]，王某家的秧田放不进水。', sourceIssueId: issue.id, orgUnitId: t.unit('东关村') });
    const made = json<Case>(await cadre.post('/api/v1/cases', { ...draft, tags: ['水利'] }));
    expect(made.sourceIssue).toMatchObject({ id: issue.id, trackingCode: expect.stringMatching(/^YX-/) });
    expect((await (await t.as('handler')).post('/api/v1/cases', { title: 'x', story: 'y' })).statusCode).toBe(403);
    expect((await (await t.as('handler')).get(`/api/v1/cases/${made.id}`)).statusCode).toBe(200);
    // A place outside the recorder's subtree is refused.
    expect(json<ErrorJson>(await cadre.post('/api/v1/cases', { title: 'x', story: 'y', orgUnitId: t.unit('东湖村') })).error.code).toBe('activity_place_out_of_scope');
  });
});

describe('reception days (接访日 / 下访)', () => {
  it('are scheduled with their mode, published on a public page, and take petitions into the ledger linked and pre-filled', async () => {
    const leader = await t.as('leader');
    const me = json<{ id: number; displayName: string }>(await leader.get('/api/v1/auth/me'));
    const day = (h: number) => iso(Date.now() + h * H);
    const make = async (startH: number, mode: 'public' | 'appointment', placeText: string) => {
      const r = await leader.post('/api/v1/activities', { kind: 'reception', title: `领导接访日（${placeText}）`, orgUnitId: t.unit('城关镇'), startsAt: day(startH), endsAt: day(startH + 3), placeText, cadreIds: [me.id], receptionMode: mode });
      expect(r.statusCode, r.body).toBe(201);
      return json<Activity>(r);
    };
    const next = await make(48, 'appointment', '城关镇信访接待室');
    expect(next).toMatchObject({ kind: 'reception', receptionMode: 'appointment', status: 'planned', feedbackPath: null });
    const off = await make(72, 'public', '城关镇便民服务中心');
    await leader.patch(`/api/v1/activities/${off.id}`, { version: off.version, status: 'cancelled' });
    const open = await make(96, 'public', '城关镇便民服务中心二楼');
    const page = await t.app.inject({ method: 'GET', url: '/reception/demo' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('预约接访');
    // A session by appointment names its unit only (it may be at someone's home); one open to all, its venue.
    expect(page.body).not.toContain('城关镇信访接待室');
    expect(page.body).toContain('城关镇（预约后告知具体地点）');
    expect(page.body).toContain('城关镇便民服务中心二楼');
    expect(open.receptionMode).toBe('public');
    expect(page.body).toContain(me.displayName);
    expect(page.body).not.toContain('城关镇便民服务中心<');
    expect((await t.app.inject({ method: 'GET', url: '/reception/nowhere' })).statusCode).toBe(404);
    // A petition received at a session that took place enters the ledger as 下访接访, linked to it.
    const held = await make(-4, 'public', '东关村村部');
    const r = await leader.post(`/api/v1/activities/${held.id}/issues`, { body: '反映宅基地纠纷，多次协调未果', kind: 'complaint', petitioner: { name: '王建国', phone: '13800001111' } });
    expect(r.statusCode, r.body).toBe(201);
    const issue = json<{ channel: string; sourceActivityId: number; address: string; owner: { id: number } | null }>(await leader.get(`/api/v1/issues/${json<{ id: number }>(r).id}`));
    expect(issue).toMatchObject({ channel: 'field', sourceActivityId: held.id, address: '东关村村部' });
    // 包案: the session's leader owns what was received there.
    expect(issue.owner).toMatchObject({ id: me.id });
    // The mode belongs to reception days only.
    const lecture = json<Activity>(await leader.post('/api/v1/activities', { kind: 'outreach', title: '宣讲', orgUnitId: t.unit('东关村'), startsAt: day(1), endsAt: day(2), cadreIds: [], receptionMode: 'public' }));
    expect(lecture.receptionMode).toBeNull();
  });
});
