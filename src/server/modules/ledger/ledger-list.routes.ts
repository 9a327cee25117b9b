/**
 * The ledger as a list: GET /issues (filters, three orders, keyset cursor), GET /issues/export (.xlsx of the same
 * filters), POST /issues/bulk-transitions (one action for many issues, each in its own transaction).
 */
import type { FastifyPluginAsync } from 'fastify';
import { sendXlsx } from '../../lib/xlsx-reply.ts';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { LedgerSort } from '../../../shared/enums.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { TRANSITIONS } from '../../../shared/lifecycle.ts';
import { AppError, langOf, messageFor } from '../../plugins/errors.ts';
import { errorResponses } from '../../../shared/api/common.ts';
import { writeAudit } from '../audit/index.ts';
import { deadlineContext } from '../deadlines/index.ts';
import type { Actor } from '../../actor.ts';
import { transitionIssue } from './commands/transition-issue.ts';
import { decodeCursor, encodeCursor, type ListCursor } from './ledger-cursor.ts';
import { buildLedgerWorkbook, exportFilenames } from './ledger-export.ts';
import * as repo from './ledger.repo.ts';
import { BulkResults, BulkTransitionBody, ExportQuery, ListQuery, issuePageOut, type ListQueryInput, type ListedIssue } from '../../../shared/api/issues.ts';
import { docsOf, snippetOf } from '../search/index.ts';
import { renderIssues } from './ledger.view.ts';

const split = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
/** A Shanghai date plus `add` days, as the UTC instant of its midnight. */
const shanghaiMidnight = (d: string, add: number) => new Date(Date.parse(`${d}T00:00:00+08:00`) + add * 86_400_000).toISOString();

/** The repository filter of a list or export query (`to` is inclusive: up to the end of that day). */
function filterOf(q: Omit<ListQueryInput, 'cursor' | 'limit'>): repo.IssueFilter {
  return {
    status: split(q.status), channel: split(q.channel), kind: split(q.kind), categoryId: q.categoryId, unitId: q.unitId,
    responsibleUnitId: q.responsibleUnitId, ownerId: q.ownerId, repeat: q.repeat, overdue: q.overdue, q: q.q,
    from: q.from ? shanghaiMidnight(q.from, 0) : undefined, to: q.to ? shanghaiMidnight(q.to, 1) : undefined,
  };
}

const badCursor = () => new AppError(400, 'validation', { detail: '分页游标无效，请从第一页重新查询', detail_en: 'the cursor is not valid; start again from the first page' }, { cursor: '分页游标无效' });

/** How many bulk items run at once: enough to share SQLite commits, few enough to leave PostgreSQL connections to others. */
const BULK_CONCURRENCY = 4;

