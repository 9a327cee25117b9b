/** Policies, the calendar and the clocks stored on issues. */
import { sql, type Kysely } from 'kysely';
import type { Clock, DB } from '../../db/types.ts';
import type { Subject, SubjectType } from '../../subject.ts';
import type { DeadlineKind } from '../../../shared/enums.ts';
import type { CalendarEntry } from './official-holidays.ts';
import type { PolicyRow } from './engine.ts';

type Db = Kysely<DB>;

/** A tenant's deadline policies. */
export async function loadPolicies(db: Db, tenantId: number): Promise<PolicyRow[]> {
  const rows = await db.selectFrom('deadlinePolicies').select(['family', 'issueKind', 'urgency', 'clock', 'amount', 'unit'])
    .where('tenantId', '=', tenantId).orderBy('id').execute();
  return rows as PolicyRow[];
}

/** Replace a tenant's policies. */
export async function replacePolicies(db: Db, tenantId: number, rows: readonly PolicyRow[], now: string): Promise<void> {
  await db.deleteFrom('deadlinePolicies').where('tenantId', '=', tenantId).execute();
  if (rows.length) await db.insertInto('deadlinePolicies').values(rows.map((r) => ({ tenantId, ...r, updatedAt: now }))).execute();
}

/** A tenant's calendar entries, by date. */
export async function loadCalendar(db: Db, tenantId: number, year?: number): Promise<CalendarEntry[]> {
  let q = db.selectFrom('calendarDays').select(['date', 'type', 'name']).where('tenantId', '=', tenantId);
  if (year) q = q.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  return (await q.orderBy('date').execute()) as CalendarEntry[];
}

/** The years in which a tenant's calendar has at least one public holiday entered. */
export async function holidayYears(db: Db, tenantId: number): Promise<number[]> {
  const rows = await db.selectFrom('calendarDays').select(sql<string>`substr(${sql.ref('date')}, 1, 4)`.as('year')).distinct()
    .where('tenantId', '=', tenantId).where('type', '=', 'holiday').execute();
  return rows.map((r) => Number(r.year)).sort((a, b) => a - b);
}

/** When the last of a tenant's running clocks falls due (one probe of `clocks_open_ix`), or null. */
export async function latestRunningDue(db: Db, tenantId: number): Promise<string | null> {
  const row = await db.selectFrom('clocks').select((eb) => eb.fn.max('dueAt').as('due'))
    .where('tenantId', '=', tenantId).where('metAt', 'is', null).executeTakeFirst();
  return row?.due ?? null;
}

/** Insert or overwrite calendar entries. */
export async function upsertCalendar(db: Db, tenantId: number, entries: readonly CalendarEntry[]): Promise<void> {
  for (const e of entries) {
    await db.insertInto('calendarDays').values({ tenantId, ...e })
      .onConflict((oc) => oc.columns(['tenantId', 'date']).doUpdateSet({ type: e.type, name: e.name })).execute();
  }
}

/** Remove calendar entries (the day falls back to the weekday rule). */
export async function deleteCalendarDays(db: Db, tenantId: number, dates: readonly string[]): Promise<void> {
  if (dates.length) await db.deleteFrom('calendarDays').where('tenantId', '=', tenantId).where('date', 'in', [...dates]).execute();
}

/** A tenant setting (JSON), or undefined. */
export async function getSetting(db: Db, tenantId: number, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('tenantId', '=', tenantId).where('key', '=', key).executeTakeFirst();
  return row ? JSON.parse(row.value) : undefined;
}

/** Write a tenant setting. */
export async function putSetting(db: Db, tenantId: number, key: string, value: unknown): Promise<void> {
  const v = JSON.stringify(value);
  await db.insertInto('settings').values({ tenantId, key, value: v })
    .onConflict((oc) => oc.columns(['tenantId', 'key']).doUpdateSet({ value: v })).execute();
}

/** The clocks of a subject in the order they started. */
export async function clocksOf(db: Db, subject: Subject): Promise<Clock[]> {
  return db.selectFrom('clocks').selectAll().where('subjectType', '=', subject.type).where('subjectId', '=', subject.id).orderBy('id').execute();
}

/** The clocks of several subjects of one type. */
export async function clocksOfMany(db: Db, type: SubjectType, ids: readonly number[]): Promise<Clock[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('clocks').selectAll().where('subjectType', '=', type).where('subjectId', 'in', [...ids]).orderBy('id').execute();
}

/** A clock to start. */
export interface NewClock { tenantId: number; subject: Subject; kind: DeadlineKind; startedAt: string; dueAt: string; rule: string }

/** The row of a clock to start. */
export function clockRow(c: NewClock): Omit<Clock, 'id'> {
  return {
    tenantId: c.tenantId, subjectType: c.subject.type, subjectId: c.subject.id, kind: c.kind, startedAt: c.startedAt, dueAt: c.dueAt,
    rule: c.rule, metAt: null, warnedAt: null, escalatedAt: null,
  };
}

/** Start a clock. */
export async function insertClock(db: Db, c: NewClock): Promise<Clock> {
  const row = clockRow(c);
  const { id } = await db.insertInto('clocks').values(row).returning('id').executeTakeFirstOrThrow();
  return { id, ...row };
}

/** Start many clocks in one statement (imports). */
export async function insertClocks(db: Db, clocks: readonly NewClock[]): Promise<void> {
  if (clocks.length) await db.insertInto('clocks').values(clocks.map(clockRow)).execute();
}

/** Stop a subject's running clocks of these kinds. */
export async function meetClocks(db: Db, subject: Subject, kinds: readonly DeadlineKind[], at: string): Promise<void> {
  if (kinds.length === 0) return;
  await db.updateTable('clocks').set({ metAt: at })
    .where('subjectType', '=', subject.type).where('subjectId', '=', subject.id).where('kind', 'in', [...kinds]).where('metAt', 'is', null).execute();
}

/** Move the due time of a running clock. */
export async function moveDue(db: Db, id: number, dueAt: string, rule: string): Promise<void> {
  await db.updateTable('clocks').set({ dueAt, rule, warnedAt: null }).where('id', '=', id).execute();
}

/** Running staff clocks that are past due and not yet escalated, oldest first. */
export async function overdueUnescalated(db: Db, now: string, staffKinds: readonly string[], limit: number) {
  return db.selectFrom('clocks').select(['id', 'tenantId', 'subjectType', 'subjectId', 'kind', 'dueAt'])
    .where('metAt', 'is', null).where('escalatedAt', 'is', null).where('dueAt', '<', now)
    .where('kind', 'in', [...staffKinds]).orderBy('dueAt').limit(limit).execute();
}

/** Running staff clocks that fall due before `soon` and have not been warned about. */
export async function dueSoonUnwarned(db: Db, now: string, soon: string, staffKinds: readonly string[], limit: number) {
  return db.selectFrom('clocks').select(['id', 'tenantId', 'subjectType', 'subjectId', 'kind', 'dueAt'])
    .where('metAt', 'is', null).where('warnedAt', 'is', null).where('dueAt', '>=', now).where('dueAt', '<', soon)
    .where('kind', 'in', [...staffKinds]).orderBy('dueAt').limit(limit).execute();
}

/** Claim a clock for escalation; true for exactly one caller, whichever process it runs in. */
export async function claimEscalation(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db.updateTable('clocks').set({ escalatedAt: now }).where('id', '=', id).where('escalatedAt', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Claim a clock for the due-soon warning; true for exactly one caller. */
export async function claimWarning(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db.updateTable('clocks').set({ warnedAt: now }).where('id', '=', id).where('warnedAt', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
