/**
 * The ledger's total ("共 N 条"): GET /issues says on its first page how many issues pass the filters, within the
 * actor's scope, counted by the list's own query — and beyond COUNT_CAP says only that there are more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import { actorByUsername } from '../org/index.ts';
import { COUNT_CAP, countIssuesInScope } from './ledger.repo.ts';

let t: TestContext;
const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
type IssueJson = { id: number; version: number; trackingCode: string };
type Page = { items: IssueJson[]; nextCursor: string | null; total?: number; totalExact?: boolean };

let made: IssueJson[] = [];

beforeAll(async () => {
  t = await setupApp();
  const clerk = await t.as('clerk');
  // Three in 城关镇 (the cadre's township), two in 东湖街道; two mention 井盖, one in each township.
  const plan: [string, string, string][] = [
    ['解放路社区', 'complaint', '解放路口的井盖松动了，车一过就响，晚上很吵。'],
    ['解放路社区', 'help', '解放路社区路灯坏了半个月，晚上出行不安全。'],
    ['东关村', 'complaint', '东关村垃圾清运不及时，气味很大，请尽快处理。'],
    ['湖滨社区', 'complaint', '湖滨路的井盖丢了一个，很危险，请尽快补上。'],
    ['湖滨社区', 'consult', '想咨询一下老年人补贴怎么申请，需要哪些材料。'],
  ];
  made = [];
  for (const [unit, kind, body] of plan) {
    const r = await clerk.post('/api/v1/issues', intake(t.unit(unit), { kind, body, title: undefined }));
    expect(r.statusCode, r.body).toBe(201);
    made.push(json<IssueJson>(r));
  }
  // The second one goes to the housing bureau: the handler's whole ledger.
  let i = made[1]!;
  for (const body of [{ action: 'accept' }, { action: 'assign', unitId: t.unit('示例县住房和城乡建设局') }]) {
    const r = await clerk.post(`/api/v1/issues/${i.id}/transitions`, { version: i.version, ...body });
    expect(r.statusCode, r.body).toBe(200);
    i = json<IssueJson>(r);
  }
});
afterAll(async () => { await t?.close(); });

async function page(c: Client, query: string): Promise<Page> {
  const r = await c.get(`/api/v1/issues?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return json<Page>(r);
}

/** The total of the first page, checked against the issues the list itself gives for the same filters. */
async function total(username: string, query: string): Promise<number> {
  const c = await t.as(username);
  const first = await page(c, `${query}&limit=200`);
  expect(first.nextCursor).toBeNull();
  expect(first.totalExact).toBe(true);
  expect(first.total).toBe(first.items.length);
  return first.total!;
}

describe('GET /issues total', () => {
  it('requires authentication', async () => {
    expect((await t.anonymous.get('/api/v1/issues')).statusCode).toBe(401);
  });

  it('counts only what the actor may see', async () => {
    expect(await total('clerk', '')).toBe(5);
    expect(await total('cadre', '')).toBe(3); // 城关镇 only
    expect(await total('handler', '')).toBe(1); // what was assigned to its unit
    expect(await total('handler-jyj', '')).toBe(0);
  });

  it('counts with every filter', async () => {
    expect(await total('clerk', `unitId=${t.unit('城关镇')}`)).toBe(3);
    expect(await total('clerk', 'kind=complaint')).toBe(3);
    expect(await total('clerk', 'kind=complaint,consult')).toBe(4);
    expect(await total('clerk', 'status=assigned')).toBe(1);
    expect(await total('clerk', `responsibleUnitId=${t.unit('示例县住房和城乡建设局')}`)).toBe(1);
    expect(await total('clerk', 'overdue=true')).toBe(0);
    expect(await total('clerk', 'from=2000-01-01&to=2000-12-31')).toBe(0);
    expect(await total('clerk', 'channel=letter&kind=complaint')).toBe(3);
    // words: found in the index, in scope, with the other filters
    expect(await total('clerk', `q=${encodeURIComponent('井盖')}`)).toBe(2);
    expect(await total('clerk', `q=${encodeURIComponent('井盖')}&sort=relevance`)).toBe(2);
    expect(await total('cadre', `q=${encodeURIComponent('井盖')}`)).toBe(1);
    expect(await total('clerk', `q=${encodeURIComponent('井盖')}&kind=consult`)).toBe(0);
    // a tracking code finds that one issue
    expect(await total('clerk', `q=${made[3]!.trackingCode}`)).toBe(1);
    expect(await total('cadre', `q=${made[3]!.trackingCode}`)).toBe(0);
  });

  it('is said on the first page only, for all pages together', async () => {
    const c = await t.as('clerk');
    const first = await page(c, 'limit=2');
    expect(first).toMatchObject({ total: 5, totalExact: true });
    expect(first.items).toHaveLength(2);
    const second = await page(c, `limit=2&cursor=${first.nextCursor!}`);
    expect(second.items).toHaveLength(2);
    expect(second.total).toBeUndefined();
    expect(second.totalExact).toBeUndefined();
  });

  it('stops counting at the cap and says the total is a lower bound', async () => {
    expect(COUNT_CAP).toBe(10_000);
    const clerk = (await actorByUsername(t.db, 'clerk'))!;
    const cadre = (await actorByUsername(t.db, 'cadre'))!;
    const now = new Date().toISOString();
    expect(await countIssuesInScope(t.db, clerk, {}, now, 4)).toEqual({ total: 4, exact: false });
    expect(await countIssuesInScope(t.db, clerk, {}, now, 5)).toEqual({ total: 5, exact: true });
    expect(await countIssuesInScope(t.db, cadre, {}, now, 3)).toEqual({ total: 3, exact: true });
    expect(await countIssuesInScope(t.db, cadre, {}, now, 2)).toEqual({ total: 2, exact: false });
    expect(await countIssuesInScope(t.db, clerk, { q: '井盖' }, now, 1)).toEqual({ total: 1, exact: false });
    expect(await countIssuesInScope(t.db, clerk, { q: '井盖' }, now, 2)).toEqual({ total: 2, exact: true });
  });
});
