/**
 * Indexes for reading the audit log (`audit/audit.repo.ts` listAuditPage): a tenant's entries newest first, and
 * the same for one actor or one action, each ending with the id so that a keyset page continues from an index
 * position. One record's entries use `audit_log_entity_ix` (0001).
 */
import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema.createIndex('audit_log_at_ix').on('audit_log').columns(['tenant_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_log_actor_ix').on('audit_log').columns(['tenant_id', 'actor_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_log_action_ix').on('audit_log').columns(['tenant_id', 'action', 'at', 'id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('audit_log_action_ix').execute();
  await db.schema.dropIndex('audit_log_actor_ix').execute();
  await db.schema.dropIndex('audit_log_at_ix').execute();
}
