/**
 * Data scope in SQL: a user sees records located in the subtree of a unit its roles are bound to, plus
 * records assigned to a unit in that subtree. Every list and get query of a scoped record applies this.
 */
import { type ExpressionBuilder, type Expression, type Kysely, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/connect.ts';
import { type Actor, scopePaths } from './actor.ts';

/**
 * The units of an actor's scope, read once per query that lists many issues: `'all'` when the scope holds every
 * unit of the tenant (the predicate is then the tenant alone), otherwise the unit ids.
 */
export type ResolvedScope = { all: true } | { all: false; unitIds: number[]; postgres: boolean };

/** Resolved scopes by actor (one request), with the database they were read from. */
const resolved = new WeakMap<Actor, { db: Kysely<DB>; scope: ResolvedScope }>();

/**
 * Resolve the actor's scope to unit ids, so list queries can state it as values. PostgreSQL cannot estimate
 * `unit IN (subquery)`: it guessed 76 % of the ledger for a department's handful of issues and walked the whole
 * ledger in received order (0.5 s at 100,000 issues); with the ids as an array it reads both unit indexes instead.
 * The result lives as long as the actor object (one request).
 */
export async function resolveScope(db: Kysely<DB>, actor: Actor): Promise<ResolvedScope> {
  const hit = resolved.get(actor);
  if (hit?.db === db) return hit.scope;
  const paths = scopePaths(actor.bindings);
  let scope: ResolvedScope;
  if (paths.length === 0) {
    scope = { all: false, unitIds: [], postgres: isPostgres(db) };
  } else {
    const [mine, all] = await Promise.all([
      db.selectFrom('orgUnits').select('id').where('tenantId', '=', actor.tenantId)
        .where((w) => w.or(paths.map((p) => w('path', 'like', `${p}%`)))).execute(),
      db.selectFrom('orgUnits').select((eb) => eb.fn.countAll<number>().as('n')).where('tenantId', '=', actor.tenantId).executeTakeFirstOrThrow(),
    ]);
    scope = mine.length >= Number(all.n) ? { all: true } : { all: false, unitIds: mine.map((u) => u.id), postgres: isPostgres(db) };
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
  if (r && r.unitIds.length === 0) return sql<SqlBool>`1 = 0`;
  if (r?.postgres) {
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
