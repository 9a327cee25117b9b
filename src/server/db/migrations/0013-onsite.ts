/**
 * On-site office sessions (现场办公, issue 17): the units present at a session (`onsite_units`, the departments at the
 * table), its agenda of ledger issues (`onsite_items`, one row per issue, with the outcome the session recorded:
 * solved on the spot, followed up by a unit with a deadline — the handling clock, `followup_clock_id` — or
 * left), and the sign-offs a solved item needs from each department it names (`onsite_signoffs`; `signed_at` null
 * until that department signs, in the app or recorded by the session's recorder with the signer's name).
 */
import type { Kysely } from 'kysely';
import { tenantFk, withId } from './0001-foundation.ts';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await tenantFk(db.schema.createTable('onsite_units'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addPrimaryKeyConstraint('onsite_units_pk', ['activity_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('onsite_units_unit_ix').on('onsite_units').columns(['unit_id']).execute();

  await tenantFk(withId(db, db.schema.createTable('onsite_items')))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('followup_unit_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('followup_due_at', 'text')
    .addColumn('followup_clock_id', 'integer', (c) => c.references('clocks.id'))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('added_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('onsite_items_uq', ['activity_id', 'issue_id'])
    .execute();
  await db.schema.createIndex('onsite_items_issue_ix').on('onsite_items').columns(['issue_id']).execute();
  await db.schema.createIndex('onsite_items_followup_ix').on('onsite_items').columns(['tenant_id', 'followup_unit_id']).execute();

  await tenantFk(db.schema.createTable('onsite_signoffs'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('onsite_items.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('signed_at', 'text')
    .addColumn('signer_name', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('in_app', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('onsite_signoffs_pk', ['item_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('onsite_signoffs_unit_ix').on('onsite_signoffs').columns(['unit_id', 'signed_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('onsite_signoffs').execute();
  await db.schema.dropTable('onsite_items').execute();
  await db.schema.dropTable('onsite_units').execute();
}
