/**
 * Issues whose tokens are not yet in the index: a bulk import lists its cases here and indexes them afterwards
 * (search.repo.ts). When this was made their text was stored with their rows; since 0006 most have none stored until
 * they are indexed, and search reads their parts as stored meanwhile.
 */
import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema.createTable('search_pending')
    .addColumn('issue_id', 'integer', (c) => c.primaryKey().references('issues.id'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('search_pending').execute();
}
