/** TypeBox schemas of the audit log as the API shows it, and their types for the web. */
import { Type, type Static } from 'typebox';
import { Nullable } from './common.ts';

/** One audit entry: who did what, when, to which record, from where. */
export const AuditEntryOut = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Nullable(Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String() })),
  action: Type.String(),
  actionName: Type.Object({ zh: Type.String(), en: Type.String() }),
  entityType: Type.String(),
  entityId: Type.String(),
  trackingCode: Nullable(Type.String({ description: '对象是问题时的受理编号' })),
  ip: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});

/** GET /audit: one page, newest first. */
export const AuditPageOut = Type.Object({ items: Type.Array(AuditEntryOut), nextCursor: Nullable(Type.String()) });

/** GET /audit/actors: the tenant's users, to filter by. */
export const AuditActorList = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String(), active: Type.Boolean() })),
});

/** One audit entry. */
export type AuditEntry = Static<typeof AuditEntryOut>;
/** One page of the audit log. */
export type AuditPage = Static<typeof AuditPageOut>;
/** A user of the tenant (for the 操作人 picker). */
export type AuditActor = Static<typeof AuditActorList>['items'][number];
