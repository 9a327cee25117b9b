/**
 * Reading an import file as rows of text cells, streamed: CSV in UTF-8 or GB18030 (detected from the first bytes)
 * and .xlsx (the first worksheet, through exceljs's streaming reader). Row numbers are the file's own (the header
 * is row 1), so a report can point at the line a clerk sees in Excel.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { storable } from '../../../shared/format.ts';

/** One data row: its number in the file and its cells by column position. */
export interface SourceRow { row: number; cells: string[] }

export type SourceEncoding = 'utf-8' | 'gb18030';

/**
 * The encoding of a CSV file from its first bytes: a UTF-8 BOM or bytes that decode as UTF-8 are UTF-8; anything
 * else is read as GB18030 (which includes GBK and GB2312, what Chinese Excel saves as "CSV").
 */
export function detectEncoding(head: Uint8Array): SourceEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // A multi-byte character may be cut at the end of the sample: leave its bytes out.
  let end = head.length;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = head[end - k]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b >= 0xc0) end -= k; // a lead byte whose character may be incomplete
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/**
 * An incremental RFC 4180 parser: chunks of text in, complete rows out (quoted fields may hold commas, doubled
 * quotes and line breaks, also across chunks). Rows are numbered by the line they start on.
 */
export class CsvParser {
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  /** A quote seen at the end of a chunk inside a quoted field: a doubled quote or the closing one. */
  private quoteAtEnd = false;
  private afterCr = false;
  private started = false;
  private line = 1;
  private rowLine = 1;

  push(text: string, emit: (cells: string[], line: number) => void): void {
    let i = 0;
    const n = text.length;
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (text[0] === '"') { this.field += '"'; i = 1; } else this.inQuotes = false;
    }
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q < 0) { this.count(text, i, n); this.field += text.slice(i); return; }
        this.count(text, i, q);
        this.field += text.slice(i, q);
        if (q + 1 >= n) { this.quoteAtEnd = true; return; }
        if (text[q + 1] === '"') { this.field += '"'; i = q + 2; } else { this.inQuotes = false; i = q + 1; }
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === 10) { i++; continue; }
      }
      if (c === 34 && this.field === '') { this.inQuotes = true; this.started = true; i++; continue; }
      if (c === 44) { this.row.push(this.field); this.field = ''; this.started = true; i++; continue; }
      if (c === 13 || c === 10) {
        this.endRow(emit);
        this.line++;
        this.rowLine = this.line;
        this.afterCr = c === 13;
        i++;
        continue;
      }
      // A run of ordinary characters at once.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 13 || d === 10 || d === 34) break;
        j++;
      }
      this.field += text.slice(i, j);
      this.started = true;
      i = j;
    }
  }

  /** The last row; throws on an unclosed quote. */
  end(emit: (cells: string[], line: number) => void): void {
    if (this.quoteAtEnd) { this.quoteAtEnd = false; this.inQuotes = false; }
    if (this.inQuotes) throw new ImportFileError(`第 ${this.rowLine} 行：引号未闭合`, `row ${this.rowLine}: unclosed quote`);
    this.endRow(emit);
  }

  private endRow(emit: (cells: string[], line: number) => void): void {
    if (this.started || this.field !== '' || this.row.length) {
      this.row.push(this.field);
      emit(this.row, this.rowLine);
    }
    this.row = [];
    this.field = '';
    this.started = false;
  }

  private count(text: string, from: number, to: number): void {
    for (let k = text.indexOf('\n', from); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) this.line++;
  }
}

/** A file that cannot be read as a table (not a row-level problem). */
export class ImportFileError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(zh);
  }
}

/** The kind of a file by its name. */
export function fileKind(name: string): 'csv' | 'xlsx' {
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  if (/\.csv$/i.test(name)) return 'csv';
  throw new ImportFileError('只支持 .xlsx 和 .csv 文件', 'only .xlsx and .csv files can be imported');
}

/** SHA-256 of a file (the import's fingerprint: the same file imported twice is recognised). */
export async function fingerprintOf(path: string): Promise<string> {
  const h = createHash('sha256');
  // 1 MB reads: with the default 64 kB, the reads' callbacks took half the time (bench/import).
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** The text of an Excel cell value (dates as ISO-8601, formulas by their result, rich text joined). */
export function cellText(v: unknown): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: Array<{ text: string }>; text?: unknown; hyperlink?: string; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
    return '';
  }
  return String(v);
}

/** The header and the data rows of a file, streamed. */
export async function openSource(path: string, name = path): Promise<{ kind: 'csv' | 'xlsx'; encoding: SourceEncoding | null; header: string[]; rows: AsyncGenerator<SourceRow> }> {
  const kind = fileKind(name);
  if (kind === 'xlsx') {
    const rows = xlsxRows(path);
    const first = await rows.next();
    if (first.done) throw new ImportFileError('文件中没有数据', 'the file has no rows');
    return { kind, encoding: null, header: first.value.cells.map((c) => c.trim()), rows };
  }
  const fh = await open(path, 'r');
  const head = Buffer.alloc(64 * 1024);
  const { bytesRead } = await fh.read(head, 0, head.length, 0);
  await fh.close();
  const encoding = detectEncoding(head.subarray(0, bytesRead));
  const rows = csvRows(path, encoding);
  const first = await rows.next();
  if (first.done) throw new ImportFileError('文件中没有数据', 'the file has no rows');
  return { kind, encoding, header: first.value.cells.map((c) => c.replace(/^\ufeff/, '').trim()), rows };
}

async function* csvRows(path: string, encoding: SourceEncoding): AsyncGenerator<SourceRow> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  const parser = new CsvParser();
  let ready: SourceRow[] = [];
  const emit = (cells: string[], row: number) => { ready.push({ row, cells }); };
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    // NULs dropped (PostgreSQL cannot store them); the decoder gives no lone surrogates.
    parser.push(storable(decoder.decode(chunk as Buffer, { stream: true })), emit);
    if (ready.length) { const out = ready; ready = []; yield* out; }
  }
  parser.push(storable(decoder.decode()), emit);
  parser.end(emit);
  yield* ready;
}

async function* xlsxRows(path: string): AsyncGenerator<SourceRow> {
  // Loaded when a sheet is read (a CSV import's reader thread starts without it).
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  for await (const sheet of reader) {
    for await (const r of sheet) {
      const values = (r as ExcelJS.Row).values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(storable(cellText(values[i])));
      yield { row: (r as ExcelJS.Row).number, cells };
    }
    return; // the first worksheet only
  }
}
