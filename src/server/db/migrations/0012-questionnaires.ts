/**
 * Questionnaires of field research (问卷, issue 16): a questionnaire belongs to a research trip and has a public
 * link (`token`); its questions keep their ids (and their options' ids, in `options` JSON) across edits so answers
 * stay readable; a response is one respondent's answers, through the public link or recorded by a cadre on a visit;
 * an answer is one question's value — the option ids (JSON), a number, or text (with `doc`, its NFKC form, for search).
 * Also the leader who owns an issue (包案, `issues.owner_id`), a reception day's mode (`activities.reception_mode`) and an activity's photos (`activity_photos`), kept in the attachment store under DATA_DIR like an issue's files.
 */
import type { Kysely } from 'kysely';
import { isPostgres } from '../connect.ts';
import { tenantFk, withId } from './0001-foundation.ts';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await tenantFk(withId(db, db.schema.createTable('questionnaires')))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('questionnaires_activity_ix').on('questionnaires').columns(['activity_id']).execute();

  await tenantFk(withId(db, db.schema.createTable('questionnaire_questions')))
    .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('questionnaires.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('help', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('min_choices', 'integer')
    .addColumn('max_choices', 'integer')
    .addColumn('max_length', 'integer')
    .addColumn('min_value', 'double precision')
    .addColumn('max_value', 'double precision')
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('questionnaire_questions_q_ix').on('questionnaire_questions').columns(['questionnaire_id', 'sort']).execute();

  await tenantFk(withId(db, db.schema.createTable('questionnaire_responses')))
    .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('questionnaires.id'))
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'integer', (c) => c.references('activity_visits.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('questionnaire_responses_q_ix').on('questionnaire_responses').columns(['questionnaire_id', 'id']).execute();

  await db.schema.createTable('questionnaire_answers')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('questionnaires.id'))
    .addColumn('response_id', 'integer', (c) => c.notNull().references('questionnaire_responses.id'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('questionnaire_questions.id'))
    .addColumn('choices', 'text')
    .addColumn('num', 'double precision')
    .addColumn('text', 'text')
    .addColumn('doc', 'text')
    .addPrimaryKeyConstraint('questionnaire_answers_pk', ['response_id', 'question_id'])
    .execute();
  await db.schema.createIndex('questionnaire_answers_question_ix').on('questionnaire_answers').columns(['question_id']).execute();
  await db.schema.createIndex('questionnaire_answers_q_ix').on('questionnaire_answers').columns(['questionnaire_id']).execute();

  await tenantFk(withId(db, db.schema.createTable('activity_photos')))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // An activity's point in double precision on PostgreSQL, as an issue's (0011 made them 4-byte `real` there:
  // about a metre off; SQLite's REAL is a double already).
  if (isPostgres(db)) {
    for (const c of ['lat', 'lng']) await db.schema.alterTable('activities').alterColumn(c, (col) => col.setDataType('double precision')).execute();
  }
  // 包案: the leader who owns an issue (a reception day's leader, or one named on the issue), and the ledger's filter by it.
  await db.schema.alterTable('issues').addColumn('owner_id', 'integer', (c) => c.references('users.id')).execute();
  await db.schema.createIndex('issues_owner_ix').on('issues').columns(['tenant_id', 'owner_id']).execute();
  // A reception day's mode (公开接访 / 预约接访).
  await db.schema.alterTable('activities').addColumn('reception_mode', 'text').execute();
  await db.schema.createIndex('activity_photos_activity_ix').on('activity_photos').columns(['activity_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('activity_photos').execute();
  await db.schema.dropIndex('issues_owner_ix').execute();
  await db.schema.alterTable('issues').dropColumn('owner_id').execute();
  await db.schema.alterTable('activities').dropColumn('reception_mode').execute();
  if (isPostgres(db)) {
    for (const c of ['lat', 'lng']) await db.schema.alterTable('activities').alterColumn(c, (col) => col.setDataType('real')).execute();
  }
  await db.schema.dropTable('questionnaire_answers').execute();
  await db.schema.dropTable('questionnaire_responses').execute();
  await db.schema.dropTable('questionnaire_questions').execute();
  await db.schema.dropTable('questionnaires').execute();
}
