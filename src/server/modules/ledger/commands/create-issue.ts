/** createIssue: a new issue with its tracking code, first clock, timeline event, search row and audit entry. */
import type { Kysely } from 'kysely';
import type { DB, Clock, Issue } from '../../../db/types.ts';
import { AppError } from '../../../plugins/errors.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { titleFromBody } from '../../../../shared/format.ts';
import { writeAudit } from '../../audit/index.ts';
import type { Actor } from '../../../actor.ts';
import { hasRole } from '../../../actor.ts';
import { type DeadlineContext, insertClock } from '../../deadlines/index.ts';
import { shanghaiDate } from '../../../../shared/shanghai-date.ts';
import { writeSearchDoc } from '../../search/index.ts';
import { searchDoc } from '../../../nlp/index.ts';
import * as repo from '../ledger.repo.ts';
import type { IssueRow } from '../ledger.repo.ts';
import { INTAKE_ROLES } from '../../../../shared/enums.ts';
import type { CreateIssueInput } from '../../../../shared/api/issues.ts';
import { planClock } from './clocks.ts';
import { appendEvent } from '../../timeline/index.ts';
import { issueSubject } from '../../../subject.ts';

/** A tracking code: `YX-<Beijing year>-<the tenant's sequence of that year, six digits>` (imports make the same). */
export const trackingCodeOf = (year: string, seq: number): string => `YX-${year}-${String(seq).padStart(6, '0')}`;

/** What an issue row needs from its creator; the rest starts empty (no unit responsible, no outcome, version 1). */
export type IssueStart = Pick<Issue, 'tenantId' | 'trackingCode' | 'title' | 'body' | 'kind' | 'channel' | 'orgUnitId' | 'policyFamily' | 'receivedAt' | 'registeredBy' | 'createdAt'>
  & Partial<Omit<Issue, 'id'>>;

/** A new issue's row: intake and imports build it here, so a column added to issues is filled in one place. */
export function issueRow(start: IssueStart): Omit<Issue, 'id'> {
  return {
    urgency: 'normal', status: 'registered', version: 1, responsibleUnitId: null, categoryId: null, petitionerId: null, anonymous: 1,
    address: null, lat: null, lng: null, sourceActivityId: null, ownerId: null, resolved: null, satisfaction: null, replyOutcome: null, reviewRound: 0,
    extensionUsed: 0, mergedIntoId: null, nextDueAt: null, updatedAt: start.createdAt, closedAt: null, signerCount: null, signerNames: null, ...start,
  };
}

/** What was registered: the stored row, its clocks and petitioner, so the caller can answer without reading back. */
export interface CreatedIssue {
  id: number;
  row: IssueRow;
  clocks: Clock[];
  person: { name: string | null; phone: string | null; idNumber: string | null; address: string | null } | undefined;
}

