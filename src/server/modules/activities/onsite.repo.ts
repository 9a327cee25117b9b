/**
 * On-site office sessions' tables (现场办公, issue 17): the units present, the agenda items with their outcomes, the
 * departments' sign-offs. Reads join the issue's code, title, live status and places, so the session's page and the
 * units' task lists show where each item stands now. Scope in SQL: the session is read through its activity (in the
 * actor's subtree, `findActivityInScope`); a unit's tasks are the items whose unit lies in one of the actor's handler
 * subtrees.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/connect.ts';
import type { Actor } from '../../actor.ts';
import { scopePaths } from '../../actor.ts';
import { STATUS_INFO, type IssueStatus } from '../../../shared/lifecycle.ts';

type Db = Kysely<DB>;

/** The units present at a session, by name. */
export async function unitsOf(db: Db, activityId: number) {
  return db.selectFrom('onsiteUnits as ou').innerJoin('orgUnits as u', 'u.id', 'ou.unitId')
    .select(['u.id', 'u.name', 'u.path']).where('ou.activityId', '=', activityId).orderBy('u.path').execute();
}

/** Replace the units present. */
export async function setUnits(db: Db, tenantId: number, activityId: number, unitIds: readonly number[]): Promise<void> {
  await db.deleteFrom('onsiteUnits').where('activityId', '=', activityId).execute();
  if (unitIds.length) await db.insertInto('onsiteUnits').values(unitIds.map((unitId) => ({ tenantId, activityId, unitId }))).execute();
}

/** Units of a tenant by id (any level: departments, townships). */
export async function tenantUnits(db: Db, tenantId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgUnits').select(['id', 'name', 'path']).where('tenantId', '=', tenantId).where('id', 'in', [...ids]).execute();
}

/** Units named by the solved items of a session that still wait for a sign-off. */
export async function unitsNamedOpen(db: Db, activityId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('onsiteSignoffs as s').innerJoin('onsiteItems as i', 'i.id', 's.itemId')
    .select('s.unitId').where('i.activityId', '=', activityId).where('i.outcome', '=', 'solved').execute();
  return new Set(rows.map((r) => r.unitId));
}

const itemBase = (db: Db) => db.selectFrom('onsiteItems as i')
  .innerJoin('issues', 'issues.id', 'i.issueId')
  .innerJoin('orgUnits as loc', 'loc.id', 'issues.orgUnitId')
  .leftJoin('orgUnits as resp', 'resp.id', 'issues.responsibleUnitId')
  .leftJoin('orgUnits as fu', 'fu.id', 'i.followupUnitId')
  .leftJoin('clocks as c', 'c.id', 'i.followupClockId')
  .leftJoin('users as d', 'd.id', 'i.decidedBy')
  .select([
    'i.id', 'i.activityId', 'i.issueId', 'i.sort', 'i.outcome', 'i.note', 'i.followupUnitId', 'i.followupDueAt', 'i.decidedBy', 'i.decidedAt',
    'i.completedAt', 'issues.trackingCode', 'issues.title', 'issues.status', 'loc.name as orgUnitName', 'loc.path as locPath', 'resp.name as respName',
    'fu.name as followupUnitName', 'c.metAt as clockMetAt', 'd.displayName as decidedByName',
  ]);

/** An agenda item with its issue's brief, as read. */
export type ItemRow = Awaited<ReturnType<typeof itemsOf>>[number];

/** A session's agenda in its order. */
export async function itemsOf(db: Db, activityId: number) {
  return itemBase(db).where('i.activityId', '=', activityId).orderBy('i.sort').orderBy('i.id').execute();
}

/** One agenda item of a session. */
export async function findItem(db: Db, activityId: number, itemId: number): Promise<ItemRow | undefined> {
  return itemBase(db).where('i.activityId', '=', activityId).where('i.id', '=', itemId).executeTakeFirst();
}

