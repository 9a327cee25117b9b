/**
 * Clocks and timelines of any subject (issue 14): `issue_deadlines` becomes `clocks` and `issue_events` becomes
 * `timeline_events`, each keyed by a subject (`subject_type`, `subject_id`) instead of `issue_id`, so a
 * rectification measure or a follow-up task gets a clock and a history without tables of its own. Every row
 * keeps its id (attachments point at their event by id); existing rows are subject `issue`. A subject id cannot
 * reference one table, so the foreign key to `issues` goes; the commands that write rows check the subject.
 *
 * PostgreSQL renames in place (ids, identity sequences and the attachments' foreign key stay). SQLite cannot drop
 * a foreign key, so the tables are rebuilt (SQLite's twelve-step ALTER: foreign keys off, copy with ids, drop,
 * rename, check) inside one transaction. Down is the reverse, for rows of issues only.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../connect.ts';
import { tenantFk, withId } from './0001-foundation.ts';

type Db = Kysely<unknown>;

/** `kind` text … `escalated_at`: the clock columns after the subject (or `issue_id`). */
const CLOCK_COLUMNS = 'kind, started_at, due_at, met_at, rule, warned_at, escalated_at';
const EVENT_COLUMNS = 'type, actor_id, at, from_status, to_status, data';

async function pgForeignKeyToIssues(db: Db, table: string): Promise<string | undefined> {
  const r = await sql<{ conname: string }>`select conname from pg_constraint
    where conrelid = ${table}::regclass and contype = 'f' and confrelid = 'issues'::regclass`.execute(db);
  return r.rows[0]?.conname;
}

