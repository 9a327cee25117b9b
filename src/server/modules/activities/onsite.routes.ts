/**
 * /activities/{id}/onsite, /activities/{id}/agenda…, /onsite-tasks: on-site office sessions' HTTP surface (现场办公,
 * issue 17). Thin: schema → auth → command (in a transaction) → view.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, IdParams } from '../../../shared/api/common.ts';
import {
  AgendaAddBody, AgendaItemOut, AgendaItemParams, FollowupBody, LeaveBody, OnsiteOut, OnsiteTasksOut, OnsiteUnitsBody, SignBody, SolveBody,
  type AgendaItem, type Onsite, type OnsiteTasks,
} from '../../../shared/api/onsite.ts';
import type { FollowupState, OnsiteOutcome } from '../../../shared/enums.ts';
import type { Actor } from '../../actor.ts';
import { notFound } from '../../plugins/errors.ts';
import { deadlineContext } from '../deadlines/index.ts';
import { canRecordAt } from './activities.policy.ts';
import { addAgendaItem, followUp, leaveItem, onsiteSession, removeAgendaItem, setOnsiteUnits, signOff, solveOnSpot } from './commands/onsite.ts';
import * as repo from './onsite.repo.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

/** Where a follow-up stands now: met by its deadline, met late, overdue, or running. */
export function followupState(dueAt: string, metAt: string | null, now: string): FollowupState {
  if (metAt) return metAt <= dueAt ? 'met' : 'late';
  return now > dueAt ? 'overdue' : 'running';
}

type Row = Pick<repo.ItemRow, 'followupUnitId' | 'followupUnitName' | 'followupDueAt' | 'clockMetAt'>;
const followupOf = (r: Row, now: string) => (r.followupUnitId && r.followupDueAt ? {
  unit: { id: r.followupUnitId, name: r.followupUnitName ?? '' }, dueAt: r.followupDueAt, state: followupState(r.followupDueAt, r.clockMetAt, now), doneAt: r.clockMetAt,
} : null);

/** Agenda items as the API shows them. */
export async function renderItems(db: Kysely<DB>, rows: repo.ItemRow[]): Promise<AgendaItem[]> {
  const now = new Date().toISOString();
  const signoffs = await repo.signoffsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, issue: repo.briefOf(r), outcome: r.outcome as OnsiteOutcome, note: r.note,
    signoffs: signoffs.filter((x) => x.itemId === r.id).map((x) => ({ unit: { id: x.unitId, name: x.unitName }, signedAt: x.signedAt, signerName: x.signerName, inApp: x.inApp === 1 })),
    followup: followupOf(r, now),
    decidedBy: r.decidedBy ? { id: r.decidedBy, name: r.decidedByName ?? '' } : null, decidedAt: r.decidedAt, completedAt: r.completedAt,
  }));
}

