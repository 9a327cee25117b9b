/**
 * Grassroots activities (issue 16, DESIGN §3): one `activities` table for the four kinds (outreach lectures, field
 * research, reception days, on-site sessions) with the columns every kind has, the outreach lecture's own (audience,
 * study materials as a JSON array, the public feedback link's token), the cadres who went, the case library
 * (`cases`, searched by the same app-made tokens as the ledger: FTS5 `case_fts` on SQLite, a `tsvector` on
 * PostgreSQL), the cases a lecture used, the audience's feedback; a research trip's visits and findings, and the bank of
 * suggestions heard (问计于民). Issues point at their activity through
 * `issues.source_activity_id` (there since 0001).
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../connect.ts';
import { tenantFk, withId } from './0001-foundation.ts';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  await tenantFk(withId(db, db.schema.createTable('activities')))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place_text', 'text')
    .addColumn('lat', 'real')
    .addColumn('lng', 'real')
    .addColumn('participant_count', 'integer')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('audience_type', 'text')
    .addColumn('materials', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('feedback_token', 'text', (c) => c.unique())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('activities_starts_ix').on('activities').columns(['tenant_id', 'starts_at']).execute();
  await db.schema.createIndex('activities_unit_ix').on('activities').columns(['org_unit_id']).execute();

  await tenantFk(db.schema.createTable('activity_cadres'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('activity_cadres_pk', ['activity_id', 'user_id'])
    .execute();
  await db.schema.createIndex('activity_cadres_user_ix').on('activity_cadres').columns(['user_id']).execute();

  let cases = tenantFk(withId(db, db.schema.createTable('cases')))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('story', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('source_issue_id', 'integer', (c) => c.references('issues.id'))
    // What search checks for exact substrings: title, story and tags, NFKC.
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  if (pg) cases = cases.addColumn('tsv', sql`tsvector`, (c) => c.notNull());
  await cases.execute();
  if (pg) await sql`create index cases_tsv_ix on cases using gin (tsv)`.execute(db);
  else await sql`create virtual table case_fts using fts5(tokens, content='', contentless_delete=1, tokenize='ascii')`.execute(db);
  await db.schema.createIndex('cases_tenant_ix').on('cases').columns(['tenant_id', 'id']).execute();

  await tenantFk(db.schema.createTable('activity_cases'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('activity_cases_pk', ['activity_id', 'case_id'])
    .execute();
  await db.schema.createIndex('activity_cases_case_ix').on('activity_cases').columns(['case_id']).execute();

  await tenantFk(withId(db, db.schema.createTable('activity_feedback')))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('willing', 'integer', (c) => c.notNull())
    .addColumn('understood', 'integer', (c) => c.notNull())
    .addColumn('benefited', 'integer', (c) => c.notNull())
    .addColumn('question', 'text')
    .addColumn('phone', 'text')
    .addColumn('issue_id', 'integer', (c) => c.references('issues.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_feedback_activity_ix').on('activity_feedback').columns(['activity_id', 'id']).execute();

  // Field research: the visits of a trip, what was found (each finding may become an issue), and the bank of
  // suggestions heard (问计于民), searched in its NFKC text.
  await tenantFk(withId(db, db.schema.createTable('activity_visits')))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('place_text', 'text')
    .addColumn('met_name', 'text')
    .addColumn('met_phone', 'text')
    .addColumn('seen', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_visits_activity_ix').on('activity_visits').columns(['activity_id', 'visited_at']).execute();
  await tenantFk(withId(db, db.schema.createTable('activity_findings')))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('visit_id', 'integer', (c) => c.references('activity_visits.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('issue_id', 'integer', (c) => c.references('issues.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_findings_activity_ix').on('activity_findings').columns(['activity_id', 'id']).execute();
  await tenantFk(withId(db, db.schema.createTable('ideas')))
    .addColumn('activity_id', 'integer', (c) => c.references('activities.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text')
    .addColumn('adopted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('adopted_note', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ideas_tenant_ix').on('ideas').columns(['tenant_id', 'id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('ideas').execute();
  await db.schema.dropTable('activity_findings').execute();
  await db.schema.dropTable('activity_visits').execute();
  await db.schema.dropTable('activity_feedback').execute();
  await db.schema.dropTable('activity_cases').execute();
  if (!isPostgres(db)) await sql`drop table case_fts`.execute(db);
  await db.schema.dropTable('cases').execute();
  await db.schema.dropTable('activity_cadres').execute();
  await db.schema.dropTable('activities').execute();
}
