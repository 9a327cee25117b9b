/** The ledger screen's calls: the issue list, the export, saved filters and bulk assignment. */
import { api, fetchFile, get, post, type DownloadedFile } from '../../api/client.ts';
import type { BulkResult, IssuePage, ListedIssue, SavedFilter } from '../../api/types.ts';

export type { BulkResult, SavedFilter };

/**
 * An issue as the list shows it: with the names of its units (which may lie outside the user's unit list) and,
 * when the list was searched, what matched.
 */
export type LedgerIssue = ListedIssue;

/** One page of the list. On the first page: how many pass the filters, counted up to a cap (`totalExact` false: more than `total`). */
export type LedgerPage = IssuePage;

/** Issues per page. */
export const PAGE_SIZE = 50;

/** A page of issues for a query text (from `ledgerQueryString`). */
export function listIssues(query: string, cursor: string | null): Promise<LedgerPage> {
  const u = new URLSearchParams(query);
  u.set('limit', String(PAGE_SIZE));
  if (cursor) u.set('cursor', cursor);
  return get<LedgerPage>(`/api/v1/issues?${u.toString()}`);
}

/** The .xlsx of a query text. */
export function exportIssues(query: string): Promise<DownloadedFile> {
  return fetchFile(`/api/v1/issues/export${query ? `?${query}` : ''}`, 'ledger.xlsx');
}

/** The user's saved filters. */
export async function listSavedFilters(): Promise<SavedFilter[]> {
  return (await get<{ items: SavedFilter[] }>('/api/v1/saved-filters')).items;
}

/** Save (or, under an existing name, replace) a filter. */
export function saveFilter(name: string, query: string): Promise<SavedFilter> {
  return post<SavedFilter>('/api/v1/saved-filters', { name, query });
}

/** Delete one of the user's saved filters. */
export function deleteSavedFilter(id: number): Promise<void> {
  return api<void>('DELETE', `/api/v1/saved-filters/${id}`);
}

/** Assign many issues to one unit; each issue succeeds or fails on its own. */
export async function bulkAssign(unitId: number, dueAt: string | null, items: { id: number; version: number }[]): Promise<BulkResult[]> {
  const r = await post<{ results: BulkResult[] }>('/api/v1/issues/bulk-transitions', { action: 'assign', unitId, ...(dueAt ? { dueAt } : {}), items });
  return r.results;
}
