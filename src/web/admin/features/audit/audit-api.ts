/** The audit screen's calls: a page of entries, the export of the same filters, and the users to filter by. */
import { fetchFile, get, type DownloadedFile } from '../../api/client.ts';
import type { AuditActor, AuditPage } from '../../api/types.ts';

export type { AuditActor, AuditEntry, AuditPage } from '../../api/types.ts';

/** Entries per page. */
export const PAGE_SIZE = 50;

/** A page of entries for a query text (the screen's URL query, which uses the API's names). */
export function listAudit(query: string, cursor: string | null): Promise<AuditPage> {
  const u = new URLSearchParams(query);
  u.set('limit', String(PAGE_SIZE));
  if (cursor) u.set('cursor', cursor);
  return get<AuditPage>(`/api/v1/audit?${u.toString()}`);
}

/** The .xlsx of a query text. */
export function exportAudit(query: string): Promise<DownloadedFile> {
  return fetchFile(`/api/v1/audit/export${query ? `?${query}` : ''}`, 'audit.xlsx');
}

/** The tenant's users. */
export async function listAuditActors(): Promise<AuditActor[]> {
  return (await get<{ items: AuditActor[] }>('/api/v1/audit/actors')).items;
}
