/**
 * /audit: reading the audit log — who did what, when, to which record, from where — for administrators and
 * inspectors (督查), always within their own tenant: the list (filters, newest first, keyset cursor), the .xlsx of
 * the same filters (itself an audited `audit.export`), and the tenant's users to filter by.
 */
import type { FastifyPluginAsync } from 'fastify';
import { sendXlsx } from '../../lib/xlsx-reply.ts';
import { Type, type Static } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AUDIT_ACTION_NAMES } from '../../../shared/enums.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { AppError } from '../../plugins/errors.ts';
import { DateOnly, Id, errorResponses } from '../../../shared/api/common.ts';
import { AuditActorList, AuditPageOut, type AuditEntry } from '../../../shared/api/audit.ts';
import { addDays, startOfShanghaiDay } from '../../../shared/shanghai-date.ts';
import { hasRole, type Actor } from '../../actor.ts';
import type { ModuleManifest } from '../types.ts';
import { auditExportFilenames, buildAuditWorkbook } from './audit-export.ts';
import * as repo from './audit.repo.ts';

/** Who may read the audit log. */
export const AUDIT_ROLES = ['admin', 'inspector'] as const;

/** Whether the actor may read the tenant's audit log. */
export function canReadAudit(actor: Actor): boolean {
  return hasRole(actor, ...AUDIT_ROLES);
}

/** Filters of the list and the export. */
const filterFields = {
  actor: Type.Optional(Id),
  action: Type.Optional(Type.String({ pattern: '^[a-z_.]+(,[a-z_.]+)*$', maxLength: 1000, description: '一个或多个操作代码，逗号分隔' })),
  entityType: Type.Optional(Type.String({ pattern: '^[a-z_]+$', maxLength: 40 })),
  entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  issue: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '问题编号或受理编号（如 YX-2026-000123）' })),
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
  ip: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
};
const ListQuery = Type.Object({
  ...filterFields,
  cursor: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
}, { additionalProperties: false });
const ExportQuery = Type.Object(filterFields, { additionalProperties: false });
type FilterQuery = Static<typeof ExportQuery>;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** The cursor text after an entry: base64url JSON of its time and id. */
export function encodeAuditCursor(p: repo.AuditPosition): string {
  return Buffer.from(JSON.stringify([p.at, p.id]), 'utf8').toString('base64url');
}

/** The position a cursor names, or null when the text is not a cursor this server made. */
export function decodeAuditCursor(text: string): repo.AuditPosition | null {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(v) || v.length !== 2) return null;
  const [at, id] = v as unknown[];
  if (typeof at !== 'string' || !ISO.test(at) || typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return null;
  return { at, id };
}

const invalid = (field: string, zh: string, en: string) => new AppError(400, 'validation', { detail: zh, detail_en: en }, { [field]: { zh, en } });

/** A label for an action the server wrote; an old or unknown code is shown as it is. */
const nameOf = (action: string) => (AUDIT_ACTION_NAMES as Record<string, { zh: string; en: string }>)[action] ?? { zh: action, en: action };

/** Parse a stored `data` text (always JSON an object, but an entry is shown even if it is not). */
function dataOf(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : { value: v };
  } catch {
    return { text };
  }
}

