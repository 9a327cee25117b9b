/**
 * Commands on activities: record one, change it, register an issue heard there. Each runs in the caller's transaction
 * and writes its audit entry; the issue goes through the ledger's one intake command (`registerIssue`), pre-filled
 * with the activity's place, time and channel and linked by `sourceActivityId`.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Transactor } from '../../../db/transaction.ts';
import type { Actor } from '../../../actor.ts';
import { AppError, notFound } from '../../../plugins/errors.ts';
import { writeAudit } from '../../audit/index.ts';
import { canSetOwner, ownerCandidates, registerIssue, setIssueOwner, type Registered } from '../../ledger/index.ts';
import type { DeadlineContext } from '../../deadlines/index.ts';
import type { ActivityIssueInput, CreateActivityInput, UpdateActivityInput } from '../../../../shared/api/activities.ts';
import { ACTIVITY_CHANNEL, type ActivityKind } from '../../../../shared/enums.ts';
import type { CreateIssueInput } from '../../../../shared/api/issues.ts';
import { fmtShanghai } from '../activity-time.ts';
import { canRecordAt } from '../activities.policy.ts';
import * as repo from '../activities.repo.ts';

type Db = Kysely<DB>;
export const ACTIVITY = { zh: '活动', en: 'Activity' };

/** A new public feedback token: 16 random bytes, base64url (not guessable, not an id). */
export const newFeedbackToken = () => randomBytes(16).toString('base64url');

/** The unit, in the actor's recording scope, or the error that says why not. */
async function placeFor(db: Db, actor: Actor, orgUnitId: number) {
  const unit = await repo.unitOf(db, actor.tenantId, orgUnitId);
  if (!unit) throw new AppError(422, 'unknown_reference', { field: '所在地', field_en: 'place', id: orgUnitId });
  if (!canRecordAt(actor, unit.path)) throw new AppError(403, 'activity_place_out_of_scope', { name: unit.name });
  return unit;
}

async function checkRefs(db: Db, actor: Actor, cadreIds: readonly number[] | undefined, caseIds: readonly number[] | undefined) {
  if (cadreIds?.length) {
    const ok = await repo.activeUserIds(db, actor.tenantId, cadreIds);
    const bad = cadreIds.find((id) => !ok.has(id));
    if (bad) throw new AppError(422, 'unknown_reference', { field: '参加干部', field_en: 'cadres', id: bad });
  }
  if (caseIds?.length) {
    const ok = await repo.caseIdsOf(db, actor.tenantId, caseIds);
    const bad = caseIds.find((id) => !ok.has(id));
    if (bad) throw new AppError(422, 'unknown_reference', { field: '案例', field_en: 'cases', id: bad });
  }
}

function checkSpan(startsAt: string, endsAt: string) {
  if (Date.parse(endsAt) < Date.parse(startsAt)) throw new AppError(400, 'activity_span', {}, { endsAt: { zh: '结束时间不能早于开始时间', en: 'The end cannot be before the start' } });
}

/** Record an activity; returns its id. */
export async function createActivity(db: Db, actor: Actor, input: CreateActivityInput, now: string): Promise<number> {
  await placeFor(db, actor, input.orgUnitId);
  checkSpan(input.startsAt, input.endsAt);
  await checkRefs(db, actor, input.cadreIds, input.caseIds);
  const outreach = input.kind === 'outreach';
  const startsAt = new Date(input.startsAt).toISOString();
  const endsAt = new Date(input.endsAt).toISOString();
  const id = await repo.insertActivity(db, {
    tenantId: actor.tenantId, kind: input.kind, title: input.title.trim(), orgUnitId: input.orgUnitId, startsAt, endsAt,
    placeText: input.placeText?.trim() || null, lat: input.lat ?? null, lng: input.lng ?? null, participantCount: input.participantCount ?? null,
    notes: input.notes ?? '', status: input.status ?? (endsAt <= now ? 'done' : 'planned'),
    audienceType: outreach ? input.audienceType ?? null : null, materials: JSON.stringify(outreach ? input.materials ?? [] : []),
    receptionMode: input.kind === 'reception' ? input.receptionMode ?? 'public' : null,
    feedbackToken: outreach ? newFeedbackToken() : null, createdBy: actor.userId, createdAt: now, updatedAt: now, version: 1,
  });
  await repo.setCadres(db, actor.tenantId, id, input.cadreIds);
  if (outreach) await repo.setCases(db, actor.tenantId, id, input.caseIds ?? []);
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'activity.create', entityType: 'activity', entityId: id, at: now, ip: actor.ip, data: { kind: input.kind, title: input.title } });
  return id;
}

