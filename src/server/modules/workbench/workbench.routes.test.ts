import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';
import { boundaries } from './workbench.routes.ts';
import { workStatuses } from './workbench.repo.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

type IssueJson = { id: number; version: number; status: string };
type Workbench = { counts: Record<string, number>; buckets: Record<string, IssueJson[]>; recent: IssueJson[]; trend: { date: string; received: number }[] };
const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
const DAY = 86_400_000;

async function register(unit: string, daysAgo = 0): Promise<IssueJson> {
  const r = await (await t.as('clerk')).post('/api/v1/issues', intake(t.unit(unit), { receivedAt: new Date(Date.now() - daysAgo * DAY).toISOString() }));
  expect(r.statusCode, r.body).toBe(201);
  return json<IssueJson>(r);
}
async function act(username: string, issue: IssueJson, body: Record<string, unknown>): Promise<IssueJson> {
  const r = await (await t.as(username)).post(`/api/v1/issues/${issue.id}/transitions`, { version: issue.version, ...body });
  expect(r.statusCode, r.body).toBe(200);
  return json<IssueJson>(r);
}
const workbench = async (username: string) => {
  const r = await (await t.as(username)).get('/api/v1/workbench');
  expect(r.statusCode, r.body).toBe(200);
  return json<Workbench>(r);
};
const ids = (xs: IssueJson[]) => xs.map((x) => x.id);

describe('workbench', () => {
  it('requires authentication', async () => {
    expect((await t.anonymous.get('/api/v1/workbench')).statusCode).toBe(401);
  });

  it('derives each role\'s work from the lifecycle table', () => {
    expect(workStatuses('clerk').scope).toEqual(expect.arrayContaining(['registered', 'accepted', 'returned', 'replied', 'callback']));
    expect(workStatuses('handler').responsible).toEqual(expect.arrayContaining(['assigned', 'in_progress']));
    expect(workStatuses('leader').scope).toContain('extension_requested');
    // a closed issue is nobody's to-do just because a review could be requested or a leader could reopen it
    expect(workStatuses('clerk').scope).not.toContain('closed');
    expect(workStatuses('leader').scope).not.toContain('closed');
    expect(workStatuses('inspector')).toEqual({ scope: [], responsible: [] });
    expect(workStatuses('cadre')).toEqual({ scope: [], responsible: [] });
  });

  it('lists an overdue registration as the clerk\'s overdue work, and not to another township\'s cadre', async () => {
    const late = await register('湖滨社区', 20);
    const wb = await workbench('clerk');
    expect(wb.counts.overdue).toBeGreaterThanOrEqual(1);
    expect(ids(wb.buckets.overdue!)).toContain(late.id);
    expect(ids(wb.recent)).toContain(late.id);
    const cadre = await workbench('cadre');
    expect(ids(cadre.recent)).not.toContain(late.id);
    expect(cadre.counts.total).toBe(0);
  });

  it('puts assigned work in the handler\'s queue and an extension request in the leader\'s approvals', async () => {
    let issue = await register('解放路社区');
    issue = await act('clerk', issue, { action: 'accept' });
    issue = await act('clerk', issue, { action: 'assign', unitId: t.unit('示例县住房和城乡建设局') });
    const handler = await workbench('handler');
    expect(handler.counts.total).toBeGreaterThanOrEqual(1);
    expect(ids(handler.recent)).toContain(issue.id);
    expect((await workbench('handler-jyj')).counts.total).toBe(0);
    issue = await act('handler', issue, { action: 'start', note: '已联系' });
    issue = await act('handler', issue, { action: 'request_extension', reason: '需协调', days: 10 });
    const leader = await workbench('leader');
    expect(leader.counts.awaitingApproval).toBeGreaterThanOrEqual(1);
    expect(ids(leader.buckets.awaitingApproval!)).toContain(issue.id);
  });

  it('counts a returned assignment for the clerk', async () => {
    let issue = await register('东关村');
    issue = await act('clerk', issue, { action: 'accept' });
    issue = await act('clerk', issue, { action: 'assign', unitId: t.unit('示例县住房和城乡建设局') });
    issue = await act('handler', issue, { action: 'return', reason: '不属于本单位职责' });
    const wb = await workbench('clerk');
    expect(wb.counts.returned).toBeGreaterThanOrEqual(1);
    expect(ids(wb.buckets.returned!)).toContain(issue.id);
  });

  it('counts issues received per day over the last 30 days, in scope', async () => {
    const wb = await workbench('clerk');
    expect(wb.trend).toHaveLength(30);
    const total = wb.trend.reduce((s, d) => s + d.received, 0);
    expect(total).toBe(3); // the three issues registered above (one of them 20 days ago)
    expect(wb.trend.map((d) => d.date)).toEqual([...wb.trend.map((d) => d.date)].sort());
    expect((await workbench('handler-jyj')).trend.reduce((s, d) => s + d.received, 0)).toBe(0);
  });

  it('names the place and the unit of each item, also a place outside the handler\'s unit list, and gives its receipt time', async () => {
    const received = new Date(Date.now() - 3 * DAY).toISOString();
    const r = await (await t.as('clerk')).post('/api/v1/issues', intake(t.unit('解放路社区'), { receivedAt: received, channel: 'phone' }));
    let issue = json<IssueJson>(r);
    issue = await act('clerk', issue, { action: 'accept' });
    issue = await act('clerk', issue, { action: 'assign', unitId: t.unit('示例县住房和城乡建设局') });
    const item = (await workbench('handler')).recent.find((i) => i.id === issue.id) as unknown as Record<string, unknown>;
    expect(item).toMatchObject({ orgUnitName: '解放路社区', responsibleUnitName: '示例县住房和城乡建设局', receivedAt: received });
  });

  it('bounds today and this week in Shanghai time', () => {
    // Wednesday 2026-03-04 23:30 in Shanghai = 15:30Z
    const b = boundaries(Date.parse('2026-03-04T15:30:00Z'));
    expect(b.endOfToday).toBe('2026-03-04T15:59:59.999Z');
    expect(b.endOfWeek).toBe('2026-03-08T15:59:59.999Z');
    // Sunday: the week ends today
    expect(boundaries(Date.parse('2026-03-08T02:00:00Z')).endOfWeek).toBe('2026-03-08T15:59:59.999Z');
  });
});
