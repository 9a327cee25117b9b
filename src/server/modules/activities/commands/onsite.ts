/**
 * On-site office sessions (现场办公, issue 17): "群众反映突出的问题在一线解决、服务在一线跟进、责任在一线落实". A session
 * names the units present (departments and townships at the table) and an agenda of ledger issues from its place's
 * subtree; for each item it records an outcome:
 *
 * - **solved on the spot**: the departments it names (each present) sign off — a user of the unit in the app, or the
 *   session's recorder writing down who signed; with the last signature the issue is moved on through the lifecycle's
 *   own command (`transitionIssue`: accept, assign, start, reply — whichever steps its state still needs), the reply
 *   naming the session. Never by writing `status`.
 * - **follow-up**: a unit and a deadline; the issue is assigned to the unit with that deadline on its handling clock
 *   (the deadline engine's clock; one already assigned to that unit has its clock brought forward), so it shows on the
 *   unit's workbench, and the session shows whether the deadline was met.
 * - **left** for later, with why.
 *
 * The lifecycle steps run as the **session**: the recorder's identity, with the petition office's role at the session's
 * place (accept, assign, note) and the handler's role at each department that signed (start, reply) — the authority the
 * session had at the table, recorded on the timeline under the recorder's name.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Actor, Binding } from '../../../actor.ts';
import { AppError, notFound } from '../../../plugins/errors.ts';
import { writeAudit } from '../../audit/index.ts';
import { findIssuesInScope, transitionIssue } from '../../ledger/index.ts';
import { moveDue, type DeadlineContext } from '../../deadlines/index.ts';
import type { FollowupInput, SignInput, SolveInput } from '../../../../shared/api/onsite.ts';
import { ONSITE_LIMITS } from '../../../../shared/api/onsite.ts';
import { ONSITE_OUTCOME_NAMES, type OnsiteOutcome } from '../../../../shared/enums.ts';
import { STATUS_INFO, type IssueStatus } from '../../../../shared/lifecycle.ts';
import type { TransitionInput } from '../../../../shared/api/issues.ts';
import { fmtShanghai } from '../activity-time.ts';
import { canRecordAt } from '../activities.policy.ts';
import { ACTIVITY } from './activities.ts';
import * as activities from '../activities.repo.ts';
import * as repo from '../onsite.repo.ts';

type Db = Kysely<DB>;
const ITEM = { zh: '议题', en: 'Agenda item' };

/** States from which the session can still carry an issue to its reply. */
const SOLVABLE: readonly IssueStatus[] = ['registered', 'accepted', 'returned', 'reopened', 'assigned', 'in_progress'];
/** States in which the issue is already some unit's to handle. */
const HELD: readonly IssueStatus[] = ['assigned', 'in_progress', 'extension_requested'];
/** States from which the clerk assigns. */
const ASSIGNABLE: readonly IssueStatus[] = ['accepted', 'returned', 'reopened'];

/** The session (an on-site activity in the actor's scope that the actor may record at), or the error that says why not. */
async function sessionFor(db: Db, actor: Actor, id: number, opts: { edit: boolean }) {
  const a = await activities.findActivityInScope(db, actor, id);
  if (!a) throw notFound(ACTIVITY);
  if (a.kind !== 'onsite') throw new AppError(422, 'activity_not_onsite');
  if (opts.edit) {
    if (!canRecordAt(actor, a.unitPath)) throw new AppError(403, 'forbidden');
    if (a.status === 'cancelled') throw new AppError(422, 'activity_cancelled');
  }
  return a;
}

type Session = Awaited<ReturnType<typeof sessionFor>>;

async function itemFor(db: Db, session: Pick<Session, 'id'>, itemId: number) {
  if (!(await repo.lockItem(db, session.id, itemId))) throw notFound(ITEM);
  const item = await repo.findItem(db, session.id, itemId);
  if (!item) throw notFound(ITEM);
  return item;
}

