/**
 * Issues whose text is stored (`issue_search.doc`, so search finds them by their text) but whose tokens are not yet in
 * the index: a bulk import writes its cases' text with the rows and indexes the tokens afterwards (search.repo.ts).
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
