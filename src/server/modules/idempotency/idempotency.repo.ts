/** Stored `Idempotency-Key`s: one row per user, scope and key, kept 24 hours. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

type Db = Kysely<DB>;

/** The live entry of a key (created after `since`), if any. */
export async function findKey(db: Db, userId: number, scope: string, key: string, since: string) {
  return db.selectFrom('idempotencyKeys').select(['id', 'requestHash', 'resourceId', 'createdAt'])
    .where('userId', '=', userId).where('scope', '=', scope).where('key', '=', key).where('createdAt', '>', since)
    .executeTakeFirst();
}

/**
 * Claim a key for a request before its work runs. On PostgreSQL a second transaction claiming the same key waits
 * here on the unique index until the first commits (then fails with a unique violation) or rolls back (then goes on).
 */
export async function claimKey(db: Db, e: { tenantId: number; userId: number; scope: string; key: string; requestHash: string; createdAt: string }): Promise<number> {
  const row = await db.insertInto('idempotencyKeys').values({ ...e, resourceId: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Record what a claimed request made. */
export async function completeKey(db: Db, id: number, resourceId: number): Promise<void> {
  await db.updateTable('idempotencyKeys').set({ resourceId }).where('id', '=', id).execute();
}

/** Forget a tenant's keys created at or before `before` (and so a lapsed key of this user, which may be reused). */
export async function deleteExpired(db: Db, tenantId: number, before: string): Promise<void> {
  await db.deleteFrom('idempotencyKeys').where('tenantId', '=', tenantId).where('createdAt', '<=', before).execute();
}
