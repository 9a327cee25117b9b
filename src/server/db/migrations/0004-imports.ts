/** Imports of historical cases: saved column mappings, import batches (with their report) and the rows they brought in. */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../connect.ts';

type Db = Kysely<unknown>;

const withId = (db: Db, t: ReturnType<Db['schema']['createTable']>) => (isPostgres(db)
  ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
  : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()));

export async function up(db: Db): Promise<void> {
  await withId(db, db.schema.createTable('import_mappings'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_mappings_name_uq', ['tenant_id', 'name'])
    .execute();
  await withId(db, db.schema.createTable('import_batches'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('import_batches_ix').on('import_batches').columns(['tenant_id', 'fingerprint']).execute();
  await db.schema.createTable('import_rows')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
    .addPrimaryKeyConstraint('import_rows_pk', ['tenant_id', 'source_key'])
    .execute();
  await db.schema.createIndex('import_rows_batch_ix').on('import_rows').columns(['batch_id', 'issue_id']).execute();
  // Bulk indexing (imports, rebuilds): FTS5 keeps up to this much pending index data per transaction before writing a
  // segment; 16 MB instead of 1 MB means fewer, larger segments and less merging (measured ≈ 25 % faster at 100k docs).
  if (!isPostgres(db)) await sql`insert into issue_fts (issue_fts, rank) values ('hashsize', 16777216)`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('import_rows').execute();
  await db.schema.dropTable('import_batches').execute();
  await db.schema.dropTable('import_mappings').execute();
}
