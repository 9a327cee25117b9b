/** The append-only audit log: who did what to which record, from where. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

/** One audit entry. */
export interface AuditEntry {
  tenantId: number;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  ip?: string | null;
  data?: Record<string, unknown>;
  at: string;
}

/** Append an audit entry; pass the command's transaction so it commits with the change it records. */
export async function writeAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db.insertInto('auditLog').values({
    tenantId: e.tenantId,
    actorId: e.actorId,
    action: e.action,
    entityType: e.entityType,
    entityId: String(e.entityId),
    at: e.at,
    ip: e.ip ?? null,
    data: JSON.stringify(e.data ?? {}),
  }).execute();
}

/** Audit entries of one record, oldest first. */
export async function listAudit(db: Kysely<DB>, tenantId: number, entityType: string, entityId: string | number) {
  return db.selectFrom('auditLog').selectAll()
    .where('tenantId', '=', tenantId).where('entityType', '=', entityType).where('entityId', '=', String(entityId))
    .orderBy('id').execute();
}
