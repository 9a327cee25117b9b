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

/** Record a login attempt. */
export async function insertAttempt(db: Db, a: { tenantId: number; username: string; ip: string; at: string; ok: boolean }) {
  await db.insertInto('loginAttempts').values({ ...a, ok: a.ok ? 1 : 0 }).execute();
}

/**
 * Failed attempts since `since` by username or by address. For an account, a success resets the count; for an
 * address it does not, or one valid account would let an attacker keep guessing other accounts' passwords.
 */
export async function recentFailures(db: Db, by: 'username' | 'ip', value: string, since: string) {
  const lastOk = by === 'ip' ? undefined : await db.selectFrom('loginAttempts').select((eb) => eb.fn.max('at').as('at'))
    .where(by, '=', value).where('ok', '=', 1).where('at', '>', since).executeTakeFirst();
  const from = lastOk?.at && lastOk.at > since ? lastOk.at : since;
  const row = await db.selectFrom('loginAttempts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('first')])
    .where(by, '=', value).where('ok', '=', 0).where('at', '>', from).executeTakeFirst();
  return { count: Number(row?.n ?? 0), first: row?.first ?? null };
}

/** The tenant that owns records not tied to a user (the first one). */
export async function defaultTenantId(db: Db): Promise<number> {
  const row = await db.selectFrom('tenants').select('id').orderBy('id').limit(1).executeTakeFirst();
  if (!row) throw new Error('no tenant: run migrations and seed first');
  return row.id;
}
