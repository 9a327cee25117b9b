/**
 * The regulation's paperwork (issue 18): the document templates a tenant edits per kind and category
 * (`notice_templates`; `category_id` 0 is the kind's default), and every document issued on an issue, kept as it was
 * issued (`documents`: its number — a sequence per tenant, kind and year — its title and text, the values it was
 * filled with, the event it records), never updated.
 */
import type { Kysely } from 'kysely';
import { tenantFk, withId } from './0001-foundation.ts';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await tenantFk(withId(db, db.schema.createTable('notice_templates')))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('notice_templates_uq', ['tenant_id', 'kind', 'category_id'])
    .execute();

  await tenantFk(withId(db, db.schema.createTable('documents')))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('template_id', 'integer', (c) => c.references('notice_templates.id'))
    .addColumn('issued_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('documents_number_uq', ['tenant_id', 'kind', 'year', 'seq'])
    .addUniqueConstraint('documents_event_uq', ['kind', 'event_id'])
    .execute();
  await db.schema.createIndex('documents_issue_ix').on('documents').columns(['issue_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('documents').execute();
  await db.schema.dropTable('notice_templates').execute();
}
