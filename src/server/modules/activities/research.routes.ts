/** /activities/{id}/visits, /activities/{id}/findings, /ideas: field research's HTTP surface (issue 16). */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError, notFound } from '../../plugins/errors.ts';
import { IdParams, IdempotencyHeaders, errorResponses } from '../../../shared/api/common.ts';
import { idempotentCreate } from '../idempotency/index.ts';
import {
  FeedbackIssueBody, FindingBody, FindingList, FindingOut, FindingParams, IdeaBody, IdeaList, IdeaListQuery, IdeaOut, IdeaPatch, VisitBody, VisitList, VisitOut,
  VisitParams, type Idea, type Visit,
} from '../../../shared/api/activities.ts';
import type { IdeaSource, VisitKind } from '../../../shared/enums.ts';
import { writeAudit } from '../audit/index.ts';
import { deadlineContext } from '../deadlines/index.ts';
import { canRevealPersonal } from './activities.policy.ts';
import { maskName, maskPhone } from '../ledger/index.ts';
import { ACTIVITY } from './commands/activities.ts';
import { IDEA, adoptIdea, findingToIssue, recordFinding, recordIdea, recordVisit } from './commands/research.ts';
import * as repo from './activities.repo.ts';
import * as research from './research.repo.ts';

const IssueRef = Type.Object({ id: Type.Integer(), trackingCode: Type.String() });

type VisitRow = Awaited<ReturnType<typeof research.visitsOf>>[number];
const visitOut = (v: VisitRow): Visit => ({
  ...v, kind: v.kind as VisitKind, metName: v.metName ? maskName(v.metName) : null, metPhone: v.metPhone ? maskPhone(v.metPhone) : null, masked: !!(v.metName || v.metPhone),
});
type IdeaRow = NonNullable<Awaited<ReturnType<typeof research.findIdea>>>;
const ideaOut = (i: IdeaRow): Idea => ({
  id: i.id, text: i.text, source: i.source as IdeaSource, sourceName: i.sourceName ? (i.source === 'resident' ? maskName(i.sourceName) : i.sourceName) : null,
  activity: i.activityId && i.activityTitle ? { id: i.activityId, title: i.activityTitle } : null, adopted: i.adopted === 1, adoptedNote: i.adoptedNote,
  createdAt: i.createdAt, updatedAt: i.updatedAt,
});

export const researchRoutes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const load = async (actor: Parameters<typeof repo.findActivityInScope>[1], id: number) => {
    const row = await repo.findActivityInScope(db, actor, id);
    if (!row) throw notFound(ACTIVITY);
    return row;
  };

  app.get('/activities/:id/visits', {
    schema: { tags: ['activities'], summary: '调研的走访记录', params: IdParams, response: { 200: VisitList, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    await load(req.actor, req.params.id);
    return { items: (await research.visitsOf(db, req.params.id)).map(visitOut) };
  });

  app.post('/activities/:id/visits', {
    schema: { tags: ['activities'], summary: '记录一次走访（农户、企业、田间、街巷…）；可带 `Idempotency-Key`', params: IdParams, headers: IdempotencyHeaders, body: VisitBody, response: { 201: VisitOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const { id, replayed } = await idempotentCreate(app, req, `POST /activities/${req.params.id}/visits`, req.body, (trx) => recordVisit(trx, req.actor, req.params.id, req.body, new Date().toISOString()));
    if (replayed) void reply.header('idempotency-replayed', 'true');
    return reply.status(201).send(visitOut((await research.visitsOf(db, req.params.id)).find((v) => v.id === id)!));
  });

  app.post('/activities/:id/visits/:visitId/reveal', {
    schema: {
      tags: ['activities'], summary: '查看走访对象的姓名和电话（留痕）', params: VisitParams,
      response: { 200: Type.Object({ metName: Type.Union([Type.String(), Type.Null()]), metPhone: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const row = await load(req.actor, req.params.id);
    if (!canRevealPersonal(req.actor, row.unitPath)) throw new AppError(403, 'forbidden');
    const v = await research.findVisit(db, row.id, req.params.visitId);
    if (!v) throw notFound({ zh: '走访记录', en: 'Visit' });
    await writeAudit(db, { tenantId: row.tenantId, actorId: req.actor.userId, action: 'visit.reveal', entityType: 'visit', entityId: v.id, at: new Date().toISOString(), ip: req.ip, data: { activityId: row.id } });
    void reply.header('cache-control', 'no-store');
    return { metName: v.metName, metPhone: v.metPhone };
  });

  app.get('/activities/:id/findings', {
    schema: { tags: ['activities'], summary: '调研发现及其登记的问题', params: IdParams, response: { 200: FindingList, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    await load(req.actor, req.params.id);
    return { items: await research.findingsOf(db, req.params.id) };
  });

  app.post('/activities/:id/findings', {
    schema: { tags: ['activities'], summary: '记录调研发现；可带 `Idempotency-Key`', params: IdParams, headers: IdempotencyHeaders, body: FindingBody, response: { 201: FindingOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const { id, replayed } = await idempotentCreate(app, req, `POST /activities/${req.params.id}/findings`, req.body, (trx) => recordFinding(trx, req.actor, req.params.id, req.body, new Date().toISOString()));
    if (replayed) void reply.header('idempotency-replayed', 'true');
    return reply.status(201).send((await research.findingsOf(db, req.params.id)).find((f) => f.id === id)!);
  });

  app.post('/activities/:id/findings/:findingId/issue', {
    schema: {
      tags: ['activities'], summary: '把调研发现登记为问题（分类解决）', params: FindingParams, body: FeedbackIssueBody,
      response: { 201: IssueRef, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const ctx = await deadlineContext(db, req.actor.tenantId);
    const r = await findingToIssue(app.tx, db, ctx, req.actor, req.params.id, req.params.findingId, req.body, new Date().toISOString());
    return reply.status(201).send({ id: r.id, trackingCode: await repo.trackingCodeOf(db, r.id) });
  });

  app.get('/ideas', {
    schema: { tags: ['activities'], summary: '问计于民：群众和干部的建议库（可检索）', querystring: IdeaListQuery, response: { 200: IdeaList, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    const { rows, total } = await research.searchIdeas(db, req.actor.tenantId, req.query);
    return { items: rows.map(ideaOut), total };
  });

  app.post('/ideas', {
    schema: { tags: ['activities'], summary: '记录一条建议；可带 `Idempotency-Key`', headers: IdempotencyHeaders, body: IdeaBody, response: { 201: IdeaOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const { id, replayed } = await idempotentCreate(app, req, 'POST /ideas', req.body, (trx) => recordIdea(trx, req.actor, req.body, new Date().toISOString()));
    if (replayed) void reply.header('idempotency-replayed', 'true');
    return reply.status(201).send(ideaOut((await research.findIdea(db, req.actor.tenantId, id))!));
  });

  app.patch('/ideas/:id', {
    schema: { tags: ['activities'], summary: '标记建议是否采纳', params: IdParams, body: IdeaPatch, response: { 200: IdeaOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    await app.tx((trx) => adoptIdea(trx, req.actor, req.params.id, req.body.adopted, req.body.adoptedNote ?? null, new Date().toISOString()));
    const row = await research.findIdea(db, req.actor.tenantId, req.params.id);
    if (!row) throw notFound(IDEA);
    return ideaOut(row);
  });
};
