/**
 * The deadline engine: which rule applies to a clock of an issue, and when that clock falls due.
 * Pure functions; the repository loads the tenant's policies and calendar and stores the results.
 */
import type { DeadlineKind, DeadlineUnit, IssueKind, PolicyFamily, Urgency } from '../../../shared/enums.ts';
import type { WorkCalendar } from './calendar.ts';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../../../shared/shanghai-date.ts';

/** How long a clock runs. */
export interface DeadlineRule {
  amount: number;
  unit: DeadlineUnit;
}

/** One row of a tenant's policy table. `*` matches any kind or urgency. */
export interface PolicyRow extends DeadlineRule {
  family: PolicyFamily;
  issueKind: IssueKind | '*';
  urgency: Urgency | '*';
  clock: DeadlineKind;
}

/**
 * Clocks that measure the petitioner's time to ask for 复查/复核, not staff work: they never make an
 * issue overdue and are not escalated.
 */
export const PETITIONER_WINDOWS: readonly DeadlineKind[] = ['review_request', 're_review_request'];

/** Whether a clock measures staff work (and so can be overdue and escalated). */
export function isStaffClock(kind: string): boolean {
  return !(PETITIONER_WINDOWS as readonly string[]).includes(kind);
}

/**
 * Statutory defaults of 《信访工作条例》(2022) for the petition family, and hotline SLAs per urgency.
 * 第22、23条: register/transfer and notify within 15 days; 第34条: handle within 60 days of acceptance
 * (one extension of at most 30 days, see LIMITS); 第35条: 复查 requested within 30 days of the reply and
 * decided within 30 days; 第36条: 复核 likewise; objection to a wrong assignment within 5 working days.
 */
export const DEFAULT_POLICIES: readonly PolicyRow[] = [
  { family: 'petition', issueKind: '*', urgency: '*', clock: 'accept', amount: 15, unit: 'calendar_days' },
  { family: 'petition', issueKind: '*', urgency: '*', clock: 'handle', amount: 60, unit: 'calendar_days' },
  { family: 'petition', issueKind: '*', urgency: '*', clock: 'objection', amount: 5, unit: 'working_days' },
  { family: 'petition', issueKind: '*', urgency: '*', clock: 'review_request', amount: 30, unit: 'calendar_days' },
  { family: 'petition', issueKind: '*', urgency: '*', clock: 'review', amount: 30, unit: 'calendar_days' },
  { family: 'petition', issueKind: '*', urgency: '*', clock: 're_review_request', amount: 30, unit: 'calendar_days' },
  { family: 'petition', issueKind: '*', urgency: '*', clock: 're_review', amount: 30, unit: 'calendar_days' },
  { family: 'hotline', issueKind: '*', urgency: 'emergency', clock: 'accept', amount: 1, unit: 'hours' },
  { family: 'hotline', issueKind: '*', urgency: 'urgent', clock: 'accept', amount: 2, unit: 'hours' },
  { family: 'hotline', issueKind: '*', urgency: 'normal', clock: 'accept', amount: 24, unit: 'hours' },
  { family: 'hotline', issueKind: '*', urgency: 'complex', clock: 'accept', amount: 24, unit: 'hours' },
  { family: 'hotline', issueKind: '*', urgency: 'emergency', clock: 'handle', amount: 2, unit: 'hours' },
  { family: 'hotline', issueKind: '*', urgency: 'urgent', clock: 'handle', amount: 24, unit: 'hours' },
  { family: 'hotline', issueKind: '*', urgency: 'normal', clock: 'handle', amount: 7, unit: 'calendar_days' },
  { family: 'hotline', issueKind: '*', urgency: 'complex', clock: 'handle', amount: 15, unit: 'calendar_days' },
  { family: 'hotline', issueKind: '*', urgency: '*', clock: 'objection', amount: 1, unit: 'working_days' },
];

/** The most specific rule for a clock: exact kind and urgency first, then wildcards. Null: the clock is not used. */
export function findRule(
  policies: readonly PolicyRow[], family: PolicyFamily, issueKind: IssueKind, urgency: Urgency, clock: DeadlineKind,
): DeadlineRule | null {
  let best: PolicyRow | null = null;
  let bestScore = -1;
  for (const p of policies) {
    if (p.family !== family || p.clock !== clock) continue;
    if (p.issueKind !== '*' && p.issueKind !== issueKind) continue;
    if (p.urgency !== '*' && p.urgency !== urgency) continue;
    const score = (p.issueKind === '*' ? 0 : 2) + (p.urgency === '*' ? 0 : 1);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best ? { amount: best.amount, unit: best.unit } : null;
}

/**
 * When a clock that starts at `start` falls due.
 * - hours: exactly that many hours later.
 * - calendar days ("日"): the start day is not counted, the period ends at the end of day start+N
 *   (民法典 第201条); a last day that falls on a rest day or public holiday moves to the next working day
 *   (第203条).
 * - working days ("工作日"): the end of the N-th working day after the start day, per the calendar.
 */
export function computeDue(start: string, rule: DeadlineRule, cal: WorkCalendar): string {
  if (rule.unit === 'hours') return new Date(Date.parse(start) + rule.amount * 3600_000).toISOString();
  const day = shanghaiDate(start);
  if (rule.unit === 'working_days') return endOfShanghaiDay(cal.addWorkingDays(day, rule.amount));
  return endOfShanghaiDay(cal.onOrNextWorkingDay(addDays(day, rule.amount)));
}

/** Extend a due time by `days` calendar days (an approved extension, 第34条). */
export function extendDue(due: string, days: number, cal: WorkCalendar): string {
  return endOfShanghaiDay(cal.onOrNextWorkingDay(addDays(shanghaiDate(due), days)));
}

/** A rule as stored beside the clock, e.g. `60 calendar_days`. */
export function describeRule(rule: DeadlineRule): string {
  return `${rule.amount} ${rule.unit}`;
}
