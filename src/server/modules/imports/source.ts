/**
 * Reading an import file as rows of text cells, streamed: CSV in UTF-8 or GB18030 (detected from the first bytes)
 * and .xlsx (the first worksheet, through exceljs's streaming reader). Row numbers are the file's own (the header
 * is row 1), so a report can point at the line a clerk sees in Excel.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { formatMessage, storable } from '../../../shared/format.ts';
import { ERRORS, type ErrorCode } from '../../../shared/messages.ts';
import { CsvParser as TextCsvParser } from '../../lib/csv.ts';

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

/** lib/csv.ts's parser, with an unclosed quote refused as an {@link ImportFileError} (a 400 in words). */
export class CsvParser extends TextCsvParser {
  protected override unclosedQuote(line: number): Error {
    return new ImportFileError(`第 ${line} 行：引号未闭合`, `row ${line}: unclosed quote`);
  }
}

/**
 * A file that cannot be read as a table (not a row-level problem): its message in both languages, and the error code
 * and parameters the API answers with (`validation` with the message as its detail unless a code of its own is given).
 */
export class ImportFileError extends Error {
  readonly params: Record<string, string | number>;
  constructor(readonly zh: string, readonly en: string, readonly code: ErrorCode = 'validation', params?: Record<string, string | number>) {
    super(zh);
    this.params = params ?? { detail: zh, detail_en: en };
  }

  /** The error of a code of messages.ts, with its `reason` (and `reason_en`) when the message has one. */
  static of(code: ErrorCode, reason?: { zh: string; en: string }): ImportFileError {
    const params: Record<string, string> = reason ? { reason: reason.zh, reason_en: reason.en } : {};
    return new ImportFileError(formatMessage(ERRORS[code].zh, params), formatMessage(ERRORS[code].en, { reason: reason?.en ?? '' }), code, params);
  }
}

/** Formats a file can be told by their first bytes (what a file given as .xlsx or .csv turns out to be). */
const MAGIC: Array<[bytes: number[], zh: string, en: string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片', 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片', 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF 图片', 'a GIF image'],
  [[0x42, 0x4d], 'BMP 图片', 'a BMP image'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF 文件', 'a PDF file'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR 压缩包', 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7z 压缩包', 'a 7z archive'],
  [[0x1f, 0x8b], 'gzip 压缩文件', 'a gzip file'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'RTF 文档', 'an RTF document'],
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: Office 97–2003 (.xls, .doc) and every password-protected Office file since 2007. */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The stream an encrypted OOXML file keeps its package in (ECMA-376 / MS-OFFCRYPTO), as its directory names it. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
const startsWith = (head: Uint8Array, magic: number[]) => magic.every((b, i) => head[i] === b);

const DAMAGED = { zh: '文件已损坏，无法读取其中的工作表；请在 Excel 中打开并另存为 .xlsx 后再导入', en: 'it is damaged and its worksheet cannot be read; open it in Excel, save it as .xlsx and import it again' };

/**
 * What is wrong with a file, told from its bytes before it is parsed: empty, password-protected, an old .xls, another
 * format under the name, a workbook cut short (no end of its zip directory). Undefined when it may be what its name says.
 */
export async function fileProblem(path: string, kind: 'csv' | 'xlsx'): Promise<ImportFileError | undefined> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size === 0) return ImportFileError.of('import_file_empty');
    const head = Buffer.alloc(Math.min(size, 512));
    await fh.read(head, 0, head.length, 0);
    if (startsWith(head, CFB)) {
      if (await holds(fh, size, ENCRYPTED_PACKAGE)) return ImportFileError.of('import_encrypted');
      const reason = { zh: '这是旧版 Excel 97–2003（.xls）或其他 Office 文件，请在 Excel 中另存为 .xlsx 后再导入', en: 'it is an old Excel 97–2003 (.xls) or another Office file; save it as .xlsx in Excel and import it again' };
      return ImportFileError.of(kind === 'xlsx' ? 'import_not_xlsx' : 'import_not_csv', reason);
    }
    const known = MAGIC.find(([magic]) => startsWith(head, magic));
    if (kind === 'csv') {
      if (startsWith(head, ZIP)) return ImportFileError.of('import_not_csv', { zh: '内容是 Excel 工作簿（.xlsx）或 ZIP 压缩包，不是文本；Excel 工作簿请以 .xlsx 为扩展名导入', en: 'its content is an Excel workbook (.xlsx) or a ZIP archive, not text; import a workbook under a name ending in .xlsx' });
      if (known) return ImportFileError.of('import_not_csv', { zh: `内容是 ${known[1]}，不是文本`, en: `its content is ${known[2]}, not text` });
      return undefined;
    }
    if (!startsWith(head, ZIP)) {
      if (known) return ImportFileError.of('import_not_xlsx', { zh: `内容是 ${known[1]}，不是 Excel 工作簿`, en: `its content is ${known[2]}, not an Excel workbook` });
      if (isText(head)) return ImportFileError.of('import_not_xlsx', { zh: '内容是文本，不是 Excel 工作簿（CSV 文件请以 .csv 为扩展名导入）', en: 'its content is text, not an Excel workbook (import a CSV file under a name ending in .csv)' });
      return ImportFileError.of('import_not_xlsx', { zh: '内容不是 Excel 工作簿（可能是改了扩展名的其他文件），请在 Excel 中打开后另存为 .xlsx', en: 'its content is not an Excel workbook (perhaps another file renamed to .xlsx); open it in Excel and save it as .xlsx' });
    }
    // A zip ends with its directory (the end record within the last 64 kB + 22 bytes): a workbook cut short has none.
    const tailSize = Math.min(size, 0xffff + 22);
    const tail = Buffer.alloc(tailSize);
    await fh.read(tail, 0, tailSize, size - tailSize);
    if (tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) {
      return ImportFileError.of('import_not_xlsx', { zh: '文件不完整或已损坏（可能没有下载或复制完），请重新导出或复制后再导入', en: 'the file is incomplete or damaged (perhaps not completely downloaded or copied); export or copy it again' });
    }
    return undefined;
  } finally {
    await fh.close();
  }
}

