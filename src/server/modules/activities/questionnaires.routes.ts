/** /activities/{id}/questionnaires, /questionnaires/{id}…: questionnaires' HTTP surface (issue 16). */
import type { FastifyPluginAsync } from 'fastify';
import { sendXlsx } from '../../lib/xlsx-reply.ts';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { IdParams, IdempotencyHeaders, errorResponses } from '../../../shared/api/common.ts';
import { idempotentCreate } from '../idempotency/index.ts';
import {
  QuestionnaireBody, QuestionnaireList, QuestionnaireOut, QuestionnairePut, QuestionnaireStatusBody, ResponseBody, ResponseOut, ResultsOut, ResultsQuery,
  type QuestionnaireView,
} from '../../../shared/api/questionnaires.ts';
import type { QuestionnaireStatus } from '../../../shared/questionnaire.ts';
import type { Actor } from '../../actor.ts';
import { writeAudit } from '../audit/index.ts';
import { canRecordAt } from './activities.policy.ts';
import { createQuestionnaire, questionnaireInScope, recordResponse, setQuestionnaireStatus, updateQuestionnaire } from './commands/questionnaires.ts';
import { answersWorkbook, exportFilenames, resultsOf } from './questionnaires.view.ts';
import * as repo from './activities.repo.ts';
import * as qrepo from './questionnaires.repo.ts';
import { ACTIVITY } from './commands/activities.ts';
import { notFound } from '../../plugins/errors.ts';

type Db = Parameters<typeof qrepo.questionsOf>[0];

/** The questionnaires as the API shows them (with their questions, how many answered each, and the responses). */
async function render(db: Db, actor: Actor, trip: repo.ActivityRow, rows: readonly qrepo.QuestionnaireRow[]): Promise<QuestionnaireView[]> {
  const counts = await qrepo.responseCounts(db, rows.map((r) => r.id));
  const canEdit = canRecordAt(actor, trip.unitPath) && trip.status !== 'cancelled';
  return Promise.all(rows.map(async (r) => {
    const answered = await qrepo.answeredCounts(db, r.id);
    const c = counts.get(r.id) ?? { public: 0, cadre: 0 };
    return {
      id: r.id, activity: { id: trip.id, title: trip.title }, title: r.title, intro: r.intro, status: r.status as QuestionnaireStatus, publicPath: `/q/${r.token}`,
      responseCount: c.public + c.cadre, questions: (await qrepo.questionsOf(db, r.id)).map((q) => ({ ...q, answered: answered.get(q.id) ?? 0 })),
      canEdit, version: r.version, createdAt: r.createdAt, updatedAt: r.updatedAt,
    };
  }));
}

