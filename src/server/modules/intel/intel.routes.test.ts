/**
 * Similar issues, links and 并单 at intake, hot spots: access first (no session, other scope), then quality on a
 * labelled made-up fixture (the same problem told again in other words, at the same place).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
type Similar = { id: number; title: string; samePlace: boolean; textSimilarity: number; score: number; statusType: string };
const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;

/** Made-up issues: [key, place, title, body]. Keys with the same letter are the same problem. */
const FIXTURE: Array<[string, string, string, string]> = [
  ['A1', '解放路社区', '解放路路灯不亮', '解放路北段有三盏路灯坏了半个月，晚上出行很不安全，请尽快维修。'],
  ['B1', '解放路社区', '小区电梯经常停运', '幸福小区3栋电梯一周停运三次，老人上下楼非常困难，物业一直不修。'],
  ['C1', '人民路社区', '夜间施工噪音扰民', '人民路商业广场工地每天晚上十一点后还在打桩，噪音很大，影响居民休息。'],
  ['D1', '东关村', '村道破损积水', '东关村通往镇上的水泥路破损严重，一下雨就积水，车辆很难通行。'],
  ['E1', '湖滨社区', '饭店油烟直排', '湖滨路一家火锅店油烟直排，楼上住户无法开窗，多次反映无果。'],
  ['F1', '西关村', '自来水水压低', '西关村三组自来水水压太低，二楼以上经常没水，夏天尤其严重。'],
  ['G1', '北门社区', '垃圾清运不及时', '北门社区菜市场旁的垃圾箱好几天没人清运，气味难闻，苍蝇很多。'],
  ['H1', '新华社区', '学校门口交通拥堵', '新华小学门口上下学时段车辆乱停，交通拥堵，孩子过马路很危险。'],
];
/** New messages and the fixture issue each repeats. */
const REPEATS: Array<[string, string, string, string]> = [
  ['A1', '解放路社区', '路灯坏了没人修', '解放路北段的路灯还是不亮，已经半个多月了，晚上走路很危险。'],
  ['B1', '解放路社区', '幸福小区电梯又坏了', '幸福小区3栋的电梯又停运了，老人上下楼困难，物业不处理。'],
  ['C1', '人民路社区', '工地晚上打桩太吵', '人民路商业广场工地半夜还在打桩施工，噪音扰民，无法休息。'],
  ['D1', '东关村', '东关村水泥路坏了', '东关村到镇上的水泥路破损，雨天积水严重，车过不去。'],
  ['F1', '西关村', '二楼没有自来水', '西关村三组水压低，二楼以上经常停水，请解决。'],
  ['G1', '北门社区', '菜市场垃圾没人清运', '北门社区菜市场旁垃圾箱几天没清运了，很臭，苍蝇多。'],
];
const ids = new Map<string, number>();

beforeAll(async () => {
  t = await setupApp();
  const clerk = await t.as('clerk');
  for (const [key, place, title, body] of FIXTURE) {
    const r = await clerk.post('/api/v1/issues', intake(t.unit(place), { title, body }));
    expect(r.statusCode, r.body).toBe(201);
    ids.set(key, json<{ id: number }>(r).id);
  }
}, 60_000);
afterAll(async () => { await t.close(); });

