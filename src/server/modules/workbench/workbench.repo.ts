/**
 * The actor's to-do queue: issues in scope whose status is one from which one of the actor's roles has a
 * lifecycle action (taken from the transition table, not restated), with the reach that role needs.
 */
import { type ExpressionBuilder, type Kysely, type Expression, type Nullable, type SqlBool, sql } from 'kysely';
import type { DB, OrgUnitTable } from '../../db/types.ts';
import { TRANSITIONS, type IssueAction, type IssueStatus } from '../../../shared/lifecycle.ts';
import type { Role } from '../../../shared/enums.ts';
import type { Actor } from '../../actor.ts';

/**
 * Actions that are not pending work: notes and supervision can be done any time, and 复查/复核 requests and
 * reopening happen when someone asks, so a closed issue is not a to-do because it could be reopened.
 */
const NOT_WORK: readonly IssueAction[] = ['note', 'supervise', 'request_review', 'request_re_review', 'reopen'];

/** Statuses from which a role has work to do, by reach. */
export function workStatuses(role: Role): { scope: IssueStatus[]; responsible: IssueStatus[] } {
  const out = { scope: new Set<IssueStatus>(), responsible: new Set<IssueStatus>() };
  for (const r of TRANSITIONS) {
    if (NOT_WORK.includes(r.action) || !r.roles.includes(role)) continue;
    for (const s of r.from) out[r.reach].add(s);
  }
  return { scope: [...out.scope], responsible: [...out.responsible] };
}

type Eb = ExpressionBuilder<DB & { loc: OrgUnitTable; resp: Nullable<OrgUnitTable> }, 'issues' | 'loc' | 'resp'>;

function base(db: Kysely<DB>) {
  return db.selectFrom('issues')
    .innerJoin('orgUnits as loc', 'loc.id', 'issues.orgUnitId')
    .leftJoin('orgUnits as resp', 'resp.id', 'issues.responsibleUnitId');
}

function todoFilter(eb: Eb, actor: Actor): Expression<SqlBool> {
  const branches: Expression<SqlBool>[] = [];
  for (const b of actor.bindings) {
    const { scope, responsible } = workStatuses(b.role);
    const p = `${b.path}%`;
    if (scope.length) branches.push(eb.and([eb('issues.status', 'in', scope), eb.or([eb('loc.path', 'like', p), eb('resp.path', 'like', p)])]));
    if (responsible.length) branches.push(eb.and([eb('issues.status', 'in', responsible), eb('resp.path', 'like', p)]));
  }
  return branches.length ? eb.and([eb('issues.tenantId', '=', actor.tenantId), eb.or(branches)]) : sql<SqlBool>`1 = 0`;
}

/** Bucket boundaries, as ISO instants. */
export interface Boundaries {
  now: string;
  endOfToday: string;
  endOfWeek: string;
}

/** Counts of the actor's to-dos by bucket. */
export async function todoCounts(db: Kysely<DB>, actor: Actor, b: Boundaries) {
  const row = await base(db).where((eb) => todoFilter(eb, actor)).select((eb) => [
    eb.fn.countAll<number>().as('total'),
    eb.fn.sum<number>(eb.case().when('issues.nextDueAt', '<', b.now).then(1).else(0).end()).as('overdue'),
    eb.fn.sum<number>(eb.case().when(eb.and([eb('issues.nextDueAt', '>=', b.now), eb('issues.nextDueAt', '<=', b.endOfToday)])).then(1).else(0).end()).as('dueToday'),
    eb.fn.sum<number>(eb.case().when(eb.and([eb('issues.nextDueAt', '>=', b.now), eb('issues.nextDueAt', '<=', b.endOfWeek)])).then(1).else(0).end()).as('dueThisWeek'),
    eb.fn.sum<number>(eb.case().when('issues.status', '=', 'returned').then(1).else(0).end()).as('returned'),
    eb.fn.sum<number>(eb.case().when('issues.status', '=', 'extension_requested').then(1).else(0).end()).as('awaitingApproval'),
  ]).executeTakeFirst();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    total: n(row?.total), overdue: n(row?.overdue), dueToday: n(row?.dueToday), dueThisWeek: n(row?.dueThisWeek),
    returned: n(row?.returned), awaitingApproval: n(row?.awaitingApproval),
  };
}

/** The bucket names the workbench lists. */
export type Bucket = 'overdue' | 'dueToday' | 'dueThisWeek' | 'returned' | 'awaitingApproval' | 'all';

/** Ids of the actor's to-dos in a bucket, most urgent first. */
export async function todoIds(db: Kysely<DB>, actor: Actor, bucket: Bucket, b: Boundaries, limit: number): Promise<number[]> {
  let q = base(db).select('issues.id').where((eb) => todoFilter(eb, actor));
  switch (bucket) {
    case 'overdue': q = q.where('issues.nextDueAt', '<', b.now); break;
    case 'dueToday': q = q.where('issues.nextDueAt', '>=', b.now).where('issues.nextDueAt', '<=', b.endOfToday); break;
    case 'dueThisWeek': q = q.where('issues.nextDueAt', '>=', b.now).where('issues.nextDueAt', '<=', b.endOfWeek); break;
    case 'returned': q = q.where('issues.status', '=', 'returned'); break;
    case 'awaitingApproval': q = q.where('issues.status', '=', 'extension_requested'); break;
    case 'all': break;
  }
  // Most urgent first; clocks that are not running sort last.
  const rows = await q.orderBy(sql`case when ${sql.ref('issues.nextDueAt')} is null then 1 else 0 end`).orderBy('issues.nextDueAt').orderBy('issues.id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Ids of the issues in scope updated most recently. */
export async function recentIds(db: Kysely<DB>, actor: Actor, limit: number): Promise<number[]> {
  const paths = [...new Set(actor.bindings.map((b) => b.path))];
  if (paths.length === 0) return [];
  const rows = await base(db).select('issues.id').where('issues.tenantId', '=', actor.tenantId)
    .where((eb) => eb.or(paths.flatMap((p) => [eb('loc.path', 'like', `${p}%`), eb('resp.path', 'like', `${p}%`)])))
    .orderBy('issues.updatedAt', 'desc').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Receipt times of the issues in scope received since `since` (the workbench's 30-day trend). */
export async function receivedSince(db: Kysely<DB>, actor: Actor, since: string): Promise<string[]> {
  const paths = [...new Set(actor.bindings.map((b) => b.path))];
  if (paths.length === 0) return [];
  const rows = await base(db).select('issues.receivedAt').where('issues.tenantId', '=', actor.tenantId)
    .where('issues.receivedAt', '>=', since)
    .where((eb) => eb.or(paths.flatMap((p) => [eb('loc.path', 'like', `${p}%`), eb('resp.path', 'like', `${p}%`)])))
    .execute();
  return rows.map((r) => r.receivedAt);
}