export const onsiteRoutes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  const show = async (actor: Actor, id: number): Promise<Onsite> => {
    const s = await onsiteSession(db, actor, id, { edit: false });
    return {
      activityId: s.id,
      units: (await repo.unitsOf(db, s.id)).map((u) => ({ id: u.id, name: u.name })),
      items: await renderItems(db, await repo.itemsOf(db, s.id)),
      canEdit: canRecordAt(actor, s.unitPath) && s.status !== 'cancelled',
    };
  };
  const item = async (id: number, itemId: number): Promise<AgendaItem> => {
    const row = await repo.findItem(db, id, itemId);
    if (!row) throw notFound({ zh: '议题', en: 'Agenda item' });
    return (await renderItems(db, [row]))[0]!;
  };
  const ctxOf = (actor: Actor) => deadlineContext(db, actor.tenantId);

  app.get('/activities/:id/onsite', {
    schema: { tags: ['activities'], summary: '现场办公：参加单位与议题', params: IdParams, response: { 200: OnsiteOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => show(req.actor, req.params.id));

  app.put('/activities/:id/onsite/units', {
    schema: { tags: ['activities'], summary: '现场办公：设定参加单位（部门、乡镇）', params: IdParams, body: OnsiteUnitsBody, response: { 200: OnsiteOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    await app.tx((trx) => setOnsiteUnits(trx, req.actor, req.params.id, req.body.unitIds, new Date().toISOString()));
    return show(req.actor, req.params.id);
  });

  app.post('/activities/:id/agenda', {
    schema: {
      tags: ['activities'], summary: '现场办公：把台账中的问题列入议题', description: '问题须在您的管辖范围内，且在本次现场办公地点的辖区内。',
      params: IdParams, body: AgendaAddBody, response: { 201: AgendaItemOut, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    const itemId = await app.tx((trx) => addAgendaItem(trx, req.actor, req.params.id, req.body.issueId, new Date().toISOString()));
    return reply.status(201).send(await item(req.params.id, itemId));
  });

  app.delete('/activities/:id/agenda/:itemId', {
    schema: { tags: ['activities'], summary: '现场办公：移出未议的议题', params: AgendaItemParams, response: { 204: Type.Null(), ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    await app.tx((trx) => removeAgendaItem(trx, req.actor, req.params.id, req.params.itemId, new Date().toISOString()));
    return reply.status(204).send(null);
  });

  app.post('/activities/:id/agenda/:itemId/solve', {
    schema: {
      tags: ['activities'], summary: '现场办公：议题现场解决，列明解决单位（须在场），待各单位签字',
      params: AgendaItemParams, body: SolveBody,
      response: { 200: AgendaItemOut, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req) => {
    await app.tx((trx) => solveOnSpot(trx, req.actor, req.params.id, req.params.itemId, req.body, new Date().toISOString()));
    return item(req.params.id, req.params.itemId);
  });

  app.post('/activities/:id/agenda/:itemId/sign', {
    schema: {
      tags: ['activities'], summary: '现场办公：解决单位签字确认',
      description: '该单位的工作人员在系统中确认，或本次现场办公的记录人代为记录签字人（须写 `signerName`）。全部单位签字后，问题按办理流程答复，答复注明本次现场办公。',
      params: AgendaItemParams, body: SignBody, response: { 200: AgendaItemOut, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req) => {
    const now = new Date().toISOString();
    const ctx = await ctxOf(req.actor);
    await app.tx((trx) => signOff(trx, ctx, req.actor, req.params.id, req.params.itemId, req.body, now));
    return item(req.params.id, req.params.itemId);
  });

  app.post('/activities/:id/agenda/:itemId/followup', {
    schema: {
      tags: ['activities'], summary: '现场办公：交办跟进（责任单位、期限）', description: '问题交办给该单位，办理期限设为跟进期限（不得晚于法定期限）。',
      params: AgendaItemParams, body: FollowupBody, response: { 200: AgendaItemOut, ...errorResponses },
    },
    onRequest: app.authenticate,
  }, async (req) => {
    const now = new Date().toISOString();
    const ctx = await ctxOf(req.actor);
    await app.tx((trx) => followUp(trx, ctx, req.actor, req.params.id, req.params.itemId, req.body, now));
    return item(req.params.id, req.params.itemId);
  });

  app.post('/activities/:id/agenda/:itemId/leave', {
    schema: { tags: ['activities'], summary: '现场办公：议题暂缓', params: AgendaItemParams, body: LeaveBody, response: { 200: AgendaItemOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req) => {
    await app.tx((trx) => leaveItem(trx, req.actor, req.params.id, req.params.itemId, req.body.reason ?? '', new Date().toISOString()));
    return item(req.params.id, req.params.itemId);
  });

  app.get('/onsite-tasks', {
    schema: { tags: ['activities'], summary: '本单位的现场办公事项：待签字、交办跟进', response: { 200: OnsiteTasksOut, ...errorResponses } },
    onRequest: app.authenticate,
  }, async (req): Promise<OnsiteTasks> => {
    const now = new Date().toISOString();
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const session = (r: { sessionId: number; sessionTitle: string; sessionStartsAt: string; sessionUnitName: string }) => ({ id: r.sessionId, title: r.sessionTitle, startsAt: r.sessionStartsAt, orgUnitName: r.sessionUnitName });
    const toSign = (await repo.signoffsAwaited(db, req.actor)).map((r) => ({ session: session(r), itemId: r.id, issue: repo.briefOf(r), unit: { id: r.signUnitId, name: r.signUnitName }, solution: r.note }));
    const followups = (await repo.followupsOfUnits(db, req.actor, since)).map((r) => ({ session: session(r), itemId: r.id, issue: repo.briefOf(r), task: r.note, followup: followupOf(r, now)! }));
    return { toSign, followups };
  });
};
