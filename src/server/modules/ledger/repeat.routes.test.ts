import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

type ErrorJson = { error: { code: string; message: string } };
type IssueJson = { id: number; version: number; trackingCode: string; status: string };
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;

async function make(c: Client, extra: Record<string, unknown> = {}): Promise<IssueJson> {
  const r = await c.post('/api/v1/issues', intake(t.unit('解放路社区'), extra));
  expect(r.statusCode, r.body).toBe(201);
  return json(r);
}
const act = (c: Client, i: IssueJson, body: Record<string, unknown>) => c.post(`/api/v1/issues/${i.id}/transitions`, { version: i.version, ...body });

describe('repeat petitions (《信访工作条例》第19条)', () => {
  it('requires a login to filter the ledger by repeats', async () => {
    expect((await t.anonymous.get('/api/v1/issues?repeat=true')).statusCode).toBe(401);
  });

  it('第19条: the same person on a matter accepted and within its limit is linked, not accepted again; the ledger filters repeats', async () => {
    const clerk = await t.as('clerk');
    const first = json<IssueJson>(await act(clerk, await make(clerk), { action: 'accept' }));
    const again = await make(clerk, { relatedIssueId: first.id });
    const r = await act(clerk, again, { action: 'accept' });
    expect(r.statusCode).toBe(422);
    expect(json<ErrorJson>(r).error.message).toBe(`同一信访人就同一事项已有受理且在办理期限内的 ${first.trackingCode}，根据《信访工作条例》第十九条不再重复受理；可并入 ${first.trackingCode} 或告知其办理进展`);
    // Nothing changed; merging it into the earlier case is the way.
    expect(json<IssueJson>(await clerk.get(`/api/v1/issues/${again.id}`)).status).toBe('registered');
    expect((await act(clerk, again, { action: 'merge', intoIssueId: first.id })).statusCode).toBe(200);
    // The ledger lists the repeats (and the rest without them).
    const repeats = json<{ items: IssueJson[] }>(await clerk.get('/api/v1/issues?repeat=true&limit=50')).items.map((i) => i.id);
    expect(repeats).toEqual([again.id]);
    expect(json<{ items: IssueJson[] }>(await clerk.get('/api/v1/issues?repeat=false&limit=50')).items.map((i) => i.id)).toContain(first.id);

    // Another person's petition linked as a repeat, or one whose earlier case is no longer open, is accepted.
    const other = await make(clerk, { relatedIssueId: first.id, petitioner: { name: '李秀英', phone: '13700001111' } });
    expect((await act(clerk, other, { action: 'accept' })).statusCode).toBe(200);
    const declined = json<IssueJson>(await act(clerk, await make(clerk, { petitioner: { name: '张伟', phone: '13600002222' } }), { action: 'decline', reason: '不属于受理范围', properChannel: '向法院起诉' }));
    const later = await make(clerk, { relatedIssueId: declined.id, petitioner: { name: '张伟', phone: '13600002222' } });
    expect((await act(clerk, later, { action: 'accept' })).statusCode).toBe(200);
  });
});
