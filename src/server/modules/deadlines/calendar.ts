/**
 * The working-day calendar (Shanghai dates: `src/shared/shanghai-date.ts`).
 */
import type { CalendarEntry } from './official-holidays.ts';
import { addDays } from '../../../shared/shanghai-date.ts';

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
