/**
 * From a hot spot to the ledger: the same place, category and window, in the ledger's own URL parameters
 * (`ledger-query.ts` reads them; written here by hand so this screen's chunk does not share the ledger's code).
 */
import type { Hotspot } from '../../api/types.ts';

/** The Shanghai calendar date (`YYYY-MM-DD`, fixed UTC+8 as on the server) of an instant. */
export function shanghaiDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** `/issues?categoryId=…&unitId=…&from=…&to=…` for a hot spot of the window `from`–`to` (ISO instants). */
export function ledgerLink(h: Pick<Hotspot, 'areaId' | 'categoryId'>, from: string, to: string): string {
  const u = new URLSearchParams();
  if (h.categoryId !== null) u.set('categoryId', String(h.categoryId));
  u.set('unitId', String(h.areaId));
  u.set('from', shanghaiDate(from));
  u.set('to', shanghaiDate(to));
  return `/issues?${u.toString()}`;
}