const decidedError = (outcome: string) => {
  const name = ONSITE_OUTCOME_NAMES[outcome as OnsiteOutcome];
  return new AppError(409, 'onsite_item_decided', { outcome: name.zh, outcome_en: name.en.toLowerCase() });
};
const statusNames = (s: string) => ({ status: `为「${STATUS_INFO[s as IssueStatus].zh}」`, status_en: STATUS_INFO[s as IssueStatus].en.toLowerCase() });

/** The actor the session's lifecycle steps run as (see the module's comment). */
function sessionActor(recorder: Actor, session: Session, units: readonly { id: number; path: string }[], role: 'handler' | 'clerk'): Actor {
  const bindings: Binding[] = [
    { role: 'clerk', orgUnitId: session.orgUnitId, path: session.unitPath },
    ...units.map((u) => ({ role, orgUnitId: u.id, path: u.path })),
  ];
  return { ...recorder, bindings };
}

/** Run lifecycle actions one after the other on an issue, each at the version the last one left. */
async function steps(db: Db, ctx: DeadlineContext, actor: Actor, issueId: number, now: string, plan: (status: IssueStatus, respId: number | null) => Omit<TransitionInput, 'version'> | null): Promise<void> {
  for (let i = 0; i < 6; i++) {
    const [issue] = await findIssuesInScope(db, actor, [issueId]);
    if (!issue) throw notFound({ zh: '问题', en: 'Issue' });
    const next = plan(issue.status as IssueStatus, issue.responsibleUnitId);
    if (!next) return;
    await transitionIssue(db, ctx, actor, issueId, { ...next, version: issue.version } as TransitionInput, now);
  }
}

/** Name the units present at the session. A unit a solved item still waits on cannot leave. */
export async function setOnsiteUnits(db: Db, actor: Actor, id: number, unitIds: readonly number[], now: string): Promise<void> {
  const s = await sessionFor(db, actor, id, { edit: true });
  const units = await repo.tenantUnits(db, actor.tenantId, unitIds);
  const missing = unitIds.find((u) => !units.some((x) => x.id === u));
  if (missing) throw new AppError(422, 'unknown_reference', { field: '参加单位', field_en: 'units', id: missing });
  const named = await repo.unitsNamedOpen(db, s.id);
  const before = await repo.unitsOf(db, s.id);
  const leaving = before.find((u) => named.has(u.id) && !unitIds.includes(u.id));
  if (leaving) throw new AppError(422, 'onsite_unit_in_use', { name: leaving.name });
  await repo.setUnits(db, actor.tenantId, s.id, unitIds);
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'onsite.units', entityType: 'activity', entityId: s.id, ip: actor.ip, at: now, data: { unitIds } });
}

/** Put a ledger issue on the agenda: in the actor's scope and in the session's place subtree. Returns the item's id. */
export async function addAgendaItem(db: Db, actor: Actor, id: number, issueId: number, now: string): Promise<number> {
  const s = await sessionFor(db, actor, id, { edit: true });
  const [issue] = await findIssuesInScope(db, actor, [issueId]);
  if (!issue) throw new AppError(422, 'unknown_reference', { field: '议题问题', field_en: 'issue', id: issueId });
  if (!issue.locPath.startsWith(s.unitPath)) {
    throw new AppError(422, 'onsite_issue_out_of_place', { code: issue.trackingCode, place: issue.locName, session: s.orgUnitName });
  }
  if (await repo.itemOfIssue(db, s.id, issueId)) throw new AppError(409, 'onsite_item_exists', { code: issue.trackingCode });
  if (await repo.itemCount(db, s.id) >= ONSITE_LIMITS.itemsMax) throw new AppError(422, 'validation', { detail: `每次现场办公最多 ${ONSITE_LIMITS.itemsMax} 个议题`, detail_en: `At most ${ONSITE_LIMITS.itemsMax} items` });
  const itemId = await repo.insertItem(db, { tenantId: actor.tenantId, activityId: s.id, issueId, addedBy: actor.userId, now });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'onsite.agenda_add', entityType: 'activity', entityId: s.id, ip: actor.ip, at: now, data: { itemId, issueId } });
  return itemId;
}

