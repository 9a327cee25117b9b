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
    // 0004's table, as it was (a migration does not share code with the ones before it: they never change).
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

/**
 * Back to the `imported` events the facts replaced, 1,000 at a time (after the cases' other events in id order; the
 * timeline orders by time first). Cases still waiting for their searchable text need `yixian search rebuild` after
 * going back: the code before this kept their text with their rows.
 */
export async function down(db: Db): Promise<void> {
  for (let after = 0; ;) {
    // Names without underscores: the same whether or not the connection camel-cases results.
    const rows = (await sql<{ issue: number; tenant: number; batch: number; facts: string; received: string }>`
      select k.issue_id as issue, k.tenant_id as tenant, k.batch_id as batch, k.facts, i.received_at as received
      from import_rows k join issues i on i.id = k.issue_id
      where k.facts is not null and k.issue_id > ${after} order by k.issue_id limit 1000`.execute(db)).rows;
    if (rows.length === 0) break;
    await sql`insert into issue_events (tenant_id, issue_id, type, actor_id, at, from_status, to_status, data) values ${sql.join(rows.map((r) => {
      const f = JSON.parse(r.facts) as { row: number; sourceId: string | null; extra: unknown; unknown: string[]; status: string; by: number; importedAt: string };
      const data = JSON.stringify({ batchId: r.batch, row: f.row, sourceId: f.sourceId, extra: f.extra, unknown: f.unknown, importedAt: f.importedAt });
      return sql`(${r.tenant}, ${r.issue}, 'imported', ${f.by}, ${r.received}, ${null}, ${f.status}, ${data})`;
    }))}`.execute(db);
    after = rows[rows.length - 1]!.issue;
  }
  await rebuild(db, false);
}