export const questionnaireRoutes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const one = async (actor: Actor, id: number) => {
    const { qn, trip } = await questionnaireInScope(db, actor, id);
    return (await render(db, actor, trip, [qn]))[0]!;
  };

  app.get('/activities/:id/questionnaires', {
    schema: { tags: ['activities'], summary: '调研的问卷', params: IdParams, response: { 200: QuestionnaireList, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    const trip = await repo.findActivityInScope(db, req.actor, req.params.id);
    if (!trip) throw notFound(ACTIVITY);
    return { items: await render(db, req.actor, trip, await qrepo.questionnairesOf(db, trip.id)) };
  });

  app.post('/activities/:id/questionnaires', {
    schema: {
      tags: ['activities'], summary: '新建问卷（单选、多选、填空、打分、数字题）；可带 `Idempotency-Key`', params: IdParams, headers: IdempotencyHeaders,
      body: QuestionnaireBody, response: { 201: QuestionnaireOut, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const { id, replayed } = await idempotentCreate(app, req, `POST /activities/${req.params.id}/questionnaires`, req.body,
      (trx) => createQuestionnaire(trx, req.actor, req.params.id, req.body, new Date().toISOString()));
    if (replayed) void reply.header('idempotency-replayed', 'true');
    return reply.status(201).send(await one(req.actor, id));
  });

  app.get('/questionnaires/:id', {
    schema: { tags: ['activities'], summary: '问卷及其题目', params: IdParams, response: { 200: QuestionnaireOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => one(req.actor, req.params.id));

  app.put('/questionnaires/:id', {
    schema: {
      tags: ['activities'], summary: '修改问卷（已有回答的题目只能停用、移动、改说明或加选项）', params: IdParams, body: QuestionnairePut,
      response: { 200: QuestionnaireOut, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req) => {
    await app.tx((trx) => updateQuestionnaire(trx, req.actor, req.params.id, req.body, new Date().toISOString()));
    return one(req.actor, req.params.id);
  });

  app.post('/questionnaires/:id/status', {
    schema: { tags: ['activities'], summary: '开放或结束问卷', params: IdParams, body: QuestionnaireStatusBody, response: { 200: QuestionnaireOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    await app.tx((trx) => setQuestionnaireStatus(trx, req.actor, req.params.id, req.body.status, new Date().toISOString()));
    return one(req.actor, req.params.id);
  });

  app.post('/questionnaires/:id/responses', {
    schema: {
      tags: ['activities'], summary: '干部录入一份答卷（可关联走访）；可带 `Idempotency-Key`（离线补传只记一份）', params: IdParams, headers: IdempotencyHeaders,
      body: ResponseBody, response: { 201: ResponseOut, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const { id: rid, replayed } = await idempotentCreate(app, req, `POST /questionnaires/${req.params.id}/responses`, req.body,
      (trx) => recordResponse(trx, req.actor, req.params.id, req.body, new Date().toISOString()));
    if (replayed) void reply.header('idempotency-replayed', 'true');
    const c = (await qrepo.responseCounts(db, [req.params.id])).get(req.params.id)!;
    return reply.status(201).send({ id: rid, responseCount: c.public + c.cadre });
  });

  app.get('/questionnaires/:id/results', {
    schema: { tags: ['activities'], summary: '问卷结果：选项计数和占比、打分均值和分布、文字回答（可检索）', params: IdParams, querystring: ResultsQuery, response: { 200: ResultsOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    const { qn } = await questionnaireInScope(db, req.actor, req.params.id);
    const q = req.query.q?.trim();
    return resultsOf(await qrepo.questionsOf(db, qn.id), await qrepo.answersOf(db, qn.id), (await qrepo.responseCounts(db, [qn.id])).get(qn.id)!,
      q ? await qrepo.searchTextAnswers(db, qn.id, q) : undefined);
  });

  app.get('/questionnaires/:id/export', {
    schema: {
      tags: ['activities'], summary: '导出答卷（.xlsx，每份答卷一行；本身记入审计日志）', params: IdParams,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '问卷-标题-YYYY-MM-DD.xlsx' }), ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const { qn } = await questionnaireInScope(db, req.actor, req.params.id);
    const now = new Date().toISOString();
    const responses = await qrepo.responsesOf(db, qn.id);
    const xlsx = await answersWorkbook(qn.title, await qrepo.questionsOf(db, qn.id), responses, await qrepo.answersOf(db, qn.id), now);
    await writeAudit(db, { tenantId: qn.tenantId, actorId: req.actor.userId, action: 'questionnaire.export', entityType: 'questionnaire', entityId: qn.id, at: now, ip: req.ip, data: { rows: responses.length } });
    const name = exportFilenames(qn.title, now);
    return sendXlsx(reply, xlsx, name, { 'x-export-rows': String(responses.length) });
  });

  app.get('/questionnaires/:id/qr.svg', {
    schema: { tags: ['activities'], summary: '问卷公开链接的二维码（SVG）', params: IdParams, response: { 200: Type.String({ description: 'image/svg+xml' }), ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const { qn } = await questionnaireInScope(db, req.actor, req.params.id);
    const svg = await QRCode.toString(`${req.protocol}://${req.host}/q/${qn.token}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.type('image/svg+xml').send(svg);
  });
};