/** Take an item off the agenda, while nothing was done on it (pending or left). */
export async function removeAgendaItem(db: Db, actor: Actor, id: number, itemId: number, now: string): Promise<void> {
  const s = await sessionFor(db, actor, id, { edit: true });
  const item = await itemFor(db, s, itemId);
  if (item.outcome !== 'pending' && item.outcome !== 'left') throw decidedError(item.outcome);
  await repo.deleteItem(db, item.id);
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'onsite.agenda_remove', entityType: 'activity', entityId: s.id, ip: actor.ip, at: now, data: { itemId, issueId: item.issueId } });
}

/** An item may take a new decision while nothing followed from the last: pending, left, or solved with no signature yet. */
async function undecided(db: Db, item: repo.ItemRow): Promise<void> {
  if (item.outcome === 'pending' || item.outcome === 'left') return;
  if (item.outcome === 'solved' && !item.completedAt && (await repo.signoffsOf(db, [item.id])).every((x) => !x.signedAt)) return;
  throw decidedError(item.outcome);
}

/** Record that the item is solved on the spot by these departments (each present); their sign-offs are then awaited. */
export async function solveOnSpot(db: Db, actor: Actor, id: number, itemId: number, input: SolveInput, now: string): Promise<void> {
  const s = await sessionFor(db, actor, id, { edit: true });
  const item = await itemFor(db, s, itemId);
  await undecided(db, item);
  const present = await repo.unitsOf(db, s.id);
  const absent = input.unitIds.find((u) => !present.some((p) => p.id === u));
  if (absent) {
    const [unit] = await repo.tenantUnits(db, actor.tenantId, [absent]);
    if (!unit) throw new AppError(422, 'unknown_reference', { field: '解决单位', field_en: 'units', id: absent });
    throw new AppError(422, 'onsite_unit_not_present', { name: unit.name });
  }
  const [issue] = await findIssuesInScope(db, actor, [item.issueId]);
  if (!issue) throw notFound({ zh: '问题', en: 'Issue' });
  if (!SOLVABLE.includes(issue.status as IssueStatus)) throw new AppError(422, 'onsite_not_solvable', { code: issue.trackingCode, ...statusNames(issue.status) });
  if (HELD.includes(issue.status as IssueStatus) && !input.unitIds.includes(issue.responsibleUnitId!)) {
    throw new AppError(422, 'onsite_responsible_absent', { code: issue.trackingCode, unit: issue.respName ?? '' });
  }
  await repo.updateItem(db, item.id, { outcome: 'solved', note: input.solution, decidedBy: actor.userId, decidedAt: now, followupUnitId: null, followupDueAt: null, followupClockId: null });
  await repo.setSignoffUnits(db, actor.tenantId, item.id, input.unitIds);
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'onsite.solve', entityType: 'activity', entityId: s.id, ip: actor.ip, at: now, data: { itemId, issueId: item.issueId, unitIds: input.unitIds } });
}

/**
 * A department's sign-off on an item solved on the spot. A user of that unit signs in the app; the session's recorder
 * records a sign-off with the signer's name. With the last one the issue is replied through the lifecycle.
 * Returns whether the item is now complete.
 */
