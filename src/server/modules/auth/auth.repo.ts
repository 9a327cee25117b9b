/** Sessions, login attempts and the credentials of users (their login name and password hash). */
import type { Insertable, Kysely } from 'kysely';
import type { DB, SessionTable } from '../../db/types.ts';
import type { Role } from '../../../shared/enums.ts';

type Db = Kysely<DB>;

/** Store a new session (by the hash of its token). */
export async function insertSession(db: Db, s: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('sessions').values(s).execute();
}

/** A live session with its user, one row per role binding (one query on every authenticated request). */
export async function findLiveSession(db: Db, id: string, now: string) {
  const rows = await db.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.userId')
    .leftJoin('roleBindings as rb', 'rb.userId', 'u.id')
    .leftJoin('orgUnits as ou', 'ou.id', 'rb.orgUnitId')
    .select(['s.id', 's.userId', 's.tenantId', 's.lastSeenAt', 's.expiresAt', 'u.username', 'u.displayName', 'u.active',
      'u.mustChangePassword', 'rb.role', 'rb.orgUnitId', 'ou.path'])
    .where('s.id', '=', id).where('s.expiresAt', '>', now).orderBy('rb.id').execute();
  const first = rows[0];
  if (!first) return undefined;
  const bindings = rows.filter((r) => r.role !== null && r.orgUnitId !== null && r.path !== null)
    .map((r) => ({ role: r.role as Role, orgUnitId: r.orgUnitId!, path: r.path! }));
  return { ...first, bindings };
}

/** Slide a session's expiry forward. */
export async function touchSession(db: Db, id: string, now: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: now, expiresAt }).where('id', '=', id).execute();
}

/** End one session. */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** End every session of a user but one (after a password change or reset). */
export async function deleteUserSessions(db: Db, userId: number, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('userId', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

/** Record a login attempt (or an administrator's unlock: `kind: 'unlock'`, `ok: true`); its id. */
export async function insertAttempt(db: Db, a: { tenantId: number; username: string; ip: string; net: string; at: string; ok: boolean; kind?: 'password' | 'unlock'; proof?: string | null }): Promise<number> {
  const row = await db.insertInto('loginAttempts').values({ ...a, ok: a.ok ? 1 : 0, kind: a.kind ?? 'password', proof: a.proof ?? null })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** An attempt, counted as a failure while its password was checked, proved right. */
export async function markAttemptOk(db: Db, id: number): Promise<void> {
  await db.updateTable('loginAttempts').set({ ok: 1 }).where('id', '=', id).execute();
}

/**
 * When an account's failures from a network were last wiped, within the window after `since`: its last successful
 * login from there, or an administrator's unlock. Failures from a network never reset that network's own count: one
 * valid account must not let an attacker keep guessing other accounts' passwords.
 */
export async function lastReset(db: Db, username: string, since: string, net: string): Promise<string | null> {
  const row = await db.selectFrom('loginAttempts').select((eb) => eb.fn.max('at').as('at'))
    .where('username', '=', username).where('ok', '=', 1).where('at', '>', since)
    .where((eb) => eb.or([eb('net', '=', net), eb('kind', '=', 'unlock')])).executeTakeFirst();
  return row?.at ?? null;
}

/** An administrator's last unlock of an account within the window after `since`. */
export async function lastUnlock(db: Db, username: string, since: string): Promise<string | null> {
  const row = await db.selectFrom('loginAttempts').select((eb) => eb.fn.max('at').as('at'))
    .where('username', '=', username).where('kind', '=', 'unlock').where('at', '>', since).executeTakeFirst();
  return row?.at ?? null;
}

/** Failed attempts after `since`, of an account, from a network, or of an account from a network. */
export async function failures(db: Db, by: { username?: string; net?: string }, since: string) {
  let q = db.selectFrom('loginAttempts').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('ok', '=', 0).where('at', '>', since);
  if (by.username !== undefined) q = q.where('username', '=', by.username);
  if (by.net !== undefined) q = q.where('net', '=', by.net);
  const row = await q.executeTakeFirst();
  return { count: Number(row?.n ?? 0), last: row?.last ?? null };
}

/** The tenant that owns records not tied to a user (the first one). */
export async function defaultTenantId(db: Db): Promise<number> {
  const row = await db.selectFrom('tenants').select('id').orderBy('id').limit(1).executeTakeFirst();
  if (!row) throw new Error('no tenant: run migrations and seed first');
  return row.id;
}

/** A user by login name (any tenant: login names are unique across the deployment). */
export async function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** Replace a user's password hash. */
export async function setPasswordHash(db: Db, userId: number, hash: string, now: string, mustChange: boolean): Promise<void> {
  await db.updateTable('users').set({
    passwordHash: hash, passwordChangedAt: now, updatedAt: now, mustChangePassword: mustChange ? 1 : 0,
  }).where('id', '=', userId).execute();
}