/** Whether a file holds a byte string (read in 1 MB pieces, overlapping by the string's length). */
async function holds(fh: Awaited<ReturnType<typeof open>>, size: number, what: Buffer): Promise<boolean> {
  const buf = Buffer.alloc(1 << 20);
  for (let pos = 0; pos < size; pos += buf.length - what.length) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (buf.subarray(0, bytesRead).includes(what)) return true;
    if (pos + bytesRead >= size) break;
  }
  return false;
}

/** Whether the first bytes of a file look like text (no control characters but tab and line breaks, valid UTF-8 or GB18030). */
function isText(head: Buffer): boolean {
  for (const b of head) if (b < 0x20 && b !== 9 && b !== 10 && b !== 13) return false;
  return detectEncoding(head) === 'utf-8' || firstBadLine(head, 'gb18030') < 0;
}

/**
 * The line (0-based, counted by its line feeds) of a piece of a file on which it stops decoding, or -1. A line feed is
 * never part of a character in UTF-8 or GB18030, so each line is checked on its own; the first line may begin with the
 * end of a character started before the piece (UTF-8 continuation bytes are skipped; in GB18030 it may then be named
 * one line early).
 */
function firstBadLine(piece: Uint8Array, encoding: SourceEncoding): number {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let start = 0;
  for (let line = 0; start <= piece.length; line++) {
    let end = piece.indexOf(10, start);
    if (end < 0) end = piece.length;
    let from = start;
    if (line === 0 && encoding === 'utf-8') while (from < end && (piece[from]! & 0xc0) === 0x80) from++;
    // A character cut at the end of the piece is not an error here (the caller knows whether the file ends there).
    try { decoder.decode(piece.subarray(from, end), { stream: end === piece.length }); } catch { return line; }
    start = end + 1;
  }
  return -1;
}

/** The error of a CSV file whose bytes stop decoding on a line. */
function badEncoding(line: number): ImportFileError {
  return ImportFileError.of('import_not_csv', {
    zh: `第 ${line} 行含有无法识别的字节（应为 UTF-8 或 GB18030/GBK 编码）；请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后再导入`,
    en: `line ${line} holds bytes that are neither UTF-8 nor GB18030 (GBK); save it from Excel as "CSV UTF-8 (Comma delimited)" and import it again`,
  });
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
  const problem = await fileProblem(path, kind);
  if (problem) throw problem;
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
  // Bytes that do not decode are refused with their line, not read as U+FFFD (a clerk would import 锟斤拷).
  const decoder = new TextDecoder(encoding, { ignoreBOM: false, fatal: true });
  const parser = new CsvParser();
  let ready: SourceRow[] = [];
  const emit = (cells: string[], row: number) => { ready.push({ row, cells }); };
  /** The file's line the next piece starts on. */
  let line = 1;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const bytes = chunk as Buffer;
    let text: string;
    try { text = decoder.decode(bytes, { stream: true }); } catch {
      // A file read as GB18030 may be UTF-8 with a few bad bytes: the line named is where neither reads any further.
      const bad = Math.max(0, firstBadLine(bytes, encoding), encoding === 'gb18030' ? firstBadLine(bytes, 'utf-8') : -1);
      throw badEncoding(line + bad);
    }
    for (let k = bytes.indexOf(10); k >= 0; k = bytes.indexOf(10, k + 1)) line++;
    // NULs dropped (PostgreSQL cannot store them); the decoder gives no lone surrogates.
    parser.push(storable(text), emit);
    if (ready.length) { const out = ready; ready = []; yield* out; }
  }
  let rest: string;
  try { rest = decoder.decode(); } catch { throw badEncoding(line); } // a character cut off at the end
  parser.push(storable(rest), emit);
  parser.end(emit);
  yield* ready;
}

async function* xlsxRows(path: string): AsyncGenerator<SourceRow> {
  // Loaded when a sheet is read (a CSV import's reader thread starts without it).
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  try {
    for await (const sheet of reader) {
      for await (const r of sheet) {
        const values = (r as ExcelJS.Row).values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(storable(cellText(values[i])));
        yield { row: (r as ExcelJS.Row).number, cells };
      }
      return; // the first worksheet only
    }
  } catch (err) {
    // What the zip or XML reader says of a damaged workbook ("invalid signature", "FILE_ENDED", a parse error) is no
    // message for a clerk.
    throw err instanceof ImportFileError ? err : ImportFileError.of('import_not_xlsx', DAMAGED);
  }
}
