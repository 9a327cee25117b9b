/**
 * Search through the ledger list (GET /issues?q=): every substring of a made-up corpus finds exactly the issues that
 * contain it (on SQLite FTS5 and on PostgreSQL tsvector), within the actor's scope and the list's other filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ON_POSTGRES, intake, setupApp, type TestContext } from '../../../../test/helpers.ts';
import { rebuildSearchIndex } from './search.repo.ts';
import { listIssuesInScope } from '../ledger/index.ts';
import { actorByUsername } from '../org/index.ts';
import { normalize } from '../../nlp/index.ts';

let t: TestContext;
type Item = { id: number; version: number; title: string; orgUnitId: number; match?: { terms: string[]; snippet: { text: string; hit: boolean }[] } };
type Page = { items: Item[]; nextCursor: string | null };
const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;

/** A made-up corpus: [place, title, body]; 城关镇 places are in the cadre's scope, 东湖街道 ones are not. */
const CORPUS: Array<[string, string, string]> = [
  ['解放路社区', '解放路路灯不亮', '解放路北段三盏路灯坏了半个月，晚上出行不安全。'],
  ['解放路社区', '小区电梯经常停运', '3栋2单元电梯一周停运三次，老人上下楼困难，请物业维修。'],
  ['人民路社区', '夜间施工噪音扰民', '人民路工地晚上十一点后还在施工，噪音很大，影响休息。'],
  ['东关村', '村道破损', '东关村通往镇上的水泥路破损严重，雨天积水，车辆难行。'],
  ['东关村', 'WiFi信号差A3区', '村委会的WiFi信号很差，A3区网上办事常常断线。'],
  ['湖滨社区', '湖滨社区路灯损坏', '湖滨路有路灯不亮，夜里很黑，请尽快修复。'],
  ['湖滨社区', '电梯困人', '湖滨花园5栋电梯困人半小时，物业迟迟不来。'],
  ['新华社区', '油烟扰民', '新华街一家饭店油烟直排，楼上居民无法开窗。'],
];

const made: Array<{ id: number; place: string; text: string }> = [];

beforeAll(async () => {
  t = await setupApp();
  const clerk = await t.as('clerk');
  for (const [place, title, body] of CORPUS) {
    const r = await clerk.post('/api/v1/issues', intake(t.unit(place), { title, body }));
    expect(r.statusCode, r.body).toBe(201);
    made.push({ id: json<Item>(r).id, place, text: normalize(`${title}\n${body}`) });
  }
}, 60_000);
afterAll(async () => { await t.close(); });

async function search(user: string, q: string, extra = ''): Promise<Item[]> {
  const c = await t.as(user);
  const r = await c.get(`/api/v1/issues?q=${encodeURIComponent(q)}&limit=100${extra}`);
  expect(r.statusCode, `${q}: ${r.body}`).toBe(200);
  return json<Page>(r).items;
}

/** Register an issue with this body, then each query finds it and nothing else, by the index and by a walk. */
async function expectOnlyThisFound(body: string, queries: string[]): Promise<void> {
  const r = await (await t.as('clerk')).post('/api/v1/issues', intake(t.unit('解放路社区'), { title: '居民反映设备问题', body }));
  expect(r.statusCode, r.body).toBe(201);
  const id = json<Item>(r).id;
  const actor = (await actorByUsername(t.db, 'clerk'))!;
  const now = new Date().toISOString();
  for (const q of queries) {
    for (const searchPlan of ['index', 'scan'] as const) {
      expect((await listIssuesInScope(t.db, actor, { q, searchPlan }, now, 10)).map((i) => i.id), `${q} ${searchPlan}`).toEqual([id]);
    }
  }
}