const routes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  /** The cursor's position in this order; a plain id (the old form) is continued from that issue's keys. */
  const positionOf = async (actor: Actor, text: string, sort: LedgerSort): Promise<ListCursor> => {
    const c = decodeCursor(text);
    if (!c) throw badCursor();
    if (c.sort === null) {
      const keys = await repo.sortKeysOf(db, actor.tenantId, c.id);
      if (!keys) throw badCursor();
      return { sort, key: repo.sortKeyOf(keys, sort), id: c.id };
    }
    if (c.sort !== sort) throw badCursor();
    return c;
  };

  app.get('/issues', {
    schema: {
      tags: ['ledger'], summary: '问题台账（筛选、排序、游标分页）', querystring: ListQuery,
      response: {
        200: issuePageOut(repo.COUNT_CAP),
        ...errorResponses,
      },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    const q = req.query;
    const limit = q.limit ?? LIMITS.pageSizeDefault;
    const terms = repo.searchTermsOf(q.q).map((t) => t.text);
    // Relevance needs words to be relevant to; without them the list keeps its default order.
    const sort = q.sort === 'relevance' && terms.length === 0 ? 'received_desc' : q.sort ?? 'received_desc';
    const now = new Date().toISOString();
    const after = q.cursor ? await positionOf(req.actor, q.cursor, sort) : undefined;
    // The first page also says how many there are (later pages would only repeat it).
    const [rows, count] = await Promise.all([
      repo.listIssuesInScope(db, req.actor, filterOf(q), now, limit + 1, sort, after),
      after ? undefined : repo.countIssuesInScope(db, req.actor, filterOf(q), now),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const items = await renderIssues(db, req.actor, page, now);
    if (terms.length) {
      const docs = await docsOf(db, page.map((r) => r.id));
      for (const item of items) (item as ListedIssue).match = { terms, snippet: snippetOf(docs.get(item.id) ?? item.body, terms) };
    }
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ sort, key: repo.sortKeyOf(last, sort), id: last.id }) : null,
      ...(count ? { total: count.total, totalExact: count.exact } : {}),
    };
  });

  app.get('/issues/export', {
    schema: {
      tags: ['ledger'], summary: `导出问题台账（.xlsx，最多 ${LIMITS.exportMaxRows} 条）`, querystring: ExportQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '问题台账-YYYY-MM-DD.xlsx' }), ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    const now = new Date().toISOString();
    const sort = req.query.sort ?? 'received_desc';
    const [rows, categories] = await Promise.all([
      repo.exportIssuesInScope(db, req.actor, filterOf(req.query), now, LIMITS.exportMaxRows + 1, sort),
      repo.listCategories(db, req.actor.tenantId, true),
    ]);
    const byId = new Map(categories.map((c) => [c.id, c]));
    const categoryPath = (id: number | null) => {
      const parts: string[] = [];
      for (let c = id == null ? undefined : byId.get(id); c; c = c.parentId == null ? undefined : byId.get(c.parentId)) parts.unshift(c.name);
      return parts.join(' / ');
    };
    const query = Object.entries(req.query).map(([k, v]) => `${k}=${String(v)}`).join('&');
    const xlsx = await buildLedgerWorkbook(rows, categoryPath, { now, actorName: req.actor.displayName, query, max: LIMITS.exportMaxRows });
    const count = Math.min(rows.length, LIMITS.exportMaxRows);
    // Taking the ledger out of the system is worth a line in the audit log: who, when, which filters, how many rows.
    await writeAudit(db, {
      tenantId: req.actor.tenantId, actorId: req.actor.userId, action: 'issue.export', entityType: 'ledger', entityId: 'export',
      ip: req.ip, at: now, data: { query: req.query, rows: count, truncated: rows.length > LIMITS.exportMaxRows },
    });
    const name = exportFilenames(now);
    return sendXlsx(reply, xlsx, name, { 'x-export-rows': String(count), 'x-export-truncated': rows.length > LIMITS.exportMaxRows ? '1' : '0' });
  });

  app.post('/issues/bulk-transitions', {
    schema: {
      tags: ['ledger'], summary: `批量交办（最多 ${LIMITS.bulkMaxItems} 件，逐件办理，互不影响）`, body: BulkTransitionBody,
      response: { 200: BulkResults, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    const { action, unitId, dueAt, items } = req.body;
    const lang = langOf(req);
    const now = new Date().toISOString();
    // What is wrong for every item is a bad request, not 200 results that all say the same.
    if (!(await repo.unitInScope(db, req.actor, unitId))) {
      throw new AppError(400, 'unit_not_assignable', { name: String(unitId) }, { unitId: '承办单位不存在或不在您的管辖范围内' });
    }
    if (dueAt !== undefined && new Date(dueAt).toISOString() <= now) {
      throw new AppError(400, 'validation', { detail: '办理期限必须晚于当前时间', detail_en: 'dueAt must be in the future' }, { dueAt: '办理期限必须晚于当前时间' });
    }
    const ctx = await deadlineContext(db, req.actor.tenantId);
    const to = TRANSITIONS.find((r) => r.action === action)!.to!;
    const results: Array<{ id: number; ok: boolean; status?: typeof to; version?: number; error?: { code: string; message: string } }> = new Array(items.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < items.length; i = next++) {
        const item = items[i]!;
        try {
          await app.tx((trx) => transitionIssue(trx, ctx, req.actor, item.id, { action, version: item.version, unitId, ...(dueAt ? { dueAt } : {}) }, now));
          results[i] = { id: item.id, ok: true, status: to, version: item.version + 1 };
        } catch (err) {
          if (err instanceof AppError) {
            results[i] = { id: item.id, ok: false, error: { code: err.code, message: messageFor(err.code, lang, err.params) } };
          } else {
            req.log.error({ err, issueId: item.id }, 'bulk transition failed');
            results[i] = { id: item.id, ok: false, error: { code: 'internal', message: messageFor('internal', lang, { ref: req.id }) } };
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, items.length) }, worker));
    return { results };
  });
};

/** The list, export and bulk routes of the ledger (registered by the ledger module). */
export const ledgerListRoutes = routes;
