/** /issues, /categories, /attachments: the ledger's HTTP surface. Thin: schema → auth → command → view. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import { Id, IdParams, IdempotencyHeaders, errorResponses } from '../../../shared/api/common.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { writeAudit } from '../audit/index.ts';
import { deadlineContext } from '../deadlines/index.ts';
import { isAdmin } from '../org/index.ts';
import type { ModuleManifest } from '../types.ts';
import { idempotencyKeyOf, idempotentCreate } from '../idempotency/index.ts';
import { discardCreated, openStored, receiveUploads } from './attachments.ts';
import { registerIssue } from './commands/register-issue.ts';
import { linkIssue, linksOf } from './commands/link-issue.ts';
import { ownerCandidates, setIssueOwner } from './commands/owner.ts';
import { SimilarList, findSimilar, withStatusType } from '../intel/index.ts';
import { hasRole } from '../../actor.ts';
import { transitionIssue } from './commands/transition-issue.ts';
import { canRevealPetitioner } from './ledger.policy.ts';
import { INTAKE_ROLES } from '../../../shared/enums.ts';
import * as repo from './ledger.repo.ts';
import { ledgerListRoutes } from './ledger-list.routes.ts';
import {
  AttachmentList, CategoryList, CategoryOut, CreateCategoryBody, CreateIssueBody, IssueOut, LinkBody, LinkList, PetitionerOut, TimelineOut,
  TransitionBody, UpdateCategoryBody,
} from '../../../shared/api/issues.ts';
import { renderIssue, renderIssues } from './ledger.view.ts';
import { appendEvent, eventsOf } from '../timeline/index.ts';
import { issueSubject } from '../../subject.ts';
import { DEFAULT_CATEGORIES, defaultKeywords } from './default-categories.ts';

const ISSUE = { zh: '问题', en: 'Issue' };
/** A category's keywords as stored: trimmed, without blank or repeated ones (the schema bounds their number and length). */
const cleanKeywords = (keywords: readonly string[]) => [...new Set(keywords.map((k) => k.trim()).filter(Boolean))];
/** Attachment types shown inline (raster images); all others are served as downloads. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
/** Keys of timeline event data that hold a unit's id. */
const UNIT_KEYS = ['orgUnitId', 'unitId'] as const;