describe('POST /issues/similar', () => {
  it('needs a session and a valid body', async () => {
    expect((await t.anonymous.post('/api/v1/issues/similar', { body: '路灯不亮' })).statusCode).toBe(401);
    const clerk = await t.as('clerk');
    expect((await clerk.post('/api/v1/issues/similar', { body: '' })).statusCode).toBe(400);
    expect((await clerk.post('/api/v1/issues/similar', { body: '路灯', extra: 1 })).statusCode).toBe(400);
  });

  it('never shows issues outside the scope: the 城关镇 cadre does not see the 湖滨社区 one', async () => {
    const q = { title: '火锅店油烟', body: '湖滨路火锅店油烟直排，楼上住户无法开窗。', orgUnitId: t.unit('湖滨社区') };
    const clerk = await t.as('clerk');
    const seen = json<{ items: Similar[] }>(await clerk.post('/api/v1/issues/similar', q)).items;
    expect(seen[0]?.id).toBe(ids.get('E1'));
    const cadre = await t.as('cadre');
    const r = await cadre.post('/api/v1/issues/similar', q);
    expect(r.statusCode).toBe(200);
    expect(json<{ items: Similar[] }>(r).items.map((i) => i.id)).not.toContain(ids.get('E1'));
  });

  it('finds the repeated problem first for every labelled repeat, at the same place', async () => {
    const clerk = await t.as('clerk');
    let top1 = 0;
    for (const [key, place, title, body] of REPEATS) {
      const r = await clerk.post('/api/v1/issues/similar', { title, body, orgUnitId: t.unit(place) });
      expect(r.statusCode, r.body).toBe(200);
      const items = json<{ items: Similar[] }>(r).items;
      expect(items.length).toBeLessThanOrEqual(5);
      expect(items.map((i) => i.id), key).toContain(ids.get(key));
      if (items[0]?.id === ids.get(key)) top1++;
      expect(items.find((i) => i.id === ids.get(key))!.samePlace).toBe(true);
    }
    expect(top1).toBe(REPEATS.length);
  });

  it('scores a message about a problem nobody has reported low (no cutoff: the screens grey weak ones out)', async () => {
    const clerk = await t.as('clerk');
    const r = await clerk.post('/api/v1/issues/similar', { title: '社保卡补办', body: '社保卡丢失后如何补办，需要带什么材料？', orgUnitId: t.unit('东关村') });
    for (const item of json<{ items: Similar[] }>(r).items) expect(item.textSimilarity).toBeLessThan(0.2);
  });

  it('finds similar issues for an existing one, leaving itself out', async () => {
    const clerk = await t.as('clerk');
    expect((await t.anonymous.get(`/api/v1/issues/${ids.get('A1')}/similar`)).statusCode).toBe(401);
    expect((await (await t.as('cadre')).get(`/api/v1/issues/${ids.get('E1')}/similar`)).statusCode).toBe(404);
    const items = json<{ items: Similar[] }>(await clerk.get(`/api/v1/issues/${ids.get('A1')}/similar`)).items;
    expect(items.map((i) => i.id)).not.toContain(ids.get('A1'));
  });
});

describe('intake with a link or a merge', () => {
  it('links a repeat to the earlier issue, on both timelines', async () => {
    const clerk = await t.as('clerk');
    const [, place, title, body] = REPEATS[0]!;
    const r = await clerk.post('/api/v1/issues', intake(t.unit(place), { title, body, relatedIssueId: ids.get('A1') }));
    expect(r.statusCode, r.body).toBe(201);
    const created = json<{ id: number; status: string }>(r);
    expect(created.status).toBe('registered');
    const links = json<{ items: Array<{ issueId: number; kind: string; direction: string }> }>(await clerk.get(`/api/v1/issues/${created.id}/links`)).items;
    expect(links).toEqual([expect.objectContaining({ issueId: ids.get('A1'), kind: 'repeat', direction: 'to' })]);
    const back = json<{ items: Array<{ issueId: number; direction: string }> }>(await clerk.get(`/api/v1/issues/${ids.get('A1')}/links`)).items;
    expect(back).toEqual([expect.objectContaining({ issueId: created.id, direction: 'from' })]);
    const timeline = json<{ items: Array<{ type: string }> }>(await clerk.get(`/api/v1/issues/${ids.get('A1')}/timeline`)).items;
    expect(timeline.map((e) => e.type)).toContain('linked_from');
  });

  it('merges a duplicate into the open issue in the same transaction (并单)', async () => {
    const clerk = await t.as('clerk');
    const [, place, title, body] = REPEATS[1]!;
    const r = await clerk.post('/api/v1/issues', intake(t.unit(place), { title, body, mergeIntoId: ids.get('B1') }));
    expect(r.statusCode, r.body).toBe(201);
    const created = json<{ id: number; status: string; mergedIntoId?: number | null }>(r);
    expect(created.status).toBe('merged');
    const timeline = json<{ items: Array<{ type: string }> }>(await clerk.get(`/api/v1/issues/${ids.get('B1')}/timeline`)).items;
    expect(timeline.map((e) => e.type)).toContain('merged_in');
  });

  it('refuses a link or merge to an issue outside the scope, and creates nothing then', async () => {
    const cadre = await t.as('cadre');
    const before = await t.db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r1 = await cadre.post('/api/v1/issues', intake(t.unit('解放路社区'), { relatedIssueId: ids.get('E1') }));
    expect(r1.statusCode).toBe(400);
    // 并单 is the petition office's call (the clerk's action in the lifecycle table): a cadre may not merge at all.
    const r2 = await cadre.post('/api/v1/issues', intake(t.unit('解放路社区'), { mergeIntoId: ids.get('A1') }));
    expect(r2.statusCode).toBe(422);
    const after = await t.db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await cadre.post(`/api/v1/issues/${ids.get('A1')}/links`, { relatedIssueId: ids.get('E1') })).statusCode).toBe(400);
    expect((await t.anonymous.post(`/api/v1/issues/${ids.get('A1')}/links`, { relatedIssueId: ids.get('B1') })).statusCode).toBe(401);
  });
});

