/**
 * An imported row keeps what the import knew of its case (`facts`: the source row, its unmapped columns, what the
 * source did not say), shown as the first entry of the case's timeline, instead of a timeline event of its own — one
 * row less per imported case (bench/import). So it is read by its issue: `issue_id` becomes the primary key (SQLite
 * appends in id order) and the source key a unique index. Rows imported before keep their `imported` events.
 */
import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

async function rebuild(db: Db, withFacts: boolean): Promise<void> {
  if (withFacts) {
    await db.schema.createTable('import_rows_next')
      .addColumn('issue_id', 'integer', (c) => c.primaryKey().references('issues.id'))
      .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
      .addColumn('source_key', 'text', (c) => c.notNull())
      .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
      .addColumn('facts', 'text')
      .execute();
  } else {
    await db.schema.createTable('import_rows_next')
      .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
      .addColumn('source_key', 'text', (c) => c.notNull())
      .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
      .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
      .addPrimaryKeyConstraint('import_rows_pk', ['tenant_id', 'source_key'])
      .execute();
  }
  await sql`insert into import_rows_next (tenant_id, source_key, issue_id, batch_id) select tenant_id, source_key, issue_id, batch_id from import_rows`.execute(db);
  await db.schema.dropTable('import_rows').execute();
  await db.schema.alterTable('import_rows_next').renameTo('import_rows').execute();
  if (withFacts) await db.schema.createIndex('import_rows_key_uq').unique().on('import_rows').columns(['tenant_id', 'source_key']).execute();
  await db.schema.createIndex('import_rows_batch_ix').on('import_rows').columns(['batch_id', 'issue_id']).execute();
}

export async function up(db: Db): Promise<void> {
  await rebuild(db, true);
}

export async function down(db: Db): Promise<void> {
  await rebuild(db, false);
}
