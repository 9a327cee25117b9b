/**
 * The scope predicate stated two ways — with subqueries over the org tree, and with the unit ids resolved once per
 * request (`resolveScope`, what list queries use) — selects the same issues for every demo account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ON_POSTGRES, intake, setupApp, type TestContext } from '../../../../test/helpers.ts';
import { actorByUsername } from './org.repo.ts';
import { issueInScope, resolveScope } from './scope.repo.ts';

let t: TestContext;

beforeAll(async () => {
  t = await setupApp();
  const clerk = await t.as('clerk');
  // Issues at places of several townships, some assigned to departments (a handler's scope is by responsible unit).
  for (const place of ['解放路社区', '东关村', '湖滨社区', '新华社区', '城关镇', '东湖街道']) {
    const r = await clerk.post('/api/v1/issues', intake(t.unit(place)));
    expect(r.statusCode, r.body).toBe(201);
    const issue = JSON.parse(r.body) as { id: number; version: number };
    if (place === '东关村' || place === '湖滨社区') {
      const accepted = await clerk.post(`/api/v1/issues/${issue.id}/transitions`, { action: 'accept', version: issue.version });
      expect(accepted.statusCode, accepted.body).toBe(200);
      const a = JSON.parse(accepted.body) as { version: number };
      const assigned = await clerk.post(`/api/v1/issues/${issue.id}/transitions`, { action: 'assign', version: a.version, unitId: t.unit('示例县住房和城乡建设局') });
      expect(assigned.statusCode, assigned.body).toBe(200);
    }
  }
}, 60_000);
afterAll(async () => { await t.close(); });

async function ids(username: string, resolved: boolean): Promise<number[]> {
  const actor = (await actorByUsername(t.db, username))!;
  if (resolved) await resolveScope(t.db, actor);
  const rows = await t.db.selectFrom('issues').select('id').where((eb) => issueInScope(eb, actor)).orderBy('id').execute();
  return rows.map((r) => r.id);
}

describe('issueInScope', () => {
  it('selects the same issues with resolved unit ids as with subqueries, for every account', async () => {
    const users = (await t.db.selectFrom('users').select('username').execute()).map((u) => u.username);
    expect(users.length).toBeGreaterThan(5);
    const seen = new Set<number>();
    for (const u of users) {
      const expected = await ids(u, false);
      expect(await ids(u, true), u).toEqual(expected);
      seen.add(expected.length);
    }
    // The accounts see different amounts (whole county, a township, a department's two, nothing), so the check has teeth.
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(await ids('handler', true)).toHaveLength(2);
    expect((await ids('clerk', true)).length).toBe(6);
  });

  it('resolves a scope at the root to the whole tenant, a township to its units (on PostgreSQL) and no binding to nothing', async () => {
    const cadre = (await actorByUsername(t.db, 'cadre'))!;
    const root = await t.db.selectFrom('orgUnits').select(['id', 'path']).where('parentId', 'is', null).executeTakeFirstOrThrow();
    const top = { ...cadre, bindings: [{ role: 'leader' as const, orgUnitId: root.id, path: root.path }] };
    expect(await resolveScope(t.db, top)).toEqual({ all: true });
    expect(await t.db.selectFrom('issues').select('id').where((eb) => issueInScope(eb, top)).execute()).toHaveLength(6);
    const scope = await resolveScope(t.db, cadre);
    expect(scope.all).toBe(false);
    if (!scope.all && ON_POSTGRES) {
      // PostgreSQL gets the ids as values; SQLite keeps the subquery (it plans that well).
      expect(scope.unitIds).toContain(t.unit('解放路社区'));
      expect(scope.unitIds).not.toContain(t.unit('湖滨社区'));
    } else if (!scope.all) {
      expect(scope.unitIds).toBeNull();
    }
    const nobody = { ...cadre, bindings: [] };
    expect(await resolveScope(t.db, nobody)).toMatchObject({ all: false, unitIds: [] });
    expect(await t.db.selectFrom('issues').select('id').where((eb) => issueInScope(eb, nobody)).execute()).toEqual([]);
  });
});