describe('GET /issues?q= (search)', () => {
  it('needs a session', async () => {
    expect((await t.anonymous.get('/api/v1/issues?q=路灯')).statusCode).toBe(401);
  });

  it('finds exactly the issues containing each substring of the corpus, of every length', async () => {
    const substrings = new Set<string>();
    for (const [, title, body] of CORPUS) {
      for (const s of [normalize(title), normalize(body)]) {
        const chars = Array.from(s);
        for (let len = 1; len <= 5; len++) {
          for (let i = 0; i + len <= chars.length; i += len === 1 ? 1 : 2) {
            const sub = chars.slice(i, i + len).join('');
            // One term: no spaces or quotes, and something to look for.
            if (/[\s"“”「」]/.test(sub) || !/[\p{L}\p{N}]/u.test(sub)) continue;
            substrings.add(sub);
          }
        }
      }
    }
    expect(substrings.size).toBeGreaterThan(300);
    let checked = 0;
    const clerk = (await actorByUsername(t.db, 'clerk'))!;
    const now = new Date().toISOString();
    for (const sub of substrings) {
      const expected = made.filter((m) => m.text.includes(sub)).map((m) => m.id).sort((a, b) => a - b);
      // Through the API (the plan chosen from token frequencies), and through both plans of the repository.
      if (checked % 5 === 0) expect((await search('clerk', sub)).map((i) => i.id).sort((a, b) => a - b), sub).toEqual(expected);
      for (const searchPlan of ON_POSTGRES ? (['index', 'scan'] as const) : (['index', 'scan', 'stream'] as const)) {
        const rows = await listIssuesInScope(t.db, clerk, { q: sub, searchPlan }, now, 100);
        expect(rows.map((r) => r.id).sort((a, b) => a - b), `${sub} (${searchPlan})`).toEqual(expected);
      }
      checked++;
    }
    expect(checked).toBe(substrings.size);
  }, 120_000);

  it('ANDs several terms, keeps quoted phrases whole and ignores case and full-width forms', async () => {
    expect((await search('clerk', '路灯 湖滨')).map((i) => i.title)).toEqual(['湖滨社区路灯损坏']);
    expect((await search('clerk', '"路灯不亮"')).map((i) => i.title).sort()).toEqual(['湖滨社区路灯损坏', '解放路路灯不亮']);
    expect((await search('clerk', '"路灯 不亮"')).length).toBe(0);
    expect((await search('clerk', 'ｗｉｆｉ')).map((i) => i.title)).toEqual(['WiFi信号差A3区']);
    expect((await search('clerk', 'a3区 断线')).map((i) => i.title)).toEqual(['WiFi信号差A3区']);
  });

  it('stays within the scope: the cadre of 城关镇 never sees 东湖街道 issues', async () => {
    const outside = new Set(made.filter((m) => ['湖滨社区', '新华社区'].includes(m.place)).map((m) => m.id));
    for (const q of ['路灯', '电梯', '扰民', '物业', '灯', '栋']) {
      const cadre = await search('cadre', q);
      expect(cadre.some((i) => outside.has(i.id)), q).toBe(false);
      const clerk = await search('clerk', q);
      expect(cadre.length, q).toBeLessThanOrEqual(clerk.length);
    }
    expect((await search('cadre', '湖滨')).length).toBe(0);
    expect((await search('cadre', '路灯')).map((i) => i.title)).toEqual(['解放路路灯不亮']);
  });

  it('gives the index\'s pages when the planner walks the ledger, whether the walk fills a page or falls back', async () => {
    const now = new Date().toISOString();
    let compared = 0;
    for (const username of ['clerk', 'cadre', 'handler']) {
      const actor = (await actorByUsername(t.db, username))!;
      for (const q of ['路', '灯', '电梯', '扰民', '社区 路灯', '物业']) {
        for (const sort of ['received_desc', 'received_asc', 'due_asc'] as const) {
          // A walk of 3 issues fills a page of 1 or 2 at times; a page of 100 never, so the lookup takes over.
          for (const limit of [1, 2, 100]) {
            const expected = await listIssuesInScope(t.db, { ...actor }, { q, searchPlan: 'index' }, now, limit, sort);
            for (const walkBudget of [3, undefined]) {
              const planned = await listIssuesInScope(t.db, { ...actor }, { q, walkBudget }, now, limit, sort);
              expect(planned.map((r) => r.id), `${username} ${q} ${sort} ${limit} ${walkBudget}`).toEqual(expected.map((r) => r.id));
            }
            compared += expected.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('combines with the list filters', async () => {
    expect((await search('clerk', '电梯', `&unitId=${t.unit('城关镇')}`)).map((i) => i.title)).toEqual(['小区电梯经常停运']);
    expect((await search('clerk', '电梯', '&status=closed')).length).toBe(0);
  });

  it('returns snippets with the hits marked, and orders by relevance when asked', async () => {
    const items = await search('clerk', '路灯', '&sort=relevance');
    expect(items.length).toBe(2);
    for (const i of items) {
      expect(i.match?.terms).toEqual(['路灯']);
      expect(i.match!.snippet.filter((p) => p.hit).every((p) => p.text === '路灯')).toBe(true);
      expect(i.match!.snippet.some((p) => p.hit)).toBe(true);
    }
    // 解放路路灯不亮 says 路灯 twice in a short text; a page of one continues on the next with the other.
    const first = await (await t.as('clerk')).get(`/api/v1/issues?q=${encodeURIComponent('路灯')}&sort=relevance&limit=1`);
    const p1 = json<Page>(first);
    expect(p1.items.length).toBe(1);
    const second = json<Page>(await (await t.as('clerk')).get(`/api/v1/issues?q=${encodeURIComponent('路灯')}&sort=relevance&limit=1&cursor=${p1.nextCursor}`));
    expect(second.items.map((i) => i.id)).not.toContain(p1.items[0]!.id);
    expect(second.items.length).toBe(1);
  });

  it('finds a tracking code, and words of a reply or a note once they are written', async () => {
    const clerk = await t.as('clerk');
    const target = made[3]!;
    const issue = json<Item & { trackingCode: string }>(await clerk.get(`/api/v1/issues/${target.id}`));
    expect((await search('clerk', issue.trackingCode)).map((i) => i.id)).toEqual([target.id]);
    expect((await search('clerk', '沥青修补')).length).toBe(0);
    const r = await clerk.post(`/api/v1/issues/${target.id}/transitions`, { action: 'note', version: issue.version, note: '已联系交通运输局安排沥青修补' });
    expect(r.statusCode, r.body).toBe(200);
    expect((await search('clerk', '沥青修补')).map((i) => i.id)).toEqual([target.id]);
  });

  it('pages through results newest-received first, back-dated letters where they were received, both ways', async () => {
    const clerk = await t.as('clerk');
    const made2: Array<{ id: number; receivedAt: string }> = [];
    for (const [i, at] of ['2026-03-01T09:00:00+08:00', '2026-01-15T09:00:00+08:00', '2026-05-20T09:00:00+08:00', '2025-12-31T23:59:59+08:00', '2026-05-20T09:00:00+08:00'].entries()) {
      const r = await clerk.post('/api/v1/issues', intake(t.unit('东关村'), { title: `井盖缺失第${i + 1}处`, body: '路边井盖缺失，夜里有人掉进去。', receivedAt: at }));
      expect(r.statusCode, r.body).toBe(201);
      made2.push(json<{ id: number; receivedAt: string }>(r));
    }
    for (const [sort, dir] of [['received_desc', -1], ['received_asc', 1]] as const) {
      const expected = [...made2].sort((a, b) => (a.receivedAt === b.receivedAt ? a.id - b.id : a.receivedAt < b.receivedAt ? -1 : 1) * dir).map((x) => x.id);
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const page: Page = json<Page>(await clerk.get(`/api/v1/issues?q=${encodeURIComponent('井盖')}&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`));
        seen.push(...page.items.map((x) => x.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen, sort).toEqual(expected);
    }
  });

  it('is rebuilt from the issues and their timelines with the same results', async () => {
    const before = await search('clerk', '沥青');
    const n = await rebuildSearchIndex(t.db);
    expect(n).toBe(made.length + 5);
    expect((await search('clerk', '沥青')).map((i) => i.id)).toEqual(before.map((i) => i.id));
    expect((await search('clerk', '电梯')).map((i) => i.title).sort()).toEqual(['小区电梯经常停运', '电梯困人']);
  });

  it('finds a substring deep inside a long word by the index as by a walk, so pages agree', async () => {
    await expectOnlyThisFound('电表编号 abcdefghijklmnopqrstuvwxyz0123456789 无读数。', ['z0123', 'xyz0123456789', 'klmnopqrstuvwxyz0123456789']);
  });

  it('ignores the case of accented Latin letters too, on both databases', async () => {
    await expectOnlyThisFound('Résidence ÉCOLE Ünter 的门禁卡无法使用。', ['école', 'ÉCOLE', 'RÉSIDENCE', 'ünter', '门禁卡 école']);
  });
});