describe('GET /hotspots', () => {
  it('needs a session and valid parameters', async () => {
    expect((await t.anonymous.get('/api/v1/hotspots')).statusCode).toBe(401);
    expect((await (await t.as('clerk')).get('/api/v1/hotspots?days=2')).statusCode).toBe(400);
  });

  it('groups growing problems by area and category with keywords, within scope', async () => {
    const clerk = await t.as('clerk');
    const elevator = t.category('城乡建设');
    const now = Date.now();
    // Five elevator complaints at 解放路社区 in the last days, one a month before.
    const texts = ['电梯停运老人被困', '电梯故障频繁停运', '电梯维修不及时', '电梯异响停运', '电梯又停运了'];
    for (const [i, title] of texts.entries()) {
      const r = await clerk.post('/api/v1/issues', intake(t.unit('解放路社区'), {
        title, body: `幸福小区${i + 1}栋${title}，物业维修电梯太慢。`, categoryId: elevator, receivedAt: new Date(now - (i + 1) * 86_400_000).toISOString(),
      }));
      expect(r.statusCode, r.body).toBe(201);
    }
    await clerk.post('/api/v1/issues', intake(t.unit('解放路社区'), { title: '电梯停运', body: '电梯停运。', categoryId: elevator, receivedAt: new Date(now - 40 * 86_400_000).toISOString() }));
    const r = await clerk.get('/api/v1/hotspots?days=30&minCount=3');
    expect(r.statusCode, r.body).toBe(200);
    const items = json<{ items: Array<{ areaName: string; categoryName: string; count: number; previousCount: number; trend: string; keywords: string[]; series: number[] }> }>(r).items;
    const top = items.find((i) => i.categoryName === '城乡建设')!;
    expect(top.areaName).toBe('解放路社区');
    expect(top.count).toBeGreaterThanOrEqual(5);
    expect(top.previousCount).toBe(1);
    expect(top.trend).toBe('rising');
    expect(top.keywords).toContain('电梯');
    expect(top.series.reduce((a, b) => a + b, 0)).toBe(top.count + top.previousCount);
    // The 东湖街道 handler-town2 … and the 城关镇 cadre: only areas in their townships.
    const cadre = json<{ items: Array<{ areaName: string }> }>(await (await t.as('cadre')).get('/api/v1/hotspots?days=30&minCount=1')).items;
    expect(cadre.map((i) => i.areaName)).not.toContain('湖滨社区');
  });
});
