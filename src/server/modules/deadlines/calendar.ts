/**
 * Dates in Asia/Shanghai and the working-day calendar. China has no daylight saving, so Shanghai time is
 * UTC+8 all year and the maths needs no time-zone database and no dependence on the process's TZ.
 */
import type { CalendarEntry } from './official-holidays.ts';

const OFFSET_MS = 8 * 3600_000;

/** The Shanghai calendar date (`YYYY-MM-DD`) of an instant. */
export function shanghaiDate(instant: string | Date): string {
  const t = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a Shanghai calendar date, as an ISO UTC instant. */
export function endOfShanghaiDay(date: string): string {
  return new Date(Date.parse(date + 'T23:59:59.999+08:00')).toISOString();
}

/** The first millisecond of a Shanghai calendar date, as an ISO UTC instant. */
export function startOfShanghaiDay(date: string): string {
  return new Date(Date.parse(date + 'T00:00:00.000+08:00')).toISOString();
}

/** `date` plus `n` calendar days. */
export function addDays(date: string, n: number): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Day of week of a date, 0 = Sunday. */
function weekday(date: string): number {
  return new Date(date + 'T00:00:00Z').getUTCDay();
}

/** Public holidays and make-up workdays; every other Saturday and Sunday is a rest day. */
export class WorkCalendar {
  private readonly days: Map<string, 'holiday' | 'workday'>;

  constructor(entries: readonly Pick<CalendarEntry, 'date' | 'type'>[]) {
    this.days = new Map(entries.map((e) => [e.date, e.type]));
  }

  /** Whether staff work on this date. */
  isWorkingDay(date: string): boolean {
    const t = this.days.get(date);
    if (t === 'holiday') return false;
    if (t === 'workday') return true;
    const w = weekday(date);
    return w !== 0 && w !== 6;
  }

  /** The `n`-th working day after `date` (the start day itself is not counted). */
  addWorkingDays(date: string, n: number): string {
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  /** `date` itself when it is a working day, else the next working day. */
  onOrNextWorkingDay(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** Working days in (from, to]: how many working days have passed between two dates. */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) n += 1;
    return n;
  }
}