const routes: FastifyPluginAsync<{ config: Config }> = async (app0, opts) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  await app.register(multipart, { limits: { fileSize: LIMITS.attachmentMaxBytes, files: LIMITS.attachmentsPerUpload, fields: 10 } });
  await app.register(ledgerListRoutes);

  /** The issue as the actor sees it, read after the command's commit. */
  const show = async (actor: Parameters<typeof repo.findIssueInScope>[1], id: number) => {
    const row = await repo.findIssueInScope(db, actor, id);
    if (!row) throw notFound(ISSUE);
    const [out] = await renderIssues(db, actor, [row], new Date().toISOString());
    return out!;
  };

  app.post('/issues', {
    schema: {
      tags: ['ledger'], summary: '登记问题',
      description: '可带 `Idempotency-Key` 请求头（1–200 个可见 ASCII 字符，24 小时内有效）：同一 Key 与相同内容重发时返回第一次登记的问题（响应头 `Idempotency-Replayed: true`），不会重复登记；同一 Key 用于不同内容时返回 422。',
      headers: IdempotencyHeaders, body: CreateIssueBody, response: { 201: IssueOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    const ctx = await deadlineContext(db, req.actor.tenantId);
    const now = new Date().toISOString();
    const idempotencyKey = idempotencyKeyOf(req);
    const r = await registerIssue(app.tx, ctx, req.actor, req.body, { now, ...(idempotencyKey ? { idempotencyKey } : {}) });
    if (r.replayed) void reply.header('idempotency-replayed', 'true');
    return reply.status(201).send(r.created
      ? renderIssue(req.actor, r.created.row, r.created.clocks, r.created.person, now, (req.body.joint?.representatives ?? []).map((x) => ({ name: x.name.trim(), phone: x.phone?.trim() || null })))
      : await show(req.actor, r.id));
  });

  app.get('/issues/:id', {
    schema: { tags: ['ledger'], summary: '问题详情', params: IdParams, response: { 200: IssueOut, ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => show(req.actor, req.params.id));

  app.get('/issues/:id/similar', {
    schema: { tags: ['intel'], summary: '与此问题相似的问题', params: IdParams, response: { 200: SimilarList, ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => {
    const issue = await repo.findIssueInScope(db, req.actor, req.params.id);
    if (!issue) throw notFound(ISSUE);
    const items = await findSimilar(db, req.actor, {
      title: issue.title, body: issue.body, orgUnitId: issue.orgUnitId, categoryId: issue.categoryId, excludeId: issue.id,
    });
    return { items: withStatusType(items) };
  });

  app.post('/issues/:id/transitions', {
    schema: {
      tags: ['ledger'], summary: '办理动作（受理、交办、答复、回访、办结等）', params: IdParams, body: TransitionBody,
      response: { 200: IssueOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    const ctx = await deadlineContext(db, req.actor.tenantId);
    const now = new Date().toISOString();
    await app.tx((trx) => transitionIssue(trx, ctx, req.actor, req.params.id, req.body, now));
    return show(req.actor, req.params.id);
  });

  app.get('/issues/:id/owner-candidates', {
    schema: {
      tags: ['ledger'], summary: '可以包案的领导（其管辖范围含问题所在地）', params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), unitName: Type.String() })) }), ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => ({ items: await ownerCandidates(db, req.actor, req.params.id) }));

  app.post('/issues/:id/owner', {
    schema: {
      tags: ['ledger'], summary: '指定（或取消）包案领导', params: IdParams,
      body: Type.Object({ ownerId: Type.Union([Id, Type.Null()]) }, { additionalProperties: false }),
      response: { 200: IssueOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    await app.tx((trx) => setIssueOwner(trx, req.actor, req.params.id, req.body.ownerId, new Date().toISOString()));
    return show(req.actor, req.params.id);
  });

  app.post('/issues/:id/links', {
    schema: {
      tags: ['ledger'], summary: '关联问题（重复件、相似件）', params: IdParams, body: LinkBody,
      response: { 200: LinkList, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    if (!hasRole(req.actor, ...INTAKE_ROLES)) throw new AppError(403, 'forbidden');
    await app.tx((trx) => linkIssue(trx, req.actor, req.params.id, req.body.relatedIssueId, req.body.kind ?? 'repeat', new Date().toISOString()));
    return { items: await linksOf(db, req.actor, req.params.id) };
  });

  app.get('/issues/:id/links', {
    schema: { tags: ['ledger'], summary: '关联的问题', params: IdParams, response: { 200: LinkList, ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => {
    const issue = await repo.findIssueInScope(db, req.actor, req.params.id);
    if (!issue) throw notFound(ISSUE);
    return { items: await linksOf(db, req.actor, issue.id) };
  });

  app.get('/issues/:id/timeline', {
    schema: {
      tags: ['ledger'], summary: '办理时间线', params: IdParams,
      response: { 200: TimelineOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    const issue = await repo.findIssueInScope(db, req.actor, req.params.id);
    if (!issue) throw notFound(ISSUE);
    const subject = issueSubject(issue.id);
    // What other modules know of the issue's past (an import's facts) comes first, then its events.
    const entries = [...(await Promise.all(app.timelineSources.map((s) => s(db, subject)))).flat(), ...await eventsOf(db, subject)];
    const events = entries.map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> }));
    // Events keep unit ids; the screen shows names, also of units outside the user's scope (not in its unit list).
    const ids = events.flatMap((e) => UNIT_KEYS.map((k) => e.data[k]).filter((v): v is number => Number.isInteger(v)));
    const names = await repo.unitNamesOf(db, issue.tenantId, ids);
    return { items: events, unitNames: Object.fromEntries([...names].map(([id, name]) => [String(id), name])) };
  });

  app.post('/issues/:id/petitioner/reveal', {
    schema: {
      tags: ['ledger'], summary: '查看诉求人完整信息（留痕）', params: IdParams,
      response: { 200: PetitionerOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    const issue = await repo.findIssueInScope(db, req.actor, req.params.id);
    if (!issue) throw notFound(ISSUE);
    if (!canRevealPetitioner(req.actor, issue)) throw new AppError(403, 'forbidden');
    if (!issue.petitionerId) throw notFound({ zh: '诉求人信息', en: 'Petitioner' });
    const [p] = await repo.peopleByIds(db, [issue.petitionerId]);
    await writeAudit(db, {
      tenantId: issue.tenantId, actorId: req.actor.userId, action: 'petitioner.reveal', entityType: 'issue', entityId: issue.id,
      ip: req.ip, at: new Date().toISOString(), data: { personId: issue.petitionerId },
    });
    // Unmasked personal data: no cache (browser, proxy) may keep a copy.
    void reply.header('cache-control', 'no-store');
    return { name: p!.name, phone: p!.phone, idNumber: p!.idNumber, address: p!.address, masked: false };
  });

  app.get('/issues/:id/attachments', {
    schema: { tags: ['ledger'], summary: '附件列表', params: IdParams, response: { 200: AttachmentList, ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => {
    const issue = await repo.findIssueInScope(db, req.actor, req.params.id);
    if (!issue) throw notFound(ISSUE);
    const items = await repo.attachmentsOf(db, issue.id);
    return { items: items.map((a) => ({ ...a, url: `/api/v1/attachments/${a.id}` })) };
  });

  app.post('/issues/:id/attachments', {
    schema: {
      tags: ['ledger'], summary: '上传附件（multipart/form-data，字段 file）', params: IdParams, consumes: ['multipart/form-data'],
      description: '可带 `Idempotency-Key`：同一 Key 重发相同文件时返回第一次上传的附件，不重复保存。', headers: IdempotencyHeaders,
      response: { 201: AttachmentList, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    const issue = await repo.findIssueInScope(db, req.actor, req.params.id);
    if (!issue) throw notFound(ISSUE);
    if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', { type: String(req.headers['content-type'] ?? '') });
    const stored = await receiveUploads(req.files(), opts.config.dataDir, issue.tenantId);
    const discard = () => discardCreated(opts.config.dataDir, stored.map((s) => s.file));
    const now = new Date().toISOString();
    // A phone that lost the answer may send the same files again with the same key: one upload, answered again.
    const scope = `POST /issues/${issue.id}/attachments`;
    const hashOf = stored.map((s) => [s.filename, s.file.sha256]);
    const result = await idempotentCreate(app, req, scope, hashOf, async (trx) => {
      const eventId = await appendEvent(trx, {
        tenantId: issue.tenantId, subject: issueSubject(issue.id), type: 'attachment', actorId: req.actor.userId, at: now,
        data: { files: stored.map((s) => ({ filename: s.filename, size: s.file.size })) },
      });
      const out: number[] = [];
      for (const s of stored) {
        out.push(await repo.insertAttachment(trx, {
          tenantId: issue.tenantId, issueId: issue.id, eventId, filename: s.filename, mime: s.file.mime, size: s.file.size,
          sha256: s.file.sha256, storageKey: s.file.storageKey, uploadedBy: req.actor.userId, createdAt: now,
        }));
      }
      await writeAudit(trx, { tenantId: issue.tenantId, actorId: req.actor.userId, action: 'attachment.upload', entityType: 'issue', entityId: issue.id, ip: req.ip, at: now, data: { attachmentIds: out } });
      return eventId;
    }).catch(async (err: unknown) => { await discard(); throw err; });
    // A replay sent the same contents, so its files are the first upload's (stored by content): nothing to remove.
    if (result.replayed) void reply.header('idempotency-replayed', 'true');
    const items = (await repo.attachmentsOf(db, issue.id)).filter((a) => a.eventId === result.id);
    return reply.status(201).send({ items: items.map((a) => ({ ...a, url: `/api/v1/attachments/${a.id}` })) });
  });

  app.get('/attachments/:id', {
    schema: { tags: ['ledger'], summary: '下载附件', params: IdParams, response: { ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    const a = await repo.findAttachment(db, req.actor.tenantId, req.params.id);
    // The attachment is visible exactly when its issue is.
    if (!a || !(await repo.findIssueInScope(db, req.actor, a.issueId))) throw notFound({ zh: '附件', en: 'Attachment' });
    const { stream, size } = await openStored(opts.config.dataDir, a.storageKey);
    // An attachment is not masked (a letter, a photo of an ID card): every view or download is in the audit log.
    await writeAudit(db, {
      tenantId: a.tenantId, actorId: req.actor.userId, action: 'attachment.download', entityType: 'issue', entityId: a.issueId,
      ip: req.ip, at: new Date().toISOString(), data: { attachmentId: a.id, filename: a.filename },
    });
    // Only raster images are shown in the page; everything else (a PDF, a text file, a document) is downloaded, so
    // no uploaded file is ever rendered as a document of this origin. The sandbox CSP covers a browser that renders anyway.
    const inline = INLINE_TYPES.has(a.mime);
    return (reply as FastifyReply)
      .header('content-type', a.mime)
      .header('content-length', size)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
      .send(stream);
  });

  app.get('/categories', {
    schema: {
      tags: ['ledger'], summary: '问题分类树', querystring: Type.Object({ includeInactive: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: CategoryList, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => ({ items: await repo.listCategories(db, req.actor.tenantId, req.query.includeInactive === true && isAdmin(req.actor)) }));

  app.patch('/categories/:id', {
    schema: {
      tags: ['ledger'], summary: '修改、停用分类或替换其关键词（管理员）', params: IdParams,
      body: UpdateCategoryBody,
      response: { 200: CategoryOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    if (!isAdmin(req.actor)) throw new AppError(403, 'forbidden');
    if (!(await repo.categoryExists(db, req.actor.tenantId, req.params.id))) throw notFound({ zh: '分类', en: 'Category' });
    const now = new Date().toISOString();
    const set = req.body.keywords ? { ...req.body, keywords: cleanKeywords(req.body.keywords) } : req.body;
    await app.tx(async (trx) => {
      await repo.updateCategory(trx, req.actor.tenantId, req.params.id, set);
      await writeAudit(trx, { tenantId: req.actor.tenantId, actorId: req.actor.userId, action: 'category.update', entityType: 'category', entityId: req.params.id, ip: req.ip, at: now, data: set });
    });
    return (await repo.listCategories(db, req.actor.tenantId, true)).find((c) => c.id === req.params.id)!;
  });

  app.post('/categories', {
    schema: {
      tags: ['ledger'], summary: '新增分类（管理员）',
      body: CreateCategoryBody,
      response: { 201: CategoryOut, ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    if (!isAdmin(req.actor)) throw new AppError(403, 'forbidden');
    const parentId = req.body.parentId ?? null;
    if (parentId !== null && !(await repo.categoryExists(db, req.actor.tenantId, parentId))) {
      throw new AppError(400, 'unknown_reference', { field: '上级分类', field_en: 'parentId', id: parentId }, { parentId: '上级分类不存在' });
    }
    const siblings = (await repo.listCategories(db, req.actor.tenantId, true)).filter((c) => c.parentId === parentId);
    if (siblings.some((c) => c.name === req.body.name.trim())) {
      throw new AppError(409, 'validation', { detail: `同级已有分类「${req.body.name.trim()}」`, detail_en: `a sibling category "${req.body.name.trim()}" exists` }, { name: '同级已有同名分类' });
    }
    const now = new Date().toISOString();
    const id = await app.tx(async (trx) => {
      const newId = await repo.insertCategory(trx, req.actor.tenantId, parentId, req.body.name.trim(), 0, cleanKeywords(req.body.keywords ?? []));
      await writeAudit(trx, { tenantId: req.actor.tenantId, actorId: req.actor.userId, action: 'category.create', entityType: 'category', entityId: newId, ip: req.ip, at: now, data: req.body });
      return newId;
    });
    const cat = (await repo.listCategories(db, req.actor.tenantId, true)).find((c) => c.id === id)!;
    return reply.status(201).send(cat);
  });
};

/** The issue ledger. */
export const ledgerModule: ModuleManifest = {
  name: 'ledger', routes,
  // A new tenant starts with the national category tree (editable later).
  seedTenant: async (trx, tenantId) => {
    let sort = 0;
    for (const top of DEFAULT_CATEGORIES) {
      const parent = await repo.insertCategory(trx, tenantId, null, top.name, sort++, defaultKeywords(null, top.name));
      for (const child of top.children) await repo.insertCategory(trx, tenantId, parent, child, sort++, defaultKeywords(top.name, child));
    }
  },
};