export async function signOff(db: Db, ctx: DeadlineContext, actor: Actor, id: number, itemId: number, input: SignInput, now: string): Promise<boolean> {
  // The departments at the table reach the session through their sign-off, not through the session's place.
  const inScope = await activities.findActivityInScope(db, actor, id);
  const s = inScope ?? await activities.findActivityInTenant(db, actor.tenantId, id);
  if (!s || s.kind !== 'onsite') throw notFound(ACTIVITY);
  const present = await repo.unitsOf(db, s.id);
  const belongs = (u: { id: number; path: string }) => actor.bindings.some((b) => b.orgUnitId === u.id || b.path.startsWith(u.path));
  const recorder = !!inScope && canRecordAt(actor, s.unitPath);
  const unit = present.find((p) => p.id === input.unitId);
  if (!unit) {
    const [u] = await repo.tenantUnits(db, actor.tenantId, [input.unitId]);
    // A user of a unit that did not come is told so; anyone else without a part in the session learns nothing of it.
    if (!recorder && !(u && belongs(u)) && !present.some(belongs)) throw notFound(ACTIVITY);
    if (!u) throw new AppError(422, 'unknown_reference', { field: '签字单位', field_en: 'unitId', id: input.unitId });
    throw new AppError(422, 'onsite_unit_not_present', { name: u.name });
  }
  if (!recorder && !present.some(belongs)) throw notFound(ACTIVITY);
  if (s.status === 'cancelled') throw new AppError(422, 'activity_cancelled');
  const item = await itemFor(db, s, itemId);
  if (item.outcome !== 'solved') throw new AppError(422, 'onsite_unit_not_named', { name: unit.name });
  if (item.completedAt) throw decidedError('solved');
  const signoffs = await repo.signoffsOf(db, [item.id]);
  const mine = signoffs.find((x) => x.unitId === unit.id);
  if (!mine) throw new AppError(422, 'onsite_unit_not_named', { name: unit.name });
  const inApp = belongs(unit);
  if (!inApp && !recorder) throw new AppError(403, 'onsite_sign_forbidden', { name: unit.name });
  if (!inApp && !input.signerName?.trim()) throw new AppError(400, 'onsite_signer_needed', {}, { signerName: { zh: '请写明签字人姓名', en: 'Name the person who signed' } });
  if (mine.signedAt) return false;
  const signerName = inApp ? actor.displayName : input.signerName!.trim();
  await repo.sign(db, item.id, unit.id, { signedAt: now, signerName, recordedBy: actor.userId, inApp });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'onsite.sign', entityType: 'activity', entityId: s.id, ip: actor.ip, at: now, data: { itemId, unitId: unit.id, signerName, inApp } });
  const waiting = signoffs.filter((x) => x.unitId !== unit.id && !x.signedAt);
  if (waiting.length > 0) return false;

  // Every named department signed: the session carries the issue to its reply.
  const named = signoffs.map((x) => ({ id: x.unitId, path: x.unitPath, name: x.unitName }));
  const as = sessionActor(actor, s as Session, named, 'handler');
  const when = fmtShanghai(s.startsAt).slice(0, 10);
  const signers = [...signoffs.filter((x) => x.signedAt).map((x) => `${x.unitName}（${x.signerName}）`), `${unit.name}（${signerName}）`].join('、');
  const record = `${item.note}\n——${when}现场办公「${s.title}」现场解决，${signers}签字确认。`;
  await steps(db, ctx, as, item.issueId, now, (status, respId) => {
    const lead = respId && named.some((u) => u.id === respId) ? respId : named[0]!.id;
    switch (status) {
      case 'registered': return { action: 'accept' };
      case 'accepted': case 'returned': case 'reopened': return { action: 'assign', unitId: lead };
      case 'assigned':
        if (!respId || !named.some((u) => u.id === respId)) throw new AppError(422, 'onsite_responsible_absent', { code: item.trackingCode, unit: item.respName ?? '' });
        return { action: 'start', note: `现场办公「${s.title}」：${named.map((u) => u.name).join('、')}现场会商办理` };
      case 'in_progress': return { action: 'reply', outcome: 'support', text: record };
      case 'replied': return null;
      default: throw new AppError(422, 'onsite_not_solvable', { code: item.trackingCode, ...statusNames(status) });
    }
  });
  await repo.updateItem(db, item.id, { completedAt: now });
  return true;
}

