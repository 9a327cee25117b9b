/**
 * transitionIssue: apply one lifecycle action. Looks the issue up in the actor's scope (404 otherwise),
 * checks the version (409), the transition table (422), the action's fields (400), applies the effects on
 * clocks and fields, and appends the timeline event and the audit entry, all in the caller's transaction.
 */
import type { Kysely } from 'kysely';
import type { DB, IssueUpdate } from '../../../db/types.ts';
import { AppError, notFound } from '../../../plugins/errors.ts';
import { ACTION_NAMES, STATUS_INFO, type IssueAction, type IssueStatus } from '../../../../shared/lifecycle.ts';
import { DEADLINE_KIND_NAMES, type DeadlineKind } from '../../../../shared/enums.ts';
import { FIELD_LABELS } from '../../../../shared/messages.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { REQUIRED_FIELDS } from '../../../../shared/action-fields.ts';
import { writeAudit } from '../../audit/index.ts';
import type { Actor } from '../../../actor.ts';
import { type DeadlineContext, extendDue, clocksOf, moveDue } from '../../deadlines/index.ts';
import * as repo from '../ledger.repo.ts';
import { appendSearchText, eventSearchText } from '../../search/index.ts';
import { recordUnitChoice } from '../../intel/index.ts';
import { resolveAction } from '../ledger.policy.ts';
import type { TransitionInput } from '../../../../shared/api/issues.ts';
import { STAFF_CLOCKS, refreshDue, startClock, stopClocks } from './clocks.ts';
import { appendEvent, lastEventOfType } from '../../timeline/index.ts';
import { issueSubject } from '../../../subject.ts';

const ISSUE = { zh: '问题', en: 'Issue' };

function requireFields(action: IssueAction, input: TransitionInput): void {
  const missing = (REQUIRED_FIELDS[action] ?? []).filter((f) => input[f] === undefined);
  if (missing.length === 0) return;
  const fields = Object.fromEntries(missing.map((f) => [f, {
    zh: `「${ACTION_NAMES[action].zh}」需要填写「${FIELD_LABELS[f]?.zh ?? f}」`,
    en: `"${ACTION_NAMES[action].en}" needs ${FIELD_LABELS[f]?.en ?? f}`,
  }]));
  throw new AppError(400, 'validation', {
    detail: Object.values(fields).map((m) => m.zh).join('；'),
    detail_en: `"${ACTION_NAMES[action].en}" needs: ${missing.map((f) => FIELD_LABELS[f]?.en ?? f).join(', ')}`,
  }, fields);
}

/** Data of the action worth keeping on the timeline. */
function eventData(input: TransitionInput): Record<string, unknown> {
  const { action: _a, version: _v, ...rest } = input;
  return rest;
}