/** Change an activity the actor may record at (its place before and after), if it is still at `version`. */
export async function updateActivity(db: Db, actor: Actor, id: number, input: UpdateActivityInput, now: string): Promise<void> {
  const row = await repo.findActivityInScope(db, actor, id);
  if (!row) throw notFound(ACTIVITY);
  if (!canRecordAt(actor, row.unitPath)) throw new AppError(403, 'forbidden');
  if (row.version !== input.version) throw new AppError(409, 'activity_version_conflict', { current: row.version });
  if (input.orgUnitId !== undefined && input.orgUnitId !== row.orgUnitId) await placeFor(db, actor, input.orgUnitId);
  const startsAt = input.startsAt ? new Date(input.startsAt).toISOString() : row.startsAt;
  const endsAt = input.endsAt ? new Date(input.endsAt).toISOString() : row.endsAt;
  checkSpan(startsAt, endsAt);
  await checkRefs(db, actor, input.cadreIds, input.caseIds);
  const outreach = row.kind === 'outreach';
  const changed = Object.keys(input).filter((k) => k !== 'version');
  const ok = await repo.updateActivityRow(db, id, row.version, {
    ...(input.title !== undefined ? { title: input.title.trim() } : {}),
    ...(input.orgUnitId !== undefined ? { orgUnitId: input.orgUnitId } : {}),
    startsAt, endsAt,
    ...(input.placeText !== undefined ? { placeText: input.placeText?.trim() || null } : {}),
    ...(input.lat !== undefined ? { lat: input.lat } : {}),
    ...(input.lng !== undefined ? { lng: input.lng } : {}),
    ...(input.participantCount !== undefined ? { participantCount: input.participantCount } : {}),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(outreach && input.audienceType !== undefined ? { audienceType: input.audienceType } : {}),
    ...(outreach && input.materials !== undefined ? { materials: JSON.stringify(input.materials) } : {}),
    ...(row.kind === 'reception' && input.receptionMode ? { receptionMode: input.receptionMode } : {}),
    updatedAt: now,
  });
  if (!ok) throw new AppError(409, 'activity_version_conflict', { current: row.version + 1 });
  if (input.cadreIds) await repo.setCadres(db, actor.tenantId, id, input.cadreIds);
  if (outreach && input.caseIds) await repo.setCases(db, actor.tenantId, id, input.caseIds);
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'activity.update', entityType: 'activity', entityId: id, at: now, ip: actor.ip, data: { changed, ...(input.status ? { status: input.status } : {}) } });
}

/** The intake an activity pre-fills: its channel, its place unless another is given, its time unless another is given. */
export function activityIntake(row: { kind: string; orgUnitId: number; startsAt: string; endsAt: string; placeText: string | null }, input: ActivityIssueInput, now: string): CreateIssueInput {
  const receivedAt = input.receivedAt ?? (now < row.endsAt ? (now > row.startsAt ? now : row.startsAt) : row.startsAt);
  const { orgUnitId, ...rest } = input;
  return {
    ...rest, channel: ACTIVITY_CHANNEL[row.kind as ActivityKind], orgUnitId: orgUnitId ?? row.orgUnitId, receivedAt,
    ...(input.address === undefined && row.placeText ? { address: row.placeText } : {}),
  };
}

/** Register an issue heard at an activity: the ledger's intake, pre-filled and linked. */
export async function registerActivityIssue(
  tx: Transactor, db: Db, ctx: DeadlineContext, actor: Actor, id: number, input: ActivityIssueInput, opts: { now: string; idempotencyKey?: string },
): Promise<Registered> {
  const row = await repo.findActivityInScope(db, actor, id);
  if (!row) throw notFound(ACTIVITY);
  if (!canRecordAt(actor, row.unitPath)) throw new AppError(403, 'forbidden');
  if (row.status === 'cancelled') throw new AppError(422, 'activity_cancelled');
  if (row.startsAt > opts.now) throw new AppError(422, 'activity_planned_issue', { start: fmtShanghai(row.startsAt) });
  const registered = await registerIssue(tx, ctx, actor, activityIntake(row, input, opts.now), {
    now: opts.now, sourceActivityId: id, idempotencyScope: `POST /activities/${id}/issues`, ...(opts.idempotencyKey ? { idempotencyKey: opts.idempotencyKey } : {}),
  });
  // 包案: a petition received at a reception day is owned by the session's leader, when the one registering may name
  // owners (a clerk or a leader). Its own step after the registration (which may be a replay, and runs once per key).
  if (row.kind === 'reception' && !registered.replayed && canSetOwner(actor, { locPath: row.unitPath })) {
    const leaders = new Set((await ownerCandidates(db, actor, registered.id)).map((l) => l.id));
    const owner = (await repo.cadreIdsOf(db, id)).find((u) => leaders.has(u));
    if (owner) await tx((trx) => setIssueOwner(trx, actor, registered.id, owner, opts.now));
  }
  return registered;
}
