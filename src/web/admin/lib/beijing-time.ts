/**
 * Beijing time (UTC+8, no daylight saving) in date pickers, whatever the browser's own zone: the server keeps
 * instants and computes Shanghai dates (`src/shared/shanghai-date.ts`), the lists show Shanghai time (`fmtDateTime`), and
 * a picker must show and send the same wall time. Ant Design's pickers show a dayjs's own fields, so a picker's value
 * is a dayjs whose fields *are* the Beijing wall time (`beijingWall`), and it is turned back into the instant by
 * reading those fields (`beijingInstant`), never through the browser's zone. (In a browser zone that skips an hour
 * for daylight saving, a Beijing wall time inside that hour cannot be shown; the picker moves it by the hour.)
 */
import dayjs, { type Dayjs } from 'dayjs';

const OFFSET_MS = 8 * 3_600_000;

/** A picker value showing the Beijing wall time of an instant (now when none is given). */
export function beijingWall(instant?: string | number | Date): Dayjs {
  const ms = instant === undefined ? Date.now() : new Date(instant).getTime();
  const b = new Date(ms + OFFSET_MS);
  return dayjs(new Date(b.getUTCFullYear(), b.getUTCMonth(), b.getUTCDate(), b.getUTCHours(), b.getUTCMinutes(), b.getUTCSeconds(), b.getUTCMilliseconds()));
}

/** The instant (ISO, UTC) of a picker value that shows a Beijing wall time. */
export function beijingInstant(wall: Dayjs): string {
  return new Date(Date.UTC(wall.year(), wall.month(), wall.date(), wall.hour(), wall.minute(), wall.second(), wall.millisecond()) - OFFSET_MS).toISOString();
}

/** Today in Beijing, `YYYY-MM-DD`. */
export function beijingToday(): string {
  return new Date(Date.now() + OFFSET_MS).toISOString().slice(0, 10);
}
