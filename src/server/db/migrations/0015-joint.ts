/**
 * Joint petitions (联名信、集体访, 《信访工作条例》第20条, issue 18): how many signed or came (`issues.signer_count`),
 * their names when given (`issues.signer_names`, a JSON array), and the representatives they chose — at most five —
 * one row each (`issue_representatives`), masked in views like a petitioner.
 */
import type { Kysely } from 'kysely';
import { tenantFk } from './0001-foundation.ts';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('issues').addColumn('signer_count', 'integer').execute();
  await db.schema.alterTable('issues').addColumn('signer_names', 'text').execute();
  await tenantFk(db.schema.createTable('issue_representatives'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addPrimaryKeyConstraint('issue_representatives_pk', ['issue_id', 'sort'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('issue_representatives').execute();
  await db.schema.alterTable('issues').dropColumn('signer_names').execute();
  await db.schema.alterTable('issues').dropColumn('signer_count').execute();
}
