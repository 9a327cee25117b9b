/**
 * Dates in Asia/Shanghai. China has no daylight saving, so Shanghai time is UTC+8 all year and the maths needs no
 * time-zone database and no dependence on the process's TZ. (The working-day calendar is `deadlines/calendar.ts`.)
 */
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