/** Run `body` with SQLite's foreign keys off, in one transaction, and check them before committing. */
async function sqliteRebuild(db: Db, body: (trx: Db) => Promise<void>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await body(trx);
      const bad = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(trx);
      if (bad.rows.length) throw new Error(`foreign key check failed after rebuild: ${JSON.stringify(bad.rows.slice(0, 3))}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function createClocks(db: Db, name: string, subject: boolean): Promise<void> {
  let t = tenantFk(withId(db, db.schema.createTable(name)));
  t = subject
    ? t.addColumn('subject_type', 'text', (c) => c.notNull()).addColumn('subject_id', 'integer', (c) => c.notNull())
    : t.addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'));
  await t.addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('met_at', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('warned_at', 'text')
    .addColumn('escalated_at', 'text')
    .execute();
}

async function createEvents(db: Db, name: string, subject: boolean): Promise<void> {
  let t = tenantFk(withId(db, db.schema.createTable(name)));
  t = subject
    ? t.addColumn('subject_type', 'text', (c) => c.notNull()).addColumn('subject_id', 'integer', (c) => c.notNull())
    : t.addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'));
  await t.addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
}

async function subjectIndexes(db: Db): Promise<void> {
  await db.schema.createIndex('clocks_subject_ix').on('clocks').columns(['subject_type', 'subject_id']).execute();
  await db.schema.createIndex('clocks_open_ix').on('clocks').columns(['tenant_id', 'met_at', 'due_at']).execute();
  await db.schema.createIndex('timeline_events_subject_ix').on('timeline_events').columns(['subject_type', 'subject_id', 'id']).execute();
}

async function issueIndexes(db: Db): Promise<void> {
  await db.schema.createIndex('issue_deadlines_issue_ix').on('issue_deadlines').columns(['issue_id']).execute();
  await db.schema.createIndex('issue_deadlines_open_ix').on('issue_deadlines').columns(['tenant_id', 'met_at', 'due_at']).execute();
  await db.schema.createIndex('issue_events_issue_ix').on('issue_events').columns(['issue_id', 'id']).execute();
}

export async function up(db: Db): Promise<void> {
  if (isPostgres(db)) {
    for (const [from, to] of [['issue_deadlines', 'clocks'], ['issue_events', 'timeline_events']] as const) {
      const fk = await pgForeignKeyToIssues(db, from);
      if (fk) await sql`alter table ${sql.table(from)} drop constraint ${sql.ref(fk)}`.execute(db);
      await sql`alter table ${sql.table(from)} rename to ${sql.table(to)}`.execute(db);
      await sql`alter table ${sql.table(to)} rename column issue_id to subject_id`.execute(db);
      await sql`alter table ${sql.table(to)} add column subject_type text not null default 'issue'`.execute(db);
      await sql`alter table ${sql.table(to)} alter column subject_type drop default`.execute(db);
    }
    await db.schema.dropIndex('issue_deadlines_issue_ix').execute();
    await db.schema.dropIndex('issue_deadlines_open_ix').execute();
    await db.schema.dropIndex('issue_events_issue_ix').execute();
    await subjectIndexes(db);
    return;
  }
  await sqliteRebuild(db, async (trx) => {
    await createClocks(trx, 'clocks', true);
    await sql`insert into clocks (id, tenant_id, subject_type, subject_id, ${sql.raw(CLOCK_COLUMNS)})
      select id, tenant_id, 'issue', issue_id, ${sql.raw(CLOCK_COLUMNS)} from issue_deadlines order by id`.execute(trx);
    await sql`drop table issue_deadlines`.execute(trx);
    // The attachments' foreign key follows a renamed table: rename the old one first, so it points at
    // `timeline_events`, then swap the rebuilt table in under that name.
    await sql`alter table issue_events rename to timeline_events`.execute(trx);
    await createEvents(trx, 'timeline_events_next', true);
    await sql`insert into timeline_events_next (id, tenant_id, subject_type, subject_id, ${sql.raw(EVENT_COLUMNS)})
      select id, tenant_id, 'issue', issue_id, ${sql.raw(EVENT_COLUMNS)} from timeline_events order by id`.execute(trx);
    await sql`drop table timeline_events`.execute(trx);
    await sql`alter table timeline_events_next rename to timeline_events`.execute(trx);
    await subjectIndexes(trx);
  });
}

export async function down(db: Db): Promise<void> {
  // Clocks and events of other subjects have no place in the issue tables.
  await sql`delete from clocks where subject_type <> 'issue'`.execute(db);
  await sql`update attachments set event_id = null where event_id in (select id from timeline_events where subject_type <> 'issue')`.execute(db);
  await sql`delete from timeline_events where subject_type <> 'issue'`.execute(db);
  if (isPostgres(db)) {
    await db.schema.dropIndex('clocks_subject_ix').execute();
    await db.schema.dropIndex('clocks_open_ix').execute();
    await db.schema.dropIndex('timeline_events_subject_ix').execute();
    for (const [from, to] of [['clocks', 'issue_deadlines'], ['timeline_events', 'issue_events']] as const) {
      await sql`alter table ${sql.table(from)} drop column subject_type`.execute(db);
      await sql`alter table ${sql.table(from)} rename column subject_id to issue_id`.execute(db);
      await sql`alter table ${sql.table(from)} rename to ${sql.table(to)}`.execute(db);
      await sql`alter table ${sql.table(to)} add foreign key (issue_id) references issues (id)`.execute(db);
    }
    await issueIndexes(db);
    return;
  }
  await sqliteRebuild(db, async (trx) => {
    await createClocks(trx, 'issue_deadlines', false);
    await sql`insert into issue_deadlines (id, tenant_id, issue_id, ${sql.raw(CLOCK_COLUMNS)})
      select id, tenant_id, subject_id, ${sql.raw(CLOCK_COLUMNS)} from clocks order by id`.execute(trx);
    await sql`drop table clocks`.execute(trx);
    await sql`alter table timeline_events rename to issue_events`.execute(trx);
    await createEvents(trx, 'issue_events_next', false);
    await sql`insert into issue_events_next (id, tenant_id, issue_id, ${sql.raw(EVENT_COLUMNS)})
      select id, tenant_id, subject_id, ${sql.raw(EVENT_COLUMNS)} from issue_events order by id`.execute(trx);
    await sql`drop table issue_events`.execute(trx);
    await sql`alter table issue_events_next rename to issue_events`.execute(trx);
    await issueIndexes(trx);
  });
}
