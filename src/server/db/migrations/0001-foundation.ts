/** Foundation schema: tenants, org tree, users and sessions, categories, the issue ledger, deadlines, audit. */
import type { Kysely, CreateTableBuilder } from 'kysely';
import { isPostgres } from '../connect.ts';

type Db = Kysely<unknown>;

/** An integer surrogate key that both databases generate. */
export function withId<T extends string>(db: Db, t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Every table carries `tenant_id` (DESIGN §1, §8: Citus distributes by it). */
export function tenantFk<T extends string, C extends string>(t: CreateTableBuilder<T, C>) {
  return t.addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'));
}

export async function up(db: Db): Promise<void> {
  await withId(db, db.schema.createTable('tenants'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await tenantFk(withId(db, db.schema.createTable('org_units')))
    .addColumn('parent_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('org_units_code_uq', ['tenant_id', 'code'])
    .execute();
  await db.schema.createIndex('org_units_path_ix').on('org_units').columns(['tenant_id', 'path']).execute();
  await db.schema.createIndex('org_units_parent_ix').on('org_units').columns(['parent_id']).execute();

  await tenantFk(withId(db, db.schema.createTable('users')))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await tenantFk(withId(db, db.schema.createTable('role_bindings')))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('role_bindings_uq', ['user_id', 'role', 'org_unit_id'])
    .execute();

  await tenantFk(db.schema.createTable('sessions').addColumn('id', 'text', (c) => c.primaryKey()))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_ix').on('sessions').columns(['user_id']).execute();

  await tenantFk(withId(db, db.schema.createTable('login_attempts')))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_user_ix').on('login_attempts').columns(['username', 'at']).execute();
  await db.schema.createIndex('login_attempts_ip_ix').on('login_attempts').columns(['ip', 'at']).execute();

  await tenantFk(withId(db, db.schema.createTable('categories')))
    .addColumn('parent_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('categories_path_ix').on('categories').columns(['tenant_id', 'path']).execute();

  await tenantFk(withId(db, db.schema.createTable('people')))
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addColumn('id_number', 'text')
    .addColumn('address', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_phone_ix').on('people').columns(['tenant_id', 'phone']).execute();

  await tenantFk(withId(db, db.schema.createTable('issues')))
    .addColumn('tracking_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('responsible_unit_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('petitioner_id', 'integer', (c) => c.references('people.id'))
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('address', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('source_activity_id', 'integer')
    .addColumn('policy_family', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('resolved', 'integer')
    .addColumn('satisfaction', 'text')
    .addColumn('reply_outcome', 'text')
    .addColumn('review_round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_into_id', 'integer', (c) => c.references('issues.id'))
    .addColumn('next_due_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('issues_tracking_code_uq', ['tenant_id', 'tracking_code'])
    .execute();
  for (const [name, cols] of [
    ['issues_org_unit_ix', ['tenant_id', 'org_unit_id', 'id']],
    ['issues_responsible_ix', ['tenant_id', 'responsible_unit_id', 'id']],
    ['issues_status_ix', ['tenant_id', 'status', 'id']],
    ['issues_received_ix', ['tenant_id', 'received_at']],
    ['issues_next_due_ix', ['tenant_id', 'next_due_at']],
    ['issues_category_ix', ['tenant_id', 'category_id']],
  ] as const) {
    await db.schema.createIndex(name).on('issues').columns([...cols]).execute();
  }

  await tenantFk(withId(db, db.schema.createTable('issue_deadlines')))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('met_at', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('warned_at', 'text')
    .addColumn('escalated_at', 'text')
    .execute();
  await db.schema.createIndex('issue_deadlines_issue_ix').on('issue_deadlines').columns(['issue_id']).execute();
  await db.schema.createIndex('issue_deadlines_open_ix').on('issue_deadlines')
    .columns(['tenant_id', 'met_at', 'due_at']).execute();

  await tenantFk(withId(db, db.schema.createTable('issue_events')))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('issue_events_issue_ix').on('issue_events').columns(['issue_id', 'id']).execute();

  await tenantFk(withId(db, db.schema.createTable('audit_log')))
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity_ix').on('audit_log').columns(['tenant_id', 'entity_type', 'entity_id']).execute();

  await tenantFk(withId(db, db.schema.createTable('attachments')))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('event_id', 'integer', (c) => c.references('issue_events.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_issue_ix').on('attachments').columns(['issue_id']).execute();

  await tenantFk(db.schema.createTable('calendar_days'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_days_pk', ['tenant_id', 'date'])
    .execute();

  await tenantFk(withId(db, db.schema.createTable('deadline_policies')))
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('issue_kind', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deadline_policies_uq', ['tenant_id', 'family', 'issue_kind', 'urgency', 'clock'])
    .execute();

  await tenantFk(db.schema.createTable('counters'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('counters_pk', ['tenant_id', 'name'])
    .execute();

  await tenantFk(db.schema.createTable('settings'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('settings_pk', ['tenant_id', 'key'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of [
    'settings', 'counters', 'deadline_policies', 'calendar_days', 'attachments', 'audit_log', 'issue_events',
    'issue_deadlines', 'issues', 'people', 'categories', 'login_attempts', 'sessions', 'role_bindings', 'users',
    'org_units', 'tenants',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
