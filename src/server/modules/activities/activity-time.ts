/** How activity times read in messages and pages: Beijing time, `2026-12-03 14:30`. */
import { shanghaiDate } from '../../../shared/shanghai-date.ts';

/** An instant as a Beijing date and minute. */
export function fmtShanghai(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${shanghaiDate(iso)} ${t.slice(11, 16)}`;
}
