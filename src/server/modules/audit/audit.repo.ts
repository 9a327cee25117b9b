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

/** Filters of the audit list and export; times are UTC instants (`from` inclusive, `to` exclusive). */
export interface AuditFilter {
  actorId?: number;
  actions?: string[];
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  ip?: string;
}

/** Where a page of the audit list ended: the last entry's time and id (the list is newest first, ties by id). */
export interface AuditPosition {
  at: string;
  id: number;
}

/** One entry as the audit screen reads it: with the actor's names (null for the system and for deleted users). */
export interface AuditRow {
  id: number;
  at: string;
  actorId: number | null;
  username: string | null;
  displayName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  ip: string | null;
  data: string;
}

/**
 * A tenant's audit entries matching the filter, newest first (time, then id), after `after`, at most `limit`.
 * Each filter has its index (0008: tenant + time, + actor, + action; 0001: one record), so a page reads about
 * `limit` entries however long the log is.
 */
export async function listAuditPage(db: Kysely<DB>, tenantId: number, f: AuditFilter, limit: number, after?: AuditPosition): Promise<AuditRow[]> {
  let q = db.selectFrom('auditLog as a').leftJoin('users as u', 'u.id', 'a.actorId')
    .select(['a.id', 'a.at', 'a.actorId', 'u.username', 'u.displayName', 'a.action', 'a.entityType', 'a.entityId', 'a.ip', 'a.data'])
    .where('a.tenantId', '=', tenantId);
  if (f.actorId !== undefined) q = q.where('a.actorId', '=', f.actorId);
  if (f.actions?.length) q = f.actions.length === 1 ? q.where('a.action', '=', f.actions[0]!) : q.where('a.action', 'in', f.actions);
  if (f.entityType !== undefined) q = q.where('a.entityType', '=', f.entityType);
  if (f.entityId !== undefined) q = q.where('a.entityId', '=', f.entityId);
  if (f.from !== undefined) q = q.where('a.at', '>=', f.from);
  if (f.to !== undefined) q = q.where('a.at', '<', f.to);
  if (f.ip !== undefined) q = q.where('a.ip', '=', f.ip);
  if (after) q = q.where((eb) => eb(eb.refTuple('a.at', 'a.id'), '<', eb.tuple(after.at, after.id)));
  return q.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

/** The tracking codes of a tenant's issues by id (the audit list names the issues its entries are about). */
export async function trackingCodesOf(db: Kysely<DB>, tenantId: number, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<number, string>();
  // An export names up to 10,000 issues: a thousand a query keeps within every driver's limit on parameters.
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db.selectFrom('issues').select(['id', 'trackingCode']).where('tenantId', '=', tenantId)
      .where('id', 'in', unique.slice(i, i + 1000)).execute();
    for (const r of rows) out.set(r.id, r.trackingCode);
  }
  return out;
}

/** The id of a tenant's issue by its tracking code (`YX-2026-000123`), or undefined. */
export async function issueIdByCode(db: Kysely<DB>, tenantId: number, code: string): Promise<number | undefined> {
  const row = await db.selectFrom('issues').select('id').where('tenantId', '=', tenantId).where('trackingCode', '=', code).executeTakeFirst();
  return row?.id;
}

/** The tenant's users, for choosing whose entries to see (inspectors may not list users otherwise). */
export async function auditActors(db: Kysely<DB>, tenantId: number) {
  return db.selectFrom('users').select(['id', 'username', 'displayName', 'active']).where('tenantId', '=', tenantId).orderBy('username').execute();
}
