/** Starting and stopping an issue's clocks inside a command's transaction. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { DEADLINE_KINDS, type DeadlineKind, type IssueKind, type PolicyFamily, type Urgency } from '../../../../shared/enums.ts';
import { computeDue, describeRule, findRule, isStaffClock, type DeadlineContext, insertClock, meetClocks } from '../../deadlines/index.ts';
import { refreshNextDue } from '../ledger.repo.ts';
import { issueSubject } from '../../../subject.ts';

/** The facts of an issue that pick its rules. */
export interface ClockIssue {
  id: number;
  tenantId: number;
  policyFamily: string;
  kind: string;
  urgency: string;
}

/** Staff clock kinds (those that can be overdue). */
export const STAFF_CLOCKS = DEADLINE_KINDS.filter(isStaffClock);

/** The due time and rule of a clock that would start at `start`; null when the policy has no rule for it. */
export function planClock(ctx: DeadlineContext, issue: Omit<ClockIssue, 'id' | 'tenantId'>, kind: DeadlineKind, start: string) {
  const rule = findRule(ctx.policies, issue.policyFamily as PolicyFamily, issue.kind as IssueKind, issue.urgency as Urgency, kind);
  return rule ? { dueAt: computeDue(start, rule, ctx.calendar), rule: describeRule(rule) } : null;
}

/** Start a clock if the tenant's policy has a rule for it; returns the due time or null. */
export async function startClock(db: Kysely<DB>, ctx: DeadlineContext, issue: ClockIssue, kind: DeadlineKind, start: string): Promise<string | null> {
  const plan = planClock(ctx, issue, kind, start);
  if (!plan) return null;
  await insertClock(db, { tenantId: issue.tenantId, subject: issueSubject(issue.id), kind, startedAt: start, dueAt: plan.dueAt, rule: plan.rule });
  return plan.dueAt;
}

/** Stop running clocks of these kinds. */
export async function stopClocks(db: Kysely<DB>, issueId: number, kinds: readonly DeadlineKind[], at: string): Promise<void> {
  await meetClocks(db, issueSubject(issueId), kinds, at);
}

/** Recompute the issue's earliest running staff due time after clocks changed. */
export async function refreshDue(db: Kysely<DB>, issueId: number): Promise<void> {
  await refreshNextDue(db, issueId, STAFF_CLOCKS);
}
