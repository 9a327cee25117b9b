/**
 * The imports' batches (`import_batches`) and the rows they brought in (`import_rows`, by source key), and what an
 * import reads to resolve and write its rows. The rows themselves are written in bulk (`db/bulk.ts`); saved mappings
 * are `mappings.repo.ts`, the facts kept with each row `facts.repo.ts`.
 */
import type { Insertable, Kysely } from 'kysely';
import type { DB, ImportBatchTable } from '../../db/types.ts';
import type { Actor } from '../../actor.ts';
import { scopedUnitIds } from '../org/index.ts';

type Db = Kysely<DB>;

/** The units in the actor's scope, by name and code: what a row's place is resolved against. */
export async function unitsInScope(db: Db, actor: Actor) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'code']).where('tenantId', '=', actor.tenantId).where('id', 'in', scopedUnitIds(actor)).execute();
}

/** The tenant's categories (every one): what a row's category is resolved against. */
export async function categoriesOf(db: Db, tenantId: number) {
  return db.selectFrom('categories').select(['id', 'name', 'parentId']).where('tenantId', '=', tenantId).execute();
}

/** Which of these source keys were imported before. */
export async function existingKeys(db: Db, tenantId: number, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('importRows').select('sourceKey').where('tenantId', '=', tenantId).where('sourceKey', 'in', keys).execute();
  return new Set(rows.map((r) => r.sourceKey));
}

/** Next `n` values of a counter, as the first of them. */
export async function reserveCounter(db: Db, tenantId: number, name: string, n: number): Promise<number> {
  const r = await db.insertInto('counters').values({ tenantId, name, value: n })
    .onConflict((oc) => oc.columns(['tenantId', 'name']).doUpdateSet((eb) => ({ value: eb(eb.ref('counters.value'), '+', n) })))
    .returning('value').executeTakeFirstOrThrow();
  return r.value - n + 1;
}

/** The tenant's people with one of these phones (at most 500 at a time). */
export async function peopleByPhone(db: Db, tenantId: number, phones: string[]) {
  return db.selectFrom('people').select(['id', 'phone']).where('tenantId', '=', tenantId).where('phone', 'in', phones).execute();
}

/** The newest batch of this file that is still running (an interrupted import, to continue), if any. */
export async function runningBatchOf(db: Db, tenantId: number, fingerprint: string): Promise<number | undefined> {
  return (await db.selectFrom('importBatches').select('id').where('tenantId', '=', tenantId).where('fingerprint', '=', fingerprint)
    .where('status', '=', 'running').orderBy('id', 'desc').limit(1).executeTakeFirst())?.id;
}

/** Start a batch; returns its id. */
export async function insertBatch(db: Db, b: Insertable<ImportBatchTable>): Promise<number> {
  return (await db.insertInto('importBatches').values(b).returning('id').executeTakeFirstOrThrow()).id;
}

/** How many rows a batch has brought in (over all its runs). */
export async function batchRowCount(db: Db, batchId: number): Promise<number> {
  const counts = await db.selectFrom('importRows').select((eb) => eb.fn.countAll<number>().as('n')).where('batchId', '=', batchId).executeTakeFirstOrThrow();
  return Number(counts.n);
}

/** Record a batch's outcome. */
export async function finishBatch(db: Db, batchId: number, set: { status: string; total: number; created: number; skipped: number; failed: number; errors: string; finishedAt: string }): Promise<void> {
  await db.updateTable('importBatches').set(set).where('id', '=', batchId).execute();
}

/** One batch of the tenant. */
export async function batchOf(db: Db, tenantId: number, id: number) {
  return db.selectFrom('importBatches').selectAll().where('id', '=', id).where('tenantId', '=', tenantId).executeTakeFirst();
}

/** How many of a batch's cases still wait for their search tokens. */
export async function pendingOfBatch(db: Db, batchId: number): Promise<number> {
  const pending = await db.selectFrom('searchPending as p').innerJoin('importRows as r', 'r.issueId', 'p.issueId')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('r.batchId', '=', batchId).executeTakeFirstOrThrow();
  return Number(pending.n);
}