const routes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const requireAuditor = async (req: { actor: Actor }) => {
    if (!canReadAudit(req.actor)) throw new AppError(403, 'forbidden');
  };

  /** The repository filter of a query, or null when it names an issue the tenant does not have (nothing matches). */
  const filterOf = async (actor: Actor, q: FilterQuery): Promise<repo.AuditFilter | null> => {
    if (q.entityId !== undefined && q.entityType === undefined) throw invalid('entityId', '按对象编号筛选时须同时给出对象类型', 'entityId needs entityType');
    if (q.issue !== undefined && (q.entityType !== undefined || q.entityId !== undefined)) {
      throw invalid('issue', '按问题筛选时不能再给出对象类型或编号', 'issue cannot be combined with entityType or entityId');
    }
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) throw invalid('to', '结束日期不能早于开始日期', 'to is before from');
    const f: repo.AuditFilter = {
      actorId: q.actor,
      actions: q.action ? [...new Set(q.action.split(','))] : undefined,
      entityType: q.entityType,
      entityId: q.entityId,
      // Dates are Beijing days: from the start of `from` to the end of `to`.
      from: q.from ? startOfShanghaiDay(q.from) : undefined,
      to: q.to ? startOfShanghaiDay(addDays(q.to, 1)) : undefined,
      ip: q.ip?.trim(),
    };
    if (q.issue !== undefined) {
      const text = q.issue.trim();
      const id = /^[0-9]{1,15}$/.test(text) ? Number(text) : await repo.issueIdByCode(db, actor.tenantId, text.toUpperCase());
      if (id === undefined) return null;
      f.entityType = 'issue';
      f.entityId = String(id);
    }
    return f;
  };

  /** Entries as the API shows them: actor names, action names, the issues' tracking codes, parsed data. */
  const render = async (tenantId: number, rows: repo.AuditRow[]): Promise<AuditEntry[]> => {
    const issueIds = rows.filter((r) => r.entityType === 'issue' && /^[0-9]{1,15}$/.test(r.entityId)).map((r) => Number(r.entityId));
    const codes = await repo.trackingCodesOf(db, tenantId, issueIds);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actorId !== null && r.username !== null ? { id: r.actorId, username: r.username, displayName: r.displayName ?? r.username } : null,
      action: r.action,
      actionName: nameOf(r.action),
      entityType: r.entityType,
      entityId: r.entityId,
      trackingCode: r.entityType === 'issue' ? codes.get(Number(r.entityId)) ?? null : null,
      ip: r.ip,
      data: dataOf(r.data),
    }));
  };

  app.get('/audit', {
    schema: {
      tags: ['audit'], summary: '审计日志（管理员、督查；本级全部记录，从新到旧，游标分页）', querystring: ListQuery,
      response: { 200: AuditPageOut, ...errorResponses },
    },
    preHandler: [app.authenticate, requireAuditor],
  }, async (req) => {
    const { cursor, limit: asked, ...filters } = req.query;
    const limit = asked ?? LIMITS.pageSizeDefault;
    const after = cursor === undefined ? undefined : decodeAuditCursor(cursor);
    if (after === null) throw invalid('cursor', '分页游标无效，请从第一页重新查询', 'the cursor is not valid; start again from the first page');
    const f = await filterOf(req.actor, filters);
    if (!f) return { items: [], nextCursor: null };
    const rows = await repo.listAuditPage(db, req.actor.tenantId, f, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await render(req.actor.tenantId, page),
      nextCursor: rows.length > limit && last ? encodeAuditCursor({ at: last.at, id: last.id }) : null,
    };
  });

  app.get('/audit/export', {
    schema: {
      tags: ['audit'], summary: `导出审计日志（.xlsx，最多 ${LIMITS.exportMaxRows} 条，本身记入审计日志）`, querystring: ExportQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '审计日志-YYYY-MM-DD.xlsx' }), ...errorResponses },
    },
    preHandler: [app.authenticate, requireAuditor],
  }, async (req, reply) => {
    const now = new Date().toISOString();
    const f = await filterOf(req.actor, req.query);
    const rows = f ? await repo.listAuditPage(db, req.actor.tenantId, f, LIMITS.exportMaxRows + 1) : [];
    const query = Object.entries(req.query).map(([k, v]) => `${k}=${String(v)}`).join('&');
    const xlsx = await buildAuditWorkbook(await render(req.actor.tenantId, rows), { now, actorName: req.actor.displayName, query, max: LIMITS.exportMaxRows });
    const count = Math.min(rows.length, LIMITS.exportMaxRows);
    const truncated = rows.length > LIMITS.exportMaxRows;
    // Taking the log out of the system is itself an entry: who, when, which filters, how many rows.
    await repo.writeAudit(db, {
      tenantId: req.actor.tenantId, actorId: req.actor.userId, action: 'audit.export', entityType: 'audit', entityId: 'export',
      ip: req.ip, at: now, data: { query: req.query, rows: count, truncated },
    });
    const name = auditExportFilenames(now);
    return sendXlsx(reply, xlsx, name, { 'x-export-rows': String(count), 'x-export-truncated': truncated ? '1' : '0' });
  });

  app.get('/audit/actors', {
    schema: {
      tags: ['audit'], summary: '本级用户（按操作人筛选审计日志用；管理员、督查）',
      response: { 200: AuditActorList, ...errorResponses },
    },
    preHandler: [app.authenticate, requireAuditor],
  }, async (req) => ({ items: (await repo.auditActors(db, req.actor.tenantId)).map((u) => ({ ...u, active: u.active === 1 })) }));
};

/** The audit module's manifest. */
export const auditModule: ModuleManifest = { name: 'audit', routes };
