/**
 * /activities, /activity-cadres, /cases: the activities module's HTTP surface (issue 16). Thin: schema → auth →
 * command → view. The public feedback page is `feedback.pages.ts`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { sendXlsx } from '../../lib/xlsx-reply.ts';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import type { Config } from '../../config.ts';
import { AppError, notFound } from '../../plugins/errors.ts';
import { IdParams, IdempotencyHeaders, errorResponses } from '../../../shared/api/common.ts';
import {
  ActivityIssueBody, ActivityIssueList, ActivityList, ActivityListQuery, ActivityOut, CadreList, CaseBody, CaseDraftOut, CaseList, CaseListQuery,
  CadreLedgerOut, CadreLedgerQuery, CaseOut, CreateActivityBody, FeedbackIssueBody, FeedbackParams, FeedbackSummaryOut, UpdateActivityBody,
} from '../../../shared/api/activities.ts';
import { Id } from '../../../shared/api/common.ts';
import { writeAudit } from '../audit/index.ts';
import { deadlineContext } from '../deadlines/index.ts';
import { idempotencyKeyOf, idempotentCreate } from '../idempotency/index.ts';
import { canRevealPersonal, recordsActivities } from './activities.policy.ts';
import { ACTIVITY, createActivity, registerActivityIssue, updateActivity } from './commands/activities.ts';
import { CASE, createCase, draftCaseFromIssue, updateCaseCommand } from './commands/cases.ts';
import { feedbackToIssue } from './commands/feedback.ts';
import { renderActivities, renderCases, renderFeedback } from './activities.view.ts';
import * as repo from './activities.repo.ts';
import { researchRoutes } from './research.routes.ts';
import { questionnaireRoutes } from './questionnaires.routes.ts';
import { photoRoutes } from './photos.routes.ts';
import { onsiteRoutes } from './onsite.routes.ts';
import { cadreLedger } from './cadre-ledger.repo.ts';
import { ledgerFilenames, ledgerWorkbook } from './cadre-ledger.view.ts';

const IssueRef = Type.Object({ id: Type.Integer(), trackingCode: Type.String() });

export const activityRoutes: FastifyPluginAsync<{ config: Config }> = async (app0, opts) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  await app.register(researchRoutes);
  await app.register(questionnaireRoutes);
  await app.register(photoRoutes, { config: opts.config });
  await app.register(onsiteRoutes);

  const load = async (actor: Parameters<typeof repo.findActivityInScope>[1], id: number) => {
    const row = await repo.findActivityInScope(db, actor, id);
    if (!row) throw notFound(ACTIVITY);
    return row;
  };
  const show = async (actor: Parameters<typeof repo.findActivityInScope>[1], id: number) => (await renderActivities(db, actor, [await load(actor, id)]))[0]!;

  app.get('/activities', {
    schema: { tags: ['activities'], summary: '下基层活动列表（宣讲、调研、接访、现场办公）', querystring: ActivityListQuery, response: { 200: ActivityList, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    const { rows, total } = await repo.listActivities(db, req.actor, req.query);
    return { items: await renderActivities(db, req.actor, rows), total };
  });

  app.post('/activities', {
    schema: {
      tags: ['activities'], summary: '记录下基层活动', description: '可带 `Idempotency-Key`：同一 Key 重发（如手机离线后补传）只记录一次，返回第一次的结果。',
      headers: IdempotencyHeaders, body: CreateActivityBody, response: { 201: ActivityOut, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    if (!recordsActivities(req.actor)) throw new AppError(403, 'forbidden');
    const now = new Date().toISOString();
    const r = await idempotentCreate(app, req, 'POST /activities', req.body, (trx) => createActivity(trx, req.actor, req.body, now));
    if (r.replayed) void reply.header('idempotency-replayed', 'true');
    return reply.status(201).send(await show(req.actor, r.id));
  });

  app.get('/activities/:id', {
    schema: { tags: ['activities'], summary: '活动详情', params: IdParams, response: { 200: ActivityOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => show(req.actor, req.params.id));

  app.patch('/activities/:id', {
    schema: { tags: ['activities'], summary: '修改活动（含开展、取消）', params: IdParams, body: UpdateActivityBody, response: { 200: ActivityOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    const now = new Date().toISOString();
    await app.tx((trx) => updateActivity(trx, req.actor, req.params.id, req.body, now));
    return show(req.actor, req.params.id);
  });

  app.get('/activities/:id/issues', {
    schema: { tags: ['activities'], summary: '活动中登记的问题及其办理状态', params: IdParams, response: { 200: ActivityIssueList, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    await load(req.actor, req.params.id);
    const items = await repo.issuesOfActivity(db, req.actor, req.params.id);
    const closed = items.filter((i) => i.statusType !== 'open');
    return { items, resolvedShare: closed.length === 0 ? null : closed.filter((i) => i.statusType === 'resolved').length / items.length };
  });

  app.post('/activities/:id/issues', {
    schema: {
      tags: ['activities'], summary: '登记在活动中听到的问题',
      description: '渠道取活动的类型（宣讲、调研、下访接访、现场办公），所在地和收到时间默认取活动的；问题的来源活动即此活动。可带 `Idempotency-Key`。',
      params: IdParams, headers: IdempotencyHeaders, body: ActivityIssueBody, response: { 201: IssueRef, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const ctx = await deadlineContext(db, req.actor.tenantId);
    const key = idempotencyKeyOf(req);
    const r = await registerActivityIssue(app.tx, db, ctx, req.actor, req.params.id, req.body, { now: new Date().toISOString(), ...(key ? { idempotencyKey: key } : {}) });
    if (r.replayed) void reply.header('idempotency-replayed', 'true');
    return reply.status(201).send({ id: r.id, trackingCode: await repo.trackingCodeOf(db, r.id) });
  });

  app.get('/activities/:id/feedback', {
    schema: { tags: ['activities'], summary: '宣讲的群众评价（三项评分、问题）', params: IdParams, response: { 200: FeedbackSummaryOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => renderFeedback(db, req.actor, await load(req.actor, req.params.id)));

  app.post('/activities/:id/feedback/:feedbackId/issue', {
    schema: {
      tags: ['activities'], summary: '把群众在评价中提的问题登记为问题', params: FeedbackParams, body: FeedbackIssueBody,
      response: { 201: IssueRef, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const ctx = await deadlineContext(db, req.actor.tenantId);
    const r = await feedbackToIssue(app.tx, db, ctx, req.actor, req.params.id, req.params.feedbackId, req.body, new Date().toISOString());
    return reply.status(201).send({ id: r.id, trackingCode: await repo.trackingCodeOf(db, r.id) });
  });

  app.post('/activities/:id/feedback/:feedbackId/reveal', {
    schema: {
      tags: ['activities'], summary: '查看评价人留下的电话（留痕）', params: FeedbackParams,
      response: { 200: Type.Object({ phone: Type.String() }), ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const row = await load(req.actor, req.params.id);
    if (!canRevealPersonal(req.actor, row.unitPath)) throw new AppError(403, 'forbidden');
    const f = await repo.findFeedback(db, row.id, req.params.feedbackId);
    if (!f?.phone) throw notFound({ zh: '评价人电话', en: 'Feedback phone' });
    await writeAudit(db, { tenantId: row.tenantId, actorId: req.actor.userId, action: 'feedback.reveal', entityType: 'feedback', entityId: f.id, at: new Date().toISOString(), ip: req.ip, data: { activityId: row.id } });
    void reply.header('cache-control', 'no-store');
    return { phone: f.phone };
  });

  app.get('/activities/:id/qr.svg', {
    schema: {
      tags: ['activities'], summary: '宣讲评价链接的二维码（SVG）', params: IdParams,
      response: { 200: Type.String({ description: 'image/svg+xml' }), ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const row = await load(req.actor, req.params.id);
    if (!row.feedbackToken) throw new AppError(422, 'activity_not_outreach');
    const url = `${req.protocol}://${req.host}/f/${row.feedbackToken}`;
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.type('image/svg+xml').send(svg);
  });

  app.get('/cadre-ledger', {
    schema: {
      tags: ['activities'], summary: '四下基层台账：按干部、按单位（含下级）统计活动、走到的村（社区）、听到的问题及其解决和满意情况；未走到的村（社区）',
      querystring: CadreLedgerQuery, response: { 200: CadreLedgerOut, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req) => {
    if (req.query.from > req.query.to) throw new AppError(422, 'activity_span');
    return cadreLedger(db, req.actor, req.query);
  });

  app.get('/cadre-ledger/export', {
    schema: {
      tags: ['activities'], summary: '导出四下基层台账（.xlsx；本身记入审计日志）', querystring: CadreLedgerQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '四下基层台账-单位-起止日期.xlsx' }), ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    if (req.query.from > req.query.to) throw new AppError(422, 'activity_span');
    const l = await cadreLedger(db, req.actor, req.query);
    const now = new Date().toISOString();
    const xlsx = await ledgerWorkbook(l, now, req.actor.displayName);
    await writeAudit(db, { tenantId: req.actor.tenantId, actorId: req.actor.userId, action: 'cadre_ledger.export', entityType: 'cadre_ledger', entityId: String(l.unit.id), at: now, ip: req.ip, data: { from: l.from, to: l.to } });
    const name = ledgerFilenames(l);
    return sendXlsx(reply, xlsx, name);
  });

  app.get('/activity-cadres', {
    schema: { tags: ['activities'], summary: '可选为参加干部的人员', response: { 200: CadreList, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => ({ items: await repo.listCadres(db, req.actor.tenantId) }));

  app.get('/cases', {
    schema: { tags: ['activities'], summary: '案例库（按标题、内容、标签中的任意文字检索）', querystring: CaseListQuery, response: { 200: CaseList, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    const { rows, total } = await repo.searchCases(db, req.actor.tenantId, req.query);
    return { items: await renderCases(db, rows), total };
  });

  app.get('/cases/draft', {
    schema: {
      tags: ['activities'], summary: '从已办结问题生成案例草稿（去除当事人信息）',
      querystring: Type.Object({ issueId: Id }, { additionalProperties: false }), response: { 200: CaseDraftOut, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req) => draftCaseFromIssue(db, req.actor, req.query.issueId));

  app.post('/cases', {
    schema: { tags: ['activities'], summary: '新增案例', body: CaseBody, response: { 201: CaseOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const id = await app.tx((trx) => createCase(trx, req.actor, req.body, new Date().toISOString()));
    const row = await repo.findCase(db, req.actor.tenantId, id);
    return reply.status(201).send((await renderCases(db, [row!]))[0]!);
  });

  app.get('/cases/:id', {
    schema: { tags: ['activities'], summary: '案例详情（含使用过的宣讲）', params: IdParams, response: { 200: CaseOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    const row = await repo.findCase(db, req.actor.tenantId, req.params.id);
    if (!row) throw notFound(CASE);
    return (await renderCases(db, [row]))[0]!;
  });

  app.put('/cases/:id', {
    schema: { tags: ['activities'], summary: '修改案例', params: IdParams, body: CaseBody, response: { 200: CaseOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    await app.tx((trx) => updateCaseCommand(trx, req.actor, req.params.id, req.body, new Date().toISOString()));
    const row = await repo.findCase(db, req.actor.tenantId, req.params.id);
    return (await renderCases(db, [row!]))[0]!;
  });
};
