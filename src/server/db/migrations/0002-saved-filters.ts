/** Saved ledger filters: a user's named query strings of the ledger screen. */
import type { Kysely } from 'kysely';
import { isPostgres } from '../connect.ts';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  const t = db.schema.createTable('saved_filters');
  await (isPostgres(db)
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('saved_filters_name_uq', ['user_id', 'name'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('saved_filters').execute();
}
