import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

type Json = Record<string, unknown>;
const json = <T = Json>(r: { body: string }) => JSON.parse(r.body) as T;
type IssueJson = { id: number; version: number; owner: { id: number; name: string } | null };

describe('包案: a leader owns an issue', () => {
  it('needs a login, a clerk or a leader in scope, and an owner who is a leader over the place', async () => {
    const clerk = await t.as('clerk');
    const id = json<IssueJson>(await clerk.post('/api/v1/issues', intake(t.unit('东湖村')))).id;
    expect((await t.anonymous.post(`/api/v1/issues/${id}/owner`, { ownerId: 1 })).statusCode).toBe(401);
    expect((await t.anonymous.get(`/api/v1/issues/${id}/owner-candidates`)).statusCode).toBe(401);
    // The township's cadre does not see an issue of 东湖街道 at all.
    const cadre = await t.as('cadre');
    expect((await cadre.post(`/api/v1/issues/${id}/owner`, { ownerId: 1 })).statusCode).toBe(404);
    expect((await cadre.get(`/api/v1/issues/${id}/owner-candidates`)).statusCode).toBe(404);
    // In its own township the cadre sees the issue but may not name an owner.
    const near = json<IssueJson>(await clerk.post('/api/v1/issues', intake(t.unit('东关村')))).id;
    expect((await cadre.post(`/api/v1/issues/${near}/owner`, { ownerId: 1 })).statusCode).toBe(403);
    // Only a leader over the place may own it: the clerk is not one.
    const me = json<{ id: number }>(await clerk.get('/api/v1/auth/me'));
    const bad = await clerk.post(`/api/v1/issues/${id}/owner`, { ownerId: me.id });
    expect(bad.statusCode).toBe(422);
    expect(json<{ error: { code: string } }>(bad).error.code).toBe('owner_not_leader');
    expect((await clerk.post(`/api/v1/issues/${id}/owner`, { ownerId: 'x' })).statusCode).toBe(400);
  });

  it('is named by the clerk, shows on the issue and its timeline, filters and exports the ledger, and can be cleared', async () => {
    const clerk = await t.as('clerk');
    const leader = await t.as('leader');
    const boss = json<{ id: number; displayName: string }>(await leader.get('/api/v1/auth/me'));
    const a = json<IssueJson>(await clerk.post('/api/v1/issues', intake(t.unit('东关村'), { title: '包案的问题' })));
    const b = json<IssueJson>(await clerk.post('/api/v1/issues', intake(t.unit('西关村'), { title: '没有包案的问题' })));
    const candidates = json<{ items: Array<{ id: number; name: string }> }>(await clerk.get(`/api/v1/issues/${a.id}/owner-candidates`)).items;
    expect(candidates.map((c) => c.id)).toContain(boss.id);
    const r = await clerk.post(`/api/v1/issues/${a.id}/owner`, { ownerId: boss.id });
    expect(r.statusCode, r.body).toBe(200);
    const owned = json<IssueJson>(r);
    expect(owned.owner).toEqual({ id: boss.id, name: boss.displayName });
    // Not a lifecycle step: the version the handler holds for the next action stays.
    expect(owned.version).toBe(a.version);
    const timeline = json<{ items: Array<{ type: string; data: Json }> }>(await clerk.get(`/api/v1/issues/${a.id}/timeline`)).items;
    expect(timeline.find((e) => e.type === 'owner')?.data).toMatchObject({ ownerId: boss.id, ownerName: boss.displayName });
    expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'issue.own').where('entityId', '=', String(a.id)).execute()).toHaveLength(1);
    // The leader's cases: the ledger filtered by owner, and its export.
    const mine = json<{ items: IssueJson[] }>(await leader.get(`/api/v1/issues?ownerId=${boss.id}`)).items.map((i) => i.id);
    expect(mine).toContain(a.id);
    expect(mine).not.toContain(b.id);
    const x = await leader.get(`/api/v1/issues/export?ownerId=${boss.id}`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['x-export-rows']).toBe(String(mine.length));
    // Cleared: no owner, off the list.
    expect(json<IssueJson>(await leader.post(`/api/v1/issues/${a.id}/owner`, { ownerId: null })).owner).toBeNull();
    expect(json<{ items: IssueJson[] }>(await leader.get(`/api/v1/issues?ownerId=${boss.id}`)).items.map((i) => i.id)).not.toContain(a.id);
  });
});
