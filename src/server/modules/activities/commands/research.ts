/**
 * Commands of field research (调研): record a visit of a trip (who was met is personal data, stored as given and
 * masked when shown), record what was found, register a finding as an issue (channel 调研, pre-filled from the trip and
 * the visit, categorised for 分类解决, once), and keep the suggestions heard (问计于民) with their source, adopted or not.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Transactor } from '../../../db/transaction.ts';
import type { Actor } from '../../../actor.ts';
import { AppError, notFound } from '../../../plugins/errors.ts';
import { writeAudit } from '../../audit/index.ts';
import type { DeadlineContext } from '../../deadlines/index.ts';
import type { Registered } from '../../ledger/index.ts';
import type { FindingInput, IdeaInput, VisitInput } from '../../../../shared/api/activities.ts';
import type { IssueKind } from '../../../../shared/enums.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { canRecordAt, recordsActivities } from '../activities.policy.ts';
import * as repo from '../activities.repo.ts';
import * as research from '../research.repo.ts';
import { ACTIVITY, registerActivityIssue } from './activities.ts';

type Db = Kysely<DB>;
const VISIT = { zh: '走访记录', en: 'Visit' };
const FINDING = { zh: '调研发现', en: 'Finding' };
export const IDEA = { zh: '群众建议', en: 'Suggestion' };

/** The research trip, if the actor may record on it. */
async function tripFor(db: Db, actor: Actor, id: number) {
  const row = await repo.findActivityInScope(db, actor, id);
  if (!row) throw notFound(ACTIVITY);
  if (!canRecordAt(actor, row.unitPath)) throw new AppError(403, 'forbidden');
  if (row.kind !== 'research') throw new AppError(422, 'activity_not_research');
  if (row.status === 'cancelled') throw new AppError(422, 'activity_cancelled');
  return row;
}

/** Record a visit of a trip; returns its id. */
export async function recordVisit(db: Db, actor: Actor, activityId: number, input: VisitInput, now: string): Promise<number> {
  const trip = await tripFor(db, actor, activityId);
  if (input.orgUnitId) {
    const unit = await repo.unitOf(db, actor.tenantId, input.orgUnitId);
    if (!unit) throw new AppError(422, 'unknown_reference', { field: '所在地', field_en: 'place', id: input.orgUnitId });
    if (!canRecordAt(actor, unit.path)) throw new AppError(403, 'activity_place_out_of_scope', { name: unit.name });
  }
  const id = await research.insertVisit(db, {
    tenantId: actor.tenantId, activityId, kind: input.kind, visitedAt: input.visitedAt ? new Date(input.visitedAt).toISOString() : (now < trip.endsAt ? now : trip.startsAt),
    orgUnitId: input.orgUnitId ?? null, placeText: input.placeText?.trim() || null, metName: input.metName?.trim() || null,
    metPhone: input.metPhone?.replace(/[\s\-()]/g, '') || null, seen: input.seen ?? '', createdBy: actor.userId, createdAt: now,
  });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'visit.create', entityType: 'visit', entityId: id, at: now, ip: actor.ip, data: { activityId, kind: input.kind } });
  return id;
}

/** Record a finding of a trip (on one of its visits, or the trip as a whole); returns its id. */
export async function recordFinding(db: Db, actor: Actor, activityId: number, input: FindingInput, now: string): Promise<number> {
  await tripFor(db, actor, activityId);
  if (input.visitId && !(await research.findVisit(db, activityId, input.visitId))) throw notFound(VISIT);
  if (input.categoryId && !(await research.categoryExists(db, actor.tenantId, input.categoryId))) {
    throw new AppError(422, 'unknown_reference', { field: '问题分类', field_en: 'category', id: input.categoryId });
  }
  const id = await research.insertFinding(db, {
    tenantId: actor.tenantId, activityId, visitId: input.visitId ?? null, text: input.text.trim(), categoryId: input.categoryId ?? null, createdBy: actor.userId, createdAt: now,
  });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'finding.create', entityType: 'finding', entityId: id, at: now, ip: actor.ip, data: { activityId } });
  return id;
}

/** Register a finding as an issue heard on the trip — its text, category, the visit's place and time — once. */
export async function findingToIssue(
  tx: Transactor, db: Db, ctx: DeadlineContext, actor: Actor, activityId: number, findingId: number,
  input: { title?: string; kind?: IssueKind; orgUnitId?: number; categoryId?: number | null }, now: string,
): Promise<Registered> {
  await tripFor(db, actor, activityId);
  const f = await research.findFinding(db, activityId, findingId);
  if (!f) throw notFound(FINDING);
  if (f.issueId) {
    throw new AppError(409, 'finding_already_issue', { code: await repo.trackingCodeOf(db, f.issueId) });
  }
  const visit = f.visitId ? await research.findVisit(db, activityId, f.visitId) : undefined;
  const title = input.title ?? [...f.text.replace(/\s+/g, ' ')].slice(0, 30).join('');
  let registered: Registered | undefined;
  await tx(async (trx) => {
    const within: Transactor = (fn) => fn(trx);
    registered = await registerActivityIssue(within, trx, ctx, actor, activityId, {
      title: [...title].slice(0, LIMITS.titleMax).join(''), body: f.text, kind: input.kind ?? 'help',
      categoryId: input.categoryId !== undefined ? input.categoryId : f.categoryId,
      ...(input.orgUnitId ?? visit?.orgUnitId ? { orgUnitId: (input.orgUnitId ?? visit?.orgUnitId)! } : {}),
      ...(visit ? { receivedAt: visit.visitedAt, ...(visit.placeText ? { address: visit.placeText } : {}) } : {}),
      ...(visit?.metName || visit?.metPhone ? { petitioner: { ...(visit.metName ? { name: visit.metName } : {}), ...(visit.metPhone ? { phone: visit.metPhone } : {}) } } : { anonymous: true }),
    }, { now });
    if (!(await research.markFindingIssue(trx, f.id, registered.id))) throw new AppError(409, 'finding_already_issue', { code: `#${registered.id}` });
  });
  return registered!;
}

/** Keep a suggestion heard; returns its id. */
export async function recordIdea(db: Db, actor: Actor, input: IdeaInput, now: string): Promise<number> {
  if (!recordsActivities(actor)) throw new AppError(403, 'forbidden');
  if (input.activityId) {
    const row = await repo.findActivityInScope(db, actor, input.activityId);
    if (!row) throw notFound(ACTIVITY);
  }
  const id = await research.insertIdea(db, {
    tenantId: actor.tenantId, activityId: input.activityId ?? null, text: input.text.trim(), source: input.source, sourceName: input.sourceName?.trim() || null, createdBy: actor.userId, now,
  });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'idea.create', entityType: 'idea', entityId: id, at: now, ip: actor.ip, data: { activityId: input.activityId ?? null } });
  return id;
}

/** Mark a suggestion adopted (or not), with how. */
export async function adoptIdea(db: Db, actor: Actor, id: number, adopted: boolean, note: string | null, now: string): Promise<void> {
  if (!recordsActivities(actor)) throw new AppError(403, 'forbidden');
  if (!(await research.setIdeaAdopted(db, actor.tenantId, id, adopted, note?.trim() || null, now))) throw notFound(IDEA);
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'idea.update', entityType: 'idea', entityId: id, at: now, ip: actor.ip, data: { adopted } });
}