/** Lock an item's row for the rest of the transaction (PostgreSQL; SQLite's writer lock serialises already): decisions and sign-offs on one item run one at a time. */
export async function lockItem(db: Db, activityId: number, itemId: number): Promise<boolean> {
  const q = db.selectFrom('onsiteItems').select('id').where('activityId', '=', activityId).where('id', '=', itemId);
  return !!(await (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst());
}

/** Whether the issue is already on the session's agenda. */
export async function itemOfIssue(db: Db, activityId: number, issueId: number) {
  return db.selectFrom('onsiteItems').select('id').where('activityId', '=', activityId).where('issueId', '=', issueId).executeTakeFirst();
}

/** Put an issue at the end of the agenda; returns the item's id. */
export async function insertItem(db: Db, v: { tenantId: number; activityId: number; issueId: number; addedBy: number; now: string }): Promise<number> {
  const last = await db.selectFrom('onsiteItems').select((eb) => eb.fn.max('sort').as('s')).where('activityId', '=', v.activityId).executeTakeFirst();
  const row = await db.insertInto('onsiteItems').values({
    tenantId: v.tenantId, activityId: v.activityId, issueId: v.issueId, sort: Number(last?.s ?? 0) + 1, outcome: 'pending', note: '', addedBy: v.addedBy, addedAt: v.now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** How many items a session has. */
export async function itemCount(db: Db, activityId: number): Promise<number> {
  return Number((await db.selectFrom('onsiteItems').select((eb) => eb.fn.countAll<number>().as('n')).where('activityId', '=', activityId).executeTakeFirstOrThrow()).n);
}

/** Take an item off the agenda (with its sign-offs). */
export async function deleteItem(db: Db, itemId: number): Promise<void> {
  await db.deleteFrom('onsiteSignoffs').where('itemId', '=', itemId).execute();
  await db.deleteFrom('onsiteItems').where('id', '=', itemId).execute();
}

/** Record an item's outcome. */
export async function updateItem(db: Db, itemId: number, set: Partial<Pick<DB['onsiteItems'], 'outcome' | 'note' | 'followupUnitId' | 'followupDueAt' | 'followupClockId' | 'decidedBy' | 'decidedAt' | 'completedAt'>>): Promise<void> {
  await db.updateTable('onsiteItems').set(set).where('id', '=', itemId).execute();
}

/** Replace the departments an item needs sign-offs from (none signed yet). */
export async function setSignoffUnits(db: Db, tenantId: number, itemId: number, unitIds: readonly number[]): Promise<void> {
  await db.deleteFrom('onsiteSignoffs').where('itemId', '=', itemId).execute();
  if (unitIds.length) await db.insertInto('onsiteSignoffs').values(unitIds.map((unitId) => ({ tenantId, itemId, unitId, inApp: 0 }))).execute();
}

/** The sign-offs of items, with their units' names, in the order of the units' paths. */
export async function signoffsOf(db: Db, itemIds: readonly number[]) {
  if (itemIds.length === 0) return [];
  return db.selectFrom('onsiteSignoffs as s').innerJoin('orgUnits as u', 'u.id', 's.unitId')
    .select(['s.itemId', 's.unitId', 'u.name as unitName', 'u.path as unitPath', 's.signedAt', 's.signerName', 's.inApp', 's.recordedBy'])
    .where('s.itemId', 'in', [...itemIds]).orderBy('u.path').execute();
}

/** Record one department's sign-off, if it has not signed yet; whether this call signed it. */
export async function sign(db: Db, itemId: number, unitId: number, v: { signedAt: string; signerName: string; recordedBy: number; inApp: boolean }): Promise<boolean> {
  const r = await db.updateTable('onsiteSignoffs').set({ signedAt: v.signedAt, signerName: v.signerName, recordedBy: v.recordedBy, inApp: v.inApp ? 1 : 0 })
    .where('itemId', '=', itemId).where('unitId', '=', unitId).where('signedAt', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The issue's handling clock still running (the one a follow-up's deadline is set on). */
export async function runningHandleClock(db: Db, issueId: number) {
  return db.selectFrom('clocks').select(['id', 'dueAt', 'rule']).where('subjectType', '=', 'issue').where('subjectId', '=', issueId)
    .where('kind', '=', 'handle').where('metAt', 'is', null).orderBy('id', 'desc').executeTakeFirst();
}

/** A session as its tasks name it. */
const sessionCols = ['a.id as sessionId', 'a.title as sessionTitle', 'a.startsAt as sessionStartsAt', 'au.name as sessionUnitName'] as const;

function underHandlerUnits(actor: Actor, column: string) {
  const paths = scopePaths(actor.bindings.filter((b) => b.role === 'handler'));
  if (paths.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(paths.map((p) => sql`${sql.ref(column)} like ${`${p}%`}`), sql` or `)})`;
}

/** Solved items waiting for a sign-off from a unit in one of the actor's handler subtrees. */
export async function signoffsAwaited(db: Db, actor: Actor) {
  return itemBase(db).innerJoin('onsiteSignoffs as s', 's.itemId', 'i.id').innerJoin('orgUnits as su', 'su.id', 's.unitId')
    .innerJoin('activities as a', 'a.id', 'i.activityId').innerJoin('orgUnits as au', 'au.id', 'a.orgUnitId')
    .select([...sessionCols, 's.unitId as signUnitId', 'su.name as signUnitName'])
    .where('i.tenantId', '=', actor.tenantId).where('i.outcome', '=', 'solved').where('i.completedAt', 'is', null).where('s.signedAt', 'is', null)
    .where(underHandlerUnits(actor, 'su.path')).orderBy('a.startsAt', 'desc').orderBy('i.sort').limit(50).execute();
}

/** Follow-ups given to a unit in one of the actor's handler subtrees, the soonest deadline first; `done` ones of the last 30 days only. */
export async function followupsOfUnits(db: Db, actor: Actor, since: string) {
  return itemBase(db).innerJoin('orgUnits as fu2', 'fu2.id', 'i.followupUnitId')
    .innerJoin('activities as a', 'a.id', 'i.activityId').innerJoin('orgUnits as au', 'au.id', 'a.orgUnitId')
    .select([...sessionCols])
    .where('i.tenantId', '=', actor.tenantId).where('i.outcome', '=', 'followup')
    .where((eb) => eb.or([eb('c.metAt', 'is', null), eb('c.metAt', '>=', since)]))
    .where(underHandlerUnits(actor, 'fu2.path')).orderBy('i.followupDueAt').limit(50).execute();
}

/** The on-site sessions that put an issue on their agenda (its timeline's entries). */
export async function sessionsOfIssue(db: Db, issueId: number) {
  return db.selectFrom('onsiteItems as i').innerJoin('activities as a', 'a.id', 'i.activityId').leftJoin('users as u', 'u.id', 'i.addedBy')
    .leftJoin('orgUnits as fu', 'fu.id', 'i.followupUnitId')
    .select(['i.id', 'i.outcome', 'i.addedAt', 'i.addedBy', 'i.decidedAt', 'i.followupDueAt', 'fu.name as followupUnitName', 'a.id as activityId', 'a.title', 'a.startsAt', 'u.displayName'])
    .where('i.issueId', '=', issueId).orderBy('i.id').execute();
}

/** The status of an issue code as a brief's fields. */
export const briefOf = (r: Pick<ItemRow, 'issueId' | 'trackingCode' | 'title' | 'status' | 'orgUnitName' | 'respName'>) => ({
  id: r.issueId, trackingCode: r.trackingCode, title: r.title, status: r.status as IssueStatus, statusType: STATUS_INFO[r.status as IssueStatus].type,
  orgUnitName: r.orgUnitName, responsibleUnitName: r.respName,
});

// ---- the demo county ----------------------------------------------------------------------------------------------

/** Open demo issues located in a unit's subtree whose last change was before `before` (a session then could take them up). */
export async function demoOpenIssuesUnder(db: Db, tenantId: number, unitId: number, before: string, statuses: readonly string[]) {
  const unit = await db.selectFrom('orgUnits').select('path').where('id', '=', unitId).executeTakeFirstOrThrow();
  return db.selectFrom('issues').innerJoin('orgUnits as loc', 'loc.id', 'issues.orgUnitId')
    .select(['issues.id', 'issues.status', 'issues.responsibleUnitId', 'issues.updatedAt'])
    .where('issues.tenantId', '=', tenantId).where('loc.path', 'like', `${unit.path}%`).where('issues.updatedAt', '<', before)
    .where('issues.status', 'in', [...statuses]).orderBy('issues.receivedAt', 'desc').limit(40).execute();
}

/** Units of a tenant by name. */
export async function unitIdsByName(db: Db, tenantId: number, names: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.selectFrom('orgUnits').select(['id', 'name']).where('tenantId', '=', tenantId).where('name', 'in', [...names]).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}
