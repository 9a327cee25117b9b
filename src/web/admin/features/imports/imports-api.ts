/** The import screen's calls: upload, dry run, the error sheet, the background import and its progress, saved mappings. */
import { api, fetchFile, get, post, put, type DownloadedFile } from '../../api/client.ts';
import type { Channel, IssueKind, Satisfaction } from '../../../../shared/enums.ts';
import type { IssueStatus } from '../../../../shared/lifecycle.ts';

/** The issue fields a source column can fill (the server's `fields` names them). */
export type ImportField =
  | 'sourceId' | 'title' | 'body' | 'receivedAt' | 'channel' | 'kind' | 'category' | 'orgUnit' | 'petitionerName' | 'petitionerPhone'
  | 'status' | 'replyText' | 'replyAt' | 'callbackResult';

/** Column and value mapping, as the API takes it. */
export interface ImportMapping {
  /** Source header → field; a header not listed is kept as an extra attribute. */
  columns: Record<string, ImportField>;
  values?: {
    channel?: Record<string, Channel>;
    kind?: Record<string, IssueKind>;
    status?: Record<string, IssueStatus>;
    callbackResult?: Record<string, Satisfaction>;
  };
  defaults?: { channel?: Channel; kind?: IssueKind; orgUnit?: string; status?: IssueStatus };
}

/** An uploaded file: its header, first rows and a proposed mapping. */
export interface UploadedFile {
  fileId: string;
  filename: string;
  kind: 'csv' | 'xlsx';
  encoding: string | null;
  header: string[];
  sample: string[][];
  suggested: ImportMapping;
  fields: { field: ImportField; zh: string; en: string }[];
}

/** What a dry run found. */
export interface DryRunReport {
  filename: string;
  encoding: string | null;
  total: number;
  toCreate: number;
  toSkip: number;
  failed: number;
  errors: { row: number; column: string; message: string }[];
  errorsTruncated: boolean;
}

/** An import running in the background, or finished. */
export interface ImportProgress {
  batchId: number;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  filename: string;
  done: number;
  created: number;
  skipped: number;
  failed: number;
  /** The last step: cases written to the search index, of `toIndex` (0 until the step starts). */
  indexed: number;
  toIndex: number;
  error: string | null;
}

/** A mapping saved under a name. */
export interface SavedMapping {
  id: number;
  name: string;
  mapping: ImportMapping;
  updatedAt: string;
}

/** Upload a file (multipart field `file`). */
export function uploadImportFile(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<UploadedFile>('POST', '/api/v1/imports/files', form);
}

/** Check every row against the mapping; nothing is written. */
export function dryRun(fileId: string, mapping: ImportMapping): Promise<DryRunReport> {
  return post<DryRunReport>('/api/v1/imports/dry-run', { fileId, mapping });
}

/** The rows with errors as an .xlsx (the file's columns, 原行号 and 错误说明). */
export function errorSheet(fileId: string, mapping: ImportMapping): Promise<DownloadedFile> {
  return fetchFile('/api/v1/imports/error-sheet', 'errors.xlsx', { fileId, mapping });
}

/** Start the import in the background. */
export async function startImport(fileId: string, mapping: ImportMapping): Promise<number> {
  return (await post<{ batchId: number }>('/api/v1/imports', { fileId, mapping })).batchId;
}

/** How far an import got. */
export function importProgress(batchId: number): Promise<ImportProgress> {
  return get<ImportProgress>(`/api/v1/imports/${batchId}`);
}

/** The tenant's saved mappings, by name. */
export async function listMappings(): Promise<SavedMapping[]> {
  return (await get<{ items: SavedMapping[] }>('/api/v1/import-mappings')).items;
}

/** Save a mapping (the same name replaces it). */
export function saveMapping(name: string, mapping: ImportMapping): Promise<SavedMapping> {
  return put<SavedMapping>('/api/v1/import-mappings', { name, mapping });
}