/** Create an issue row and what comes with it (use `registerIssue` for intake). `now` is injectable so the demo generator can replay history. */
export async function createIssue(
  db: Kysely<DB>, ctx: DeadlineContext, actor: Actor, input: CreateIssueInput, now: string, opts: { sourceActivityId?: number | null } = {},
): Promise<CreatedIssue> {
  if (!hasRole(actor, ...INTAKE_ROLES)) throw new AppError(403, 'forbidden');
  const unit = await repo.unitInScope(db, actor, input.orgUnitId);
  if (!unit) {
    // A place of the tenant outside the actor's scope is named (as an activity's is): a phone that kept a record while
    // its cadre moved to another township is told which place it may no longer use, not "no such id".
    const elsewhere = await repo.unitOfTenant(db, actor.tenantId, input.orgUnitId);
    if (elsewhere) {
      throw new AppError(400, 'issue_place_out_of_scope', { name: elsewhere.name },
        { orgUnitId: { zh: `「${elsewhere.name}」不在您的管辖范围内`, en: `"${elsewhere.name}" is outside your scope` } });
    }
    throw new AppError(400, 'unknown_reference', { field: '所在地', field_en: 'orgUnitId', id: input.orgUnitId },
      { orgUnitId: { zh: '所在地不存在', en: 'no such place' } });
  }
  if (input.categoryId != null && !(await repo.categoryExists(db, actor.tenantId, input.categoryId))) {
    throw new AppError(400, 'unknown_reference', { field: '问题分类', field_en: 'categoryId', id: input.categoryId },
      { categoryId: { zh: '问题分类不存在', en: 'no such category' } });
  }
  const receivedAt = input.receivedAt ? new Date(input.receivedAt).toISOString() : now;
  if (receivedAt > new Date(Date.parse(now) + 5 * 60_000).toISOString()) {
    throw new AppError(400, 'validation', { detail: '收到时间不能晚于当前时间', detail_en: 'receivedAt is in the future' },
      { receivedAt: { zh: '收到时间不能晚于当前时间', en: 'may not be in the future' } });
  }
  if (receivedAt < '2000-01-01') {
    throw new AppError(400, 'validation', { detail: '收到时间过早', detail_en: 'receivedAt is too early' }, { receivedAt: { zh: '收到时间不能早于 2000 年', en: 'may not be before 2000' } });
  }
  // 第20条: many people petition through representatives, no more than five.
  if (input.joint && input.joint.representatives.length > LIMITS.representativesMax) {
    throw new AppError(400, 'joint_too_many_representatives', { max: LIMITS.representativesMax, count: input.joint.representatives.length },
      { 'joint/representatives': { zh: `代表不超过 ${LIMITS.representativesMax} 人（《信访工作条例》第二十条）`, en: `at most ${LIMITS.representativesMax} representatives (art. 20)` } });
  }
  const anonymous = input.anonymous === true || !input.petitioner;
  const p = input.petitioner;
  const hasPerson = !anonymous && p && (p.name || p.phone || p.idNumber || p.address);
  const person = hasPerson ? await repo.findOrCreatePerson(db, actor.tenantId, p, now) : undefined;
  const petitionerId = person?.id ?? null;
  const year = shanghaiDate(now).slice(0, 4);
  const seq = await repo.nextCounter(db, actor.tenantId, `tracking:${year}`);
  const trackingCode = trackingCodeOf(year, seq);
  const policyFamily = ctx.channelFamily[input.channel];
  const urgency = input.urgency ?? 'normal';
  const title = input.title?.trim() || titleFromBody(input.body);
  // The acceptance clock starts at receipt; knowing its due time before the insert saves an update.
  const accept = planClock(ctx, { policyFamily, kind: input.kind, urgency }, 'accept', receivedAt);
  const values = issueRow({
    tenantId: actor.tenantId, trackingCode, title: title.slice(0, LIMITS.titleMax), body: input.body, kind: input.kind,
    channel: input.channel, urgency, orgUnitId: input.orgUnitId, categoryId: input.categoryId ?? null, petitionerId,
    anonymous: anonymous ? 1 : 0, address: input.address ?? null, lat: input.lat ?? null, lng: input.lng ?? null,
    sourceActivityId: opts.sourceActivityId ?? null, policyFamily, receivedAt, registeredBy: actor.userId,
    nextDueAt: accept?.dueAt ?? null, createdAt: now,
    ...(input.joint ? { signerCount: input.joint.signerCount, signerNames: input.joint.signerNames?.length ? JSON.stringify(input.joint.signerNames.map((x) => x.trim()).filter(Boolean)) : null } : {}),
  });
  const id = await repo.insertIssue(db, values);
  if (input.joint?.representatives.length) await repo.insertRepresentatives(db, actor.tenantId, id, input.joint.representatives);
  const clocks = accept ? [await insertClock(db, { tenantId: actor.tenantId, subject: issueSubject(id), kind: 'accept', startedAt: receivedAt, dueAt: accept.dueAt, rule: accept.rule })] : [];
  await appendEvent(db, {
    tenantId: actor.tenantId, subject: issueSubject(id), type: 'create', actorId: actor.userId, at: now, toStatus: 'registered',
    data: { channel: input.channel, kind: input.kind, receivedAt, orgUnitId: input.orgUnitId },
  });
  await writeSearchDoc(db, actor.tenantId, id, receivedAt, searchDoc([values.title, values.body]), 'nothing');
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'issue.create', entityType: 'issue', entityId: id, ip: actor.ip, at: now, data: { trackingCode } });
  return { id, row: { id, ...values, locPath: unit.path, respPath: null, locName: unit.name, respName: null, ownerName: null }, clocks, person };
}