/** Apply an action. Returns the issue id. */
export async function transitionIssue(
  db: Kysely<DB>, ctx: DeadlineContext, actor: Actor, issueId: number, input: TransitionInput, now: string,
): Promise<number> {
  const issue = await repo.findIssueInScope(db, actor, issueId);
  if (!issue) throw notFound(ISSUE);
  if (issue.version !== input.version) throw new AppError(409, 'version_conflict', { current: issue.version });
  const status = issue.status as IssueStatus;
  const decided = resolveAction(actor, input.action, issue);
  const names = { action: ACTION_NAMES[input.action].zh, action_en: ACTION_NAMES[input.action].en, status: STATUS_INFO[status].zh, status_en: STATUS_INFO[status].en };
  if ('refused' in decided) {
    throw new AppError(422, decided.refused === 'state' ? 'action_not_allowed' : 'action_role_not_allowed', names);
  }
  requireFields(input.action, input);
  const to: IssueStatus = decided.rule.to ?? status;
  const set: IssueUpdate = { status: to, updatedAt: now };
  const data = eventData(input);
  const stop = (kinds: readonly DeadlineKind[]) => stopClocks(db, issue.id, kinds, now);
  const start = (kind: DeadlineKind, at = now) => startClock(db, ctx, issue, kind, at);

  switch (input.action) {
    case 'accept': {
      // 第19条: the same person's petition on a matter already accepted and within its time limit is not accepted again.
      const earlier = (await repo.repeatTargets(db, issue.id)).find((e) => e.petitionerId !== null && e.petitionerId === issue.petitionerId
        && STATUS_INFO[e.status as IssueStatus].type === 'open' && e.status !== 'registered' && (e.nextDueAt === null || e.nextDueAt >= now));
      if (earlier) throw new AppError(422, 'repeat_petition', { code: earlier.trackingCode });
      await stop(['accept']);
      await start('handle');
      break;
    }
    case 'decline':
      await stop(['accept']);
      set.closedAt = now;
      break;
    case 'merge': {
      if (input.intoIssueId === issue.id) throw new AppError(400, 'merge_into_self', {}, { intoIssueId: { zh: '不能并入自身', en: 'cannot merge an issue into itself' } });
      const target = await repo.findIssueInScope(db, actor, input.intoIssueId!);
      if (!target) throw new AppError(400, 'unknown_reference', { field: '并入问题', field_en: 'intoIssueId', id: input.intoIssueId! }, { intoIssueId: { zh: '目标问题不存在或不在您的管辖范围内', en: 'no such issue in your scope' } });
      if (STATUS_INFO[target.status as IssueStatus].type !== 'open') throw new AppError(422, 'merge_target_closed', {}, { intoIssueId: { zh: '目标问题已办结或已并单', en: 'the target issue is closed or merged' } });
      set.mergedIntoId = target.id;
      set.closedAt = now;
      await stop(STAFF_CLOCKS);
      await appendEvent(db, { tenantId: issue.tenantId, subject: issueSubject(target.id), type: 'merged_in', actorId: actor.userId, at: now, data: { fromIssueId: issue.id, trackingCode: issue.trackingCode } });
      data.intoTrackingCode = target.trackingCode;
      break;
    }
    case 'assign': {
      const unit = await repo.unitInScope(db, actor, input.unitId!);
      if (!unit) throw new AppError(400, 'unit_not_assignable', { name: String(input.unitId) }, { unitId: { zh: '承办单位不存在或不在您的管辖范围内', en: 'no such unit in your scope' } });
      set.responsibleUnitId = unit.id;
      data.unitName = unit.name;
      await recordUnitChoice(db, issue.id, unit.id);
      const clocks = await clocksOf(db, issueSubject(issue.id));
      const handle = clocks.filter((c) => c.kind === 'handle' && !c.metAt).pop();
      if (input.dueAt) {
        const due = new Date(input.dueAt).toISOString();
        if (due <= now) throw new AppError(400, 'validation', { detail: '办理期限必须晚于当前时间', detail_en: 'dueAt must be in the future' }, { dueAt: { zh: '办理期限必须晚于当前时间', en: 'must be in the future' } });
        if (handle && due > handle.dueAt) {
          throw new AppError(400, 'validation', { detail: `办理期限不得晚于法定期限 ${handle.dueAt}`, detail_en: `dueAt may not pass the statutory limit ${handle.dueAt}` }, { dueAt: { zh: '不得晚于法定办理期限', en: 'may not pass the statutory limit' } });
        }
        if (handle) await moveDue(db, handle.id, due, `${handle.rule}; assigned ${due}`);
      }
      await stop(['objection']);
      await start('objection');
      break;
    }
    case 'return':
      await stop(['objection']);
      break;
    case 'start':
      await stop(['objection']);
      data.firstContact = true;
      break;
    case 'request_extension':
      if (input.days! > LIMITS.extensionMaxDays) throw new AppError(400, 'extension_too_long', { max: LIMITS.extensionMaxDays }, { days: `不得超过 ${LIMITS.extensionMaxDays} 日` });
      break;
    case 'approve_extension': {
      const req = await lastEventOfType(db, issueSubject(issue.id), 'request_extension');
      const requested = req ? Number((JSON.parse(req.data) as { days?: number }).days ?? LIMITS.extensionMaxDays) : LIMITS.extensionMaxDays;
      const days = Math.min(input.days ?? requested, LIMITS.extensionMaxDays);
      const handle = (await clocksOf(db, issueSubject(issue.id))).filter((c) => c.kind === 'handle' && !c.metAt).pop();
      if (handle) {
        const due = extendDue(handle.dueAt, days, ctx.calendar);
        await moveDue(db, handle.id, due, `${handle.rule} + ${days} calendar_days (extension)`);
        data.newDueAt = due;
      }
      data.days = days;
      set.extensionUsed = 1;
      break;
    }
    case 'reject_extension':
      break;
    case 'reply':
    case 'decide_review':
    case 'decide_re_review': {
      set.replyOutcome = input.outcome!;
      set.resolved = null;
      set.satisfaction = null;
      if (input.action === 'reply') {
        await stop(['handle']);
        if (issue.reviewRound === 0) await start('review_request');
        else if (issue.reviewRound === 1) await start('re_review_request');
      } else if (input.action === 'decide_review') {
        await stop(['review']);
        set.reviewRound = 1;
        await start('re_review_request');
      } else {
        await stop(['re_review']);
        set.reviewRound = 2;
      }
      break;
    }
    case 'callback':
      set.resolved = input.resolved ? 1 : 0;
      set.satisfaction = input.satisfaction!;
      break;
    case 'close':
      set.closedAt = now;
      await stop(STAFF_CLOCKS);
      break;
    case 'reopen':
      set.closedAt = null;
      set.resolved = null;
      set.satisfaction = null;
      // The case is handled again: the old reply's 复查 window no longer applies; the new reply opens its own.
      await stop([...STAFF_CLOCKS, 'review_request', 're_review_request']);
      await start('handle');
      break;
    case 'request_review':
    case 'request_re_review': {
      const windowKind: DeadlineKind = input.action === 'request_review' ? 'review_request' : 're_review_request';
      const window = (await clocksOf(db, issueSubject(issue.id))).filter((c) => c.kind === windowKind && !c.metAt).pop();
      if (window && window.dueAt < now) {
        const what = input.action === 'request_review' ? { zh: '复查', en: 'review' } : { zh: '复核', en: 're-review' };
        throw new AppError(422, 'review_window_closed', { what: what.zh, what_en: what.en, due: window.dueAt });
      }
      await stop([windowKind]);
      await start(input.action === 'request_review' ? 'review' : 're_review');
      set.closedAt = null;
      data.window = DEADLINE_KIND_NAMES[windowKind].zh;
      break;
    }
    case 'supervise':
    case 'note':
      break;
  }

  if (!(await repo.updateIssueAtVersion(db, issue.id, issue.version, set))) {
    const current = await repo.findIssue(db, issue.tenantId, issue.id);
    throw new AppError(409, 'version_conflict', { current: current?.version ?? issue.version + 1 });
  }
  await refreshDue(db, issue.id);
  await appendEvent(db, {
    tenantId: issue.tenantId, subject: issueSubject(issue.id), type: input.action, actorId: actor.userId, at: now,
    fromStatus: status, toStatus: to, data,
  });
  // Replies and notes are searched with the issue.
  const said = eventSearchText(data);
  if (said) await appendSearchText(db, issue.tenantId, issue.id, issue.receivedAt, said);
  await writeAudit(db, {
    tenantId: issue.tenantId, actorId: actor.userId, action: `issue.${input.action}`, entityType: 'issue', entityId: issue.id,
    ip: actor.ip, at: now, data: { from: status, to, version: issue.version + 1 },
  });
  return issue.id;
}
