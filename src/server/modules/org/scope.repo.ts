/**
 * Data scope in SQL: a user sees records located in the subtree of a unit its roles are bound to, plus
 * records assigned to a unit in that subtree. Every list and get query of a scoped record applies this.
 */
import { type ExpressionBuilder, type Expression, type Kysely, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/connect.ts';
import { type Actor, scopePaths } from '../../actor.ts';

/**
 * An actor's scope as read once per request by queries that list many issues: the whole tenant (the predicate is then
 * the tenant alone), or its unit ids when they are few enough to pass as values on PostgreSQL, or neither
 * (`unitIds: null`: the subquery form).
 */
export type ResolvedScope = { all: true } | { all: false; unitIds: number[] | null };

/** Above this many units a scope is stated as a subquery: a broad scope's share is what the planner guesses anyway. */
const MAX_LISTED_UNITS = 2000;

/** Resolved scopes by actor (one request), with the database they were read from. */
const resolved = new WeakMap<Actor, { db: Kysely<DB>; scope: ResolvedScope }>();

/**
 * Resolve the actor's scope, so list queries can state it as values. PostgreSQL cannot estimate `unit IN (subquery)`:
 * it guessed 76 % of the ledger for a department's handful of issues and walked the whole ledger in received order
 * (0.5 s at 100,000 issues); with the ids as an array it reads both unit indexes instead. On SQLite only the
 * whole-tenant case is used (one count). The result lives as long as the actor object (one request).
 */
export async function resolveScope(db: Kysely<DB>, actor: Actor): Promise<ResolvedScope> {
  const hit = resolved.get(actor);
  if (hit?.db === db) return hit.scope;
  const paths = scopePaths(actor.bindings);
  let scope: ResolvedScope = { all: false, unitIds: [] };
  if (paths.length > 0) {
    const inScope = (w: ExpressionBuilder<DB, 'orgUnits'>) => w.or(paths.map((p) => w('path', 'like', `${p}%`)));
    const counts = await db.selectFrom('orgUnits').where('tenantId', '=', actor.tenantId)
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when(inScope(eb)).then(1).else(0).end()).as('mine')])
      .executeTakeFirstOrThrow();
    const n = Number(counts.n);
    const mine = Number(counts.mine ?? 0);
    if (mine > 0 && mine >= n) scope = { all: true };
    else if (mine === 0) scope = { all: false, unitIds: [] };
    else if (isPostgres(db) && mine <= MAX_LISTED_UNITS) {
      const ids = await db.selectFrom('orgUnits').select('id').where('tenantId', '=', actor.tenantId).where(inScope).execute();
      scope = { all: false, unitIds: ids.map((u) => u.id) };
    } else scope = { all: false, unitIds: null };
  }
  resolved.set(actor, { db, scope });
  return scope;
}

/** The ids of the org units in the actor's subtrees, as a subquery. */
export function scopedUnitIds(actor: Actor) {
  const paths = scopePaths(actor.bindings);
  return expressionBuilder<DB, never>().selectFrom('orgUnits as scopeUnit').select('scopeUnit.id')
    .where('scopeUnit.tenantId', '=', actor.tenantId)
    .where((w) => w.or(paths.map((p) => w('scopeUnit.path', 'like', `${p}%`))));
}

/**
 * The issue-scope predicate for `issues` rows. After `resolveScope` for the same actor it is stated with the
 * resolved units (nothing beyond the tenant for a whole-tenant scope; on PostgreSQL `= ANY(array)`); otherwise
 * with subqueries.
 */
export function issueInScope(eb: ExpressionBuilder<DB, 'issues'>, actor: Actor): Expression<SqlBool> {
  if (actor.bindings.length === 0) return sql<SqlBool>`1 = 0`;
  const r = resolved.get(actor)?.scope;
  if (r?.all) return eb('issues.tenantId', '=', actor.tenantId);
  if (r?.unitIds?.length === 0) return sql<SqlBool>`1 = 0`;
  if (r?.unitIds) {
    const ids = sql`${r.unitIds}::int[]`;
    return eb.and([
      eb('issues.tenantId', '=', actor.tenantId),
      eb.or([sql<SqlBool>`${eb.ref('issues.orgUnitId')} = any(${ids})`, sql<SqlBool>`${eb.ref('issues.responsibleUnitId')} = any(${ids})`]),
    ]);
  }
  return eb.and([
    eb('issues.tenantId', '=', actor.tenantId),
    eb.or([
      eb('issues.orgUnitId', 'in', scopedUnitIds(actor)),
      eb('issues.responsibleUnitId', 'in', scopedUnitIds(actor)),
    ]),
  ]);
}

/**
 * The same scope for a query that already joins the issue's location as `loc` and responsible unit as `resp`:
 * comparing the joined paths avoids the subqueries (a lookup by id is then one index probe per join).
 */
export function issueInScopeByPaths(eb: ExpressionBuilder<DB & { loc: DB['orgUnits']; resp: DB['orgUnits'] }, 'issues' | 'loc' | 'resp'>, actor: Actor): Expression<SqlBool> {
  const paths = scopePaths(actor.bindings);
  if (paths.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.and([
    eb('issues.tenantId', '=', actor.tenantId),
    eb.or(paths.flatMap((p) => [eb('loc.path', 'like', `${p}%`), eb('resp.path', 'like', `${p}%`)])),
  ]);
}
