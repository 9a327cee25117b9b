/** Saved filters: Kysely lives here and nowhere else in the preferences module. Every query is limited to one user. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

type Db = Kysely<DB>;
const COLUMNS = ['id', 'name', 'query', 'createdAt', 'updatedAt'] as const;

/** A user's saved filters, by name. */
export async function listSavedFilters(db: Db, tenantId: number, userId: number) {
  return db.selectFrom('savedFilters').select(COLUMNS)
    .where('tenantId', '=', tenantId).where('userId', '=', userId).orderBy('name').orderBy('id').execute();
}

/** One of the user's saved filters by name. */
export async function findSavedFilterByName(db: Db, tenantId: number, userId: number, name: string) {
  return db.selectFrom('savedFilters').select(COLUMNS)
    .where('tenantId', '=', tenantId).where('userId', '=', userId).where('name', '=', name).executeTakeFirst();
}

/** How many filters the user has saved. */
export async function countSavedFilters(db: Db, tenantId: number, userId: number): Promise<number> {
  const r = await db.selectFrom('savedFilters').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenantId', '=', tenantId).where('userId', '=', userId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Save a new filter and return its id. */
export async function insertSavedFilter(db: Db, f: { tenantId: number; userId: number; name: string; query: string; now: string }): Promise<number> {
  const r = await db.insertInto('savedFilters').values({
    tenantId: f.tenantId, userId: f.userId, name: f.name, query: f.query, createdAt: f.now, updatedAt: f.now,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Replace the query of one of the user's filters. */
export async function updateSavedFilterQuery(db: Db, userId: number, id: number, query: string, now: string): Promise<void> {
  await db.updateTable('savedFilters').set({ query, updatedAt: now }).where('id', '=', id).where('userId', '=', userId).execute();
}

/** Delete one of the user's filters; false when the user has no filter with that id. */
export async function deleteSavedFilter(db: Db, tenantId: number, userId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('savedFilters').where('id', '=', id).where('tenantId', '=', tenantId).where('userId', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