/** A follow-up: the unit and the deadline; the issue is assigned to it with that deadline on its handling clock. */
export async function followUp(db: Db, ctx: DeadlineContext, actor: Actor, id: number, itemId: number, input: FollowupInput, now: string): Promise<void> {
  const s = await sessionFor(db, actor, id, { edit: true });
  const item = await itemFor(db, s, itemId);
  await undecided(db, item);
  const due = new Date(input.dueAt).toISOString();
  if (due <= now) throw new AppError(400, 'onsite_due_past', {}, { dueAt: { zh: '跟进期限必须晚于当前时间', en: 'must be in the future' } });
  const [unit] = await repo.tenantUnits(db, actor.tenantId, [input.unitId]);
  if (!unit) throw new AppError(422, 'unknown_reference', { field: '跟进单位', field_en: 'unitId', id: input.unitId });
  const as = sessionActor(actor, s, [unit], 'clerk');
  const task = `现场办公「${s.title}」交办：${input.task}（期限 ${fmtShanghai(due)}）`;
  await steps(db, ctx, as, item.issueId, now, (status, respId) => {
    if (status === 'registered') return { action: 'accept' };
    if (ASSIGNABLE.includes(status)) return { action: 'assign', unitId: unit.id, dueAt: due, note: task };
    if (HELD.includes(status)) {
      if (respId !== unit.id) throw new AppError(422, 'onsite_followup_other_unit', { code: item.trackingCode, unit: item.respName ?? '' });
      return null;
    }
    throw new AppError(422, 'onsite_not_followable', { code: item.trackingCode, ...statusNames(status) });
  });
  const clock = await repo.runningHandleClock(db, item.issueId);
  if (!clock) throw new AppError(422, 'onsite_not_followable', { code: item.trackingCode, ...statusNames('replied') });
  if (clock.dueAt !== due) {
    // Already the unit's: its handling clock is brought forward to the session's deadline (never past the statutory one).
    if (due > clock.dueAt) throw new AppError(400, 'onsite_due_too_late', { due: fmtShanghai(clock.dueAt) }, { dueAt: { zh: `不得晚于法定办理期限 ${fmtShanghai(clock.dueAt)}`, en: 'may not pass the statutory limit' } });
    await moveDue(db, clock.id, due, `${clock.rule}; 现场办公 ${due}`);
    // A note through the lifecycle records it on the timeline and refreshes the issue's due time.
    const [cur] = await findIssuesInScope(db, as, [item.issueId]);
    await transitionIssue(db, ctx, as, item.issueId, { action: 'note', note: task, version: cur!.version }, now);
  }
  await repo.updateItem(db, item.id, { outcome: 'followup', note: input.task, followupUnitId: unit.id, followupDueAt: due, followupClockId: clock.id, decidedBy: actor.userId, decidedAt: now, completedAt: null });
  await repo.setSignoffUnits(db, actor.tenantId, item.id, []);
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'onsite.followup', entityType: 'activity', entityId: s.id, ip: actor.ip, at: now, data: { itemId, issueId: item.issueId, unitId: unit.id, dueAt: due } });
}

/** Leave the item for later, with why. */
export async function leaveItem(db: Db, actor: Actor, id: number, itemId: number, reason: string, now: string): Promise<void> {
  const s = await sessionFor(db, actor, id, { edit: true });
  const item = await itemFor(db, s, itemId);
  await undecided(db, item);
  await repo.updateItem(db, item.id, { outcome: 'left', note: reason, decidedBy: actor.userId, decidedAt: now, followupUnitId: null, followupDueAt: null, followupClockId: null });
  await repo.setSignoffUnits(db, actor.tenantId, item.id, []);
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'onsite.leave', entityType: 'activity', entityId: s.id, ip: actor.ip, at: now, data: { itemId, issueId: item.issueId } });
}

export { sessionFor as onsiteSession };
