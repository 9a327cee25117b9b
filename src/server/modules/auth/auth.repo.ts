/** Sessions and login attempts. */
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

/** Record a login attempt (or an administrator's unlock: `kind: 'unlock'`, `ok: true`). */
export async function insertAttempt(db: Db, a: { tenantId: number; username: string; ip: string; at: string; ok: boolean; kind?: 'password' | 'unlock'; proof?: string | null }) {
  await db.insertInto('loginAttempts').values({ ...a, ok: a.ok ? 1 : 0, kind: a.kind ?? 'password', proof: a.proof ?? null }).execute();
}

/**
 * When an account's failures were last wiped: its last successful login (from `ip` only, when given) or an
 * administrator's unlock. Failures from an address never reset that address's own count: one valid account must
 * not let an attacker keep guessing other accounts' passwords.
 */
export async function lastReset(db: Db, username: string, ip?: string): Promise<string | null> {
  let q = db.selectFrom('loginAttempts').select((eb) => eb.fn.max('at').as('at')).where('username', '=', username).where('ok', '=', 1);
  if (ip !== undefined) q = q.where((eb) => eb.or([eb('ip', '=', ip), eb('kind', '=', 'unlock')]));
  return (await q.executeTakeFirst())?.at ?? null;
}

/** Failed attempts after `since`, of an account, from an address, or of an account from an address. */
export async function failures(db: Db, by: { username?: string; ip?: string }, since: string) {
  let q = db.selectFrom('loginAttempts').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('ok', '=', 0).where('at', '>', since);
  if (by.username !== undefined) q = q.where('username', '=', by.username);
  if (by.ip !== undefined) q = q.where('ip', '=', by.ip);
  const row = await q.executeTakeFirst();
  return { count: Number(row?.n ?? 0), last: row?.last ?? null };
}

/** Whether a proof-of-work challenge was already spent by an attempt. */
export async function proofSpent(db: Db, proof: string): Promise<boolean> {
  return !!(await db.selectFrom('loginAttempts').select('id').where('proof', '=', proof).limit(1).executeTakeFirst());
}

/** The tenant that owns records not tied to a user (the first one). */
export async function defaultTenantId(db: Db): Promise<number> {
  const row = await db.selectFrom('tenants').select('id').orderBy('id').limit(1).executeTakeFirst();
  if (!row) throw new Error('no tenant: run migrations and seed first');
  return row.id;
}
