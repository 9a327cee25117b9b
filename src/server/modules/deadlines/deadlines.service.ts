/**
 * What commands need to compute deadlines: the tenant's policies, calendar and channel → policy-family map,
 * cached per process for a minute (edits through the API clear the cache at once).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { CHANNELS, DEFAULT_CHANNEL_POLICY, type Channel, type PolicyFamily } from '../../../shared/enums.ts';
import { WorkCalendar } from './calendar.ts';
import { shanghaiDate } from '../../../shared/shanghai-date.ts';
import type { PolicyRow } from './engine.ts';
import { getSetting, holidayYears, latestRunningDue, loadCalendar, loadPolicies } from './deadlines.repo.ts';

/** A tenant's deadline settings. */
export interface DeadlineContext {
  policies: PolicyRow[];
  calendar: WorkCalendar;
  channelFamily: Record<Channel, PolicyFamily>;
}

const TTL_MS = 60_000;
const cache = new Map<number, { at: number; ctx: Promise<DeadlineContext> }>();

/** Setting key of the channel → policy family map. */
export const CHANNEL_POLICY_KEY = 'deadlines.channelPolicy';

/** The deadline settings of a tenant. */
export function deadlineContext(db: Kysely<DB>, tenantId: number): Promise<DeadlineContext> {
  const hit = cache.get(tenantId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.ctx;
  const ctx = (async () => {
    const [policies, days, map] = await Promise.all([
      loadPolicies(db, tenantId), loadCalendar(db, tenantId), getSetting(db, tenantId, CHANNEL_POLICY_KEY),
    ]);
    const channelFamily = { ...DEFAULT_CHANNEL_POLICY };
    if (map && typeof map === 'object') {
      for (const c of CHANNELS) {
        const v = (map as Record<string, unknown>)[c];
        if (v === 'petition' || v === 'hotline') channelFamily[c] = v;
      }
    }
    return { policies, calendar: new WorkCalendar(days), channelFamily };
  })();
  ctx.catch(() => cache.delete(tenantId));
  cache.set(tenantId, { at: Date.now(), ctx });
  return ctx;
}

/** Forget a tenant's cached settings after an edit. */
export function invalidateDeadlineContext(tenantId?: number): void {
  if (tenantId === undefined) cache.clear();
  else cache.delete(tenantId);
}

/**
 * Which years the calendar must hold for the clocks of a tenant: this year and next year (Beijing time), and every
 * year up to the one in which its last running clock falls due (a clock is counted through each year it spans).
 * A year with no public holiday entered is missing: its deadlines count only Saturdays and Sundays as rest days
 * (`WorkCalendar`) until the State Council's notice is entered.
 */
export interface CalendarCoverage {
  /** Today in Beijing. */
  today: string;
  /** Years with at least one public holiday entered. */
  holidayYears: number[];
  /** Years the clocks need that have none, in order. */
  missingYears: number[];
  /** When the last running clock falls due, or null. */
  latestDueAt: string | null;
  /** What to tell an administrator, in both languages, when a year is missing. */
  warning: { zh: string; en: string } | null;
}

/** The calendar coverage of a tenant at `now`. */
export async function calendarCoverage(db: Kysely<DB>, tenantId: number, now: Date | string): Promise<CalendarCoverage> {
  const today = shanghaiDate(now);
  const [entered, latestDueAt] = await Promise.all([holidayYears(db, tenantId), latestRunningDue(db, tenantId)]);
  const thisYear = Number(today.slice(0, 4));
  const lastDueYear = latestDueAt ? Number(shanghaiDate(latestDueAt).slice(0, 4)) : thisYear;
  const missingYears: number[] = [];
  for (let y = thisYear; y <= Math.max(thisYear + 1, lastDueYear); y++) if (!entered.includes(y)) missingYears.push(y);
  return { today, holidayYears: entered, missingYears, latestDueAt, warning: missingYears.length ? holidayWarning(missingYears, latestDueAt) : null };
}

/** "2027 年节假日尚未录入：…" for the years missing. */
export function holidayWarning(years: readonly number[], latestDueAt: string | null): { zh: string; en: string } {
  const due = latestDueAt ? shanghaiDate(latestDueAt) : null;
  const dueIn = due !== null && years.includes(Number(due.slice(0, 4)));
  const zhYears = years.join('、');
  const enYears = years.length === 1 ? String(years[0]) : `${years.slice(0, -1).join(', ')} and ${years.at(-1)}`;
  return {
    zh: `${zhYears} 年节假日尚未录入：${years.length === 1 ? `${zhYears} 年的` : '这些年份的'}期限按双休日计算（只有周六、周日休息），请在国务院办公厅公布后录入`
      + (dueIn ? `。运行中的期限最晚于 ${due} 到期` : ''),
    en: `The public holidays of ${enYears} are not entered yet: deadlines in ${years.length === 1 ? 'that year' : 'those years'} count only Saturdays and Sundays as rest days; enter them once the General Office of the State Council announces them`
      + (dueIn ? `. The last running deadline falls due on ${due}` : ''),
  };
}
