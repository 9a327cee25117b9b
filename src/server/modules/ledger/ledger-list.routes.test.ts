import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import { encodeCursor } from './ledger-cursor.ts';

let t: TestContext;
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
type IssueJson = {
  id: number; version: number; status: string; kind: string; receivedAt: string; nextDueAt: string | null;
  orgUnitId: number; responsibleUnitId: number | null; orgUnitName?: string; responsibleUnitName?: string | null;
};
type Page = { items: IssueJson[]; nextCursor: string | null };
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };

/** Every issue the client can see in an order, fetched `pageSize` at a time by following the cursors. */
async function walk(c: Client, query: string, pageSize: number): Promise<IssueJson[]> {
  const out: IssueJson[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const r = await c.get(`/api/v1/issues?${query}&limit=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.statusCode, r.body).toBe(200);
    const page = json<Page>(r);
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

const byReceivedDesc = (a: IssueJson, b: IssueJson) => (a.receivedAt === b.receivedAt ? b.id - a.id : a.receivedAt < b.receivedAt ? 1 : -1);
const byDueAsc = (a: IssueJson, b: IssueJson) => {
  if (a.nextDueAt === b.nextDueAt) return a.id - b.id;
  if (a.nextDueAt === null) return 1;
  if (b.nextDueAt === null) return -1;
  return a.nextDueAt < b.nextDueAt ? -1 : 1;
};

let all: IssueJson[];
const zjj = () => t.unit('示例县住房和城乡建设局');

beforeAll(async () => {
  t = await setupApp();
  const clerk = await t.as('clerk');
  // Received times out of registration order (back-dated letters), two with the same time, in and out of the cadre's 城关镇.
  const plan: [string, string | undefined, string][] = [
    ['解放路社区', '2026-10-01T09:00:00+08:00', 'complaint'],
    ['湖滨社区', '2026-11-10T09:00:00+08:00', 'help'],
    ['东关村', '2026-09-15T09:00:00+08:00', 'complaint'],
    ['解放路社区', '2026-11-10T09:00:00+08:00', 'suggestion'],
    ['湖滨社区', undefined, 'complaint'],
    ['东关村', '2026-11-01T09:00:00+08:00', 'consult'],
    ['解放路社区', undefined, 'help'],
  ];
  const made: IssueJson[] = [];
  for (const [unit, receivedAt, kind] of plan) {
    const r = await clerk.post('/api/v1/issues', intake(t.unit(unit), { kind, ...(receivedAt ? { receivedAt } : {}) }));
    expect(r.statusCode, r.body).toBe(201);
    made.push(json<IssueJson>(r));
  }
  const act = async (i: IssueJson, body: Record<string, unknown>) => {
    const r = await clerk.post(`/api/v1/issues/${i.id}/transitions`, { version: i.version, ...body });
    expect(r.statusCode, r.body).toBe(200);
    return json<IssueJson>(r);
  };
  // Accepted ones get a 60-day handling clock; assigned ones a responsible unit; a declined one has no clock at all.
  made[0] = await act(await act(made[0]!, { action: 'accept' }), { action: 'assign', unitId: zjj() });
  made[1] = await act(await act(made[1]!, { action: 'accept' }), { action: 'assign', unitId: zjj() });
  made[2] = await act(made[2]!, { action: 'accept' });
  made[3] = await act(made[3]!, { action: 'decline', reason: '不属于受理范围', properChannel: '向法院起诉' });
  made[4] = await act(made[4]!, { action: 'decline', reason: '不属于受理范围', properChannel: '向法院起诉' });
  all = json<Page>(await clerk.get('/api/v1/issues?limit=200')).items;
  expect(all).toHaveLength(plan.length);
});
afterAll(async () => { await t?.close(); });

describe('GET /issues: who may call it', () => {
  it('requires authentication', async () => {
    const r = await t.anonymous.get('/api/v1/issues?sort=due_asc');
    expect(r.statusCode).toBe(401);
    expect(json<ErrorJson>(r).error).toEqual({ code: 'unauthenticated', message: '请先登录' });
  });

  it.each(['received_desc', 'received_asc', 'due_asc'])('keeps every page of %s inside the actor scope', async (sort) => {
    const cadre = await t.as('cadre'); // 城关镇
    const inScope = all.filter((i) => i.orgUnitId !== t.unit('湖滨社区'));
    const seen = await walk(cadre, `sort=${sort}`, 2);
    expect(seen.map((i) => i.id).sort()).toEqual(inScope.map((i) => i.id).sort());
    const handler = await t.as('handler'); // 住建局: only what was assigned to it
    const assigned = all.filter((i) => i.responsibleUnitId === zjj()).map((i) => i.id).sort();
    expect(assigned).toHaveLength(2);
    expect((await walk(handler, `sort=${sort}`, 1)).map((i) => i.id).sort()).toEqual(assigned);
  });

  it('does not let a cursor of an out-of-scope issue reveal anything', async () => {
    const outside = all.find((i) => i.orgUnitId === t.unit('湖滨社区') && !i.responsibleUnitId)!;
    const cadre = await t.as('cadre');
    const r = await cadre.get(`/api/v1/issues?cursor=${outside.id}&limit=200`);
    expect(r.statusCode).toBe(200);
    expect(json<Page>(r).items.every((i) => i.orgUnitId !== t.unit('湖滨社区'))).toBe(true);
  });
});

describe('GET /issues: orders and cursors', () => {
  it('orders by received time, newest first, by default (not by registration order)', async () => {
    const clerk = await t.as('clerk');
    const expected = [...all].sort(byReceivedDesc).map((i) => i.id);
    expect(all.map((i) => i.id)).toEqual(expected);
    expect(expected).not.toEqual([...expected].sort((a, b) => b - a));
    expect((await walk(clerk, 'sort=received_desc', 2)).map((i) => i.id)).toEqual(expected);
    expect((await walk(clerk, '', 3)).map((i) => i.id)).toEqual(expected);
  });

  it('orders by received time, oldest first', async () => {
    const clerk = await t.as('clerk');
    const expected = [...all].sort(byReceivedDesc).reverse().map((i) => i.id);
    expect((await walk(clerk, 'sort=received_asc', 2)).map((i) => i.id)).toEqual(expected);
  });

  it('orders by the next due time, soonest first, issues without a running clock last', async () => {
    const clerk = await t.as('clerk');
    const expected = [...all].sort(byDueAsc);
    expect(expected.filter((i) => i.nextDueAt === null)).toHaveLength(2);
    expect(expected.slice(-2).every((i) => i.nextDueAt === null)).toBe(true);
    for (const size of [1, 2, 5]) {
      expect((await walk(clerk, 'sort=due_asc', size)).map((i) => i.id)).toEqual(expected.map((i) => i.id));
    }
  });

  it('keeps the filters while paging', async () => {
    const clerk = await t.as('clerk');
    const seen = await walk(clerk, 'sort=due_asc&kind=complaint,help', 1);
    expect(seen.map((i) => i.id)).toEqual([...all].filter((i) => ['complaint', 'help'].includes(i.kind)).sort(byDueAsc).map((i) => i.id));
  });

  it('continues after an old-style plain-id cursor in the default order', async () => {
    const clerk = await t.as('clerk');
    const ordered = [...all].sort(byReceivedDesc);
    const r = await clerk.get(`/api/v1/issues?cursor=${ordered[2]!.id}&limit=200`);
    expect(r.statusCode, r.body).toBe(200);
    expect(json<Page>(r).items.map((i) => i.id)).toEqual(ordered.slice(3).map((i) => i.id));
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a cursor of another order', encodeCursor({ sort: 'due_asc', key: null, id: 1 })],
    ['a plain id that does not exist', '999999'],
  ])('refuses %s with 400 naming the cursor', async (_name, cursor) => {
    const r = await (await t.as('clerk')).get(`/api/v1/issues?cursor=${cursor}`);
    expect(r.statusCode).toBe(400);
    const err = json<ErrorJson>(r).error;
    expect(err.code).toBe('validation');
    expect(err.fields).toHaveProperty('cursor');
    expect(err.message).toMatch(/游标/);
  });

  it.each([
    ['an unknown order', 'sort=newest', 'sort'],
    ['an unknown filter', 'colour=red', 'colour'],
    ['a bad responsible unit', 'responsibleUnitId=abc', 'responsibleUnitId'],
    ['a cursor with odd characters', 'cursor=a%20b', 'cursor'],
  ])('refuses %s with 400', async (_name, query, field) => {
    const r = await (await t.as('clerk')).get(`/api/v1/issues?${query}`);
    expect(r.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(r).error.fields ?? {})).toContain(field);
  });
});

describe('GET /issues: filters and names', () => {
  it('filters by responsible unit and by kind', async () => {
    const clerk = await t.as('clerk');
    const resp = json<Page>(await clerk.get(`/api/v1/issues?responsibleUnitId=${zjj()}&limit=200`)).items;
    expect(resp.map((i) => i.id).sort()).toEqual(all.filter((i) => i.responsibleUnitId === zjj()).map((i) => i.id).sort());
    expect(resp).toHaveLength(2);
    const kinds = json<Page>(await clerk.get('/api/v1/issues?kind=consult&limit=200')).items;
    expect(kinds.length).toBe(1);
    expect(kinds[0]!.kind).toBe('consult');
  });

  it('names the location and the responsible unit, even outside the unit list of the user', async () => {
    const handler = await t.as('handler');
    const items = json<Page>(await handler.get('/api/v1/issues?limit=200')).items;
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(i.responsibleUnitName).toBe('示例县住房和城乡建设局');
      expect(['解放路社区', '湖滨社区']).toContain(i.orgUnitName);
    }
  });
});
