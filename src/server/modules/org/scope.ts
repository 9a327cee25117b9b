/**
 * Data scope in SQL: a user sees records located in the subtree of a unit its roles are bound to, plus
 * records assigned to a unit in that subtree. Every list and get query of a scoped record applies this.
 */
import { type ExpressionBuilder, type Expression, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { type Actor, scopePaths } from './actor.ts';

/** The ids of the org units in the actor's subtrees, as a subquery. */
export function scopedUnitIds(actor: Actor) {
  const paths = scopePaths(actor.bindings);
  return expressionBuilder<DB, never>().selectFrom('orgUnits as scopeUnit').select('scopeUnit.id')
    .where('scopeUnit.tenantId', '=', actor.tenantId)
    .where((w) => w.or(paths.map((p) => w('scopeUnit.path', 'like', `${p}%`))));
}

/** The issue-scope predicate for `issues` rows. */
export function issueInScope(eb: ExpressionBuilder<DB, 'issues'>, actor: Actor): Expression<SqlBool> {
  if (actor.bindings.length === 0) return sql<SqlBool>`1 = 0`;
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
