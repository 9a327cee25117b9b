/**
 * Language intelligence: the search index (stored text + app-made tokens in FTS5 / a tsvector with GIN),
 * links between issues (repeats, similar), trained suggestion models and what was suggested at intake.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../connect.ts';

type Db = Kysely<unknown>;

const withId = (db: Db, t: ReturnType<Db['schema']['createTable']>) => (isPostgres(db)
  ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
  : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()));

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  // One row per issue: its searchable text (title, body, replies, notes; NFKC) — checked for exact substrings and cut
  // into snippets. The tokens live in FTS5 (SQLite, rowid = issue id) or in the `tsv` column (PostgreSQL).
  let search = db.schema.createTable('issue_search')
    .addColumn('issue_id', 'integer', (c) => c.primaryKey().references('issues.id'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('doc', 'text', (c) => c.notNull());
  if (pg) search = search.addColumn('tsv', sql`tsvector`, (c) => c.notNull());
  await search.execute();
  if (pg) {
    await sql`create index issue_search_tsv_ix on issue_search using gin (tsv)`.execute(db);
  } else {
    await sql`create virtual table issue_fts using fts5(tokens, content='', contentless_delete=1, tokenize='ascii')`.execute(db);
    await sql`create virtual table issue_fts_vocab using fts5vocab(issue_fts, 'row')`.execute(db);
  }

  await withId(db, db.schema.createTable('issue_links'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('related_issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('issue_links_uq', ['issue_id', 'related_issue_id'])
    .execute();
  await db.schema.createIndex('issue_links_related_ix').on('issue_links').columns(['related_issue_id']).execute();

  await withId(db, db.schema.createTable('suggestion_models'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('trained_at', 'text', (c) => c.notNull())
    .addColumn('examples', 'integer', (c) => c.notNull())
    .addColumn('classes', 'integer', (c) => c.notNull())
    .addColumn('metrics', 'text', (c) => c.notNull())
    .addColumn('model', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestion_models_ix').on('suggestion_models').columns(['tenant_id', 'kind', 'id']).execute();

  // What was suggested for an issue at intake and what the clerk chose: acceptance rates and training signal.
  await withId(db, db.schema.createTable('intake_suggestions'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('model_id', 'integer', (c) => c.references('suggestion_models.id'))
    .addColumn('suggested', 'text', (c) => c.notNull())
    .addColumn('chosen', 'text')
    .addColumn('rank', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intake_suggestions_ix').on('intake_suggestions').columns(['tenant_id', 'kind', 'id']).execute();
  await db.schema.createIndex('intake_suggestions_issue_ix').on('intake_suggestions').columns(['issue_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('intake_suggestions').execute();
  await db.schema.dropTable('suggestion_models').execute();
  await db.schema.dropTable('issue_links').execute();
  if (!isPostgres(db)) {
    await sql`drop table issue_fts_vocab`.execute(db);
    await sql`drop table issue_fts`.execute(db);
  }
  await db.schema.dropTable('issue_search').execute();
}
