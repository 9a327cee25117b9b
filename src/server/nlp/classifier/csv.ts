// The labelled training/evaluation files: a few MB at most, read whole and parsed by the server's CSV parser (lib/csv.ts).
import { readFileSync } from 'node:fs';
import { CsvParser } from '../../lib/csv.ts';

/** One CSV record keyed by the header's column names. */
export type CsvRecord = Record<string, string>;

/** One labelled message ready for training or evaluation. */
export interface LabelledText {
  id: string;
  text: string;
  label: string;
}

/** Splits CSV text into rows of fields (quoted fields may hold commas, doubled quotes and newlines). */
export function parseCsvRows(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  const parser = new CsvParser();
  parser.push(text, (cells) => rows.push(cells));
  parser.end((cells) => rows.push(cells));
  return rows;
}

/** Parses CSV text with a header row into records; short rows get empty strings for missing fields. */
export function parseCsv(input: string): { columns: string[]; records: CsvRecord[] } {
  const rows = parseCsvRows(input);
  const header = rows[0];
  if (!header) return { columns: [], records: [] };
  const columns = header.map((h) => h.trim());
  const records: CsvRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rec: CsvRecord = {};
    columns.forEach((col, k) => {
      rec[col] = row[k] ?? '';
    });
    records.push(rec);
  }
  return { columns, records };
}

/** Reads a UTF-8 CSV file (with or without BOM) into records keyed by header name. */
export function readCsv(path: string): { columns: string[]; records: CsvRecord[] } {
  return parseCsv(readFileSync(path, 'utf8'));
}

const REQUIRED_COLUMNS = ['id', 'title', 'body', 'label'] as const;

/** Builds the classifier input from a message's title and body (the title may be empty). */
export function messageText(title: string, body: string): string {
  return `${title}\n${body}`;
}

/** Reads a labelled CSV (`id,title,body,label`, extra columns allowed) into texts with labels. */
export function readLabelledCsv(path: string): LabelledText[] {
  const { columns, records } = readCsv(path);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new Error(`CSV 文件 ${path} 缺少列：${missing.join('、')}（需要 ${REQUIRED_COLUMNS.join(',')}）`);
  }
  const out: LabelledText[] = [];
  records.forEach((rec, k) => {
    const label = (rec.label ?? '').trim();
    if (label === '') throw new Error(`CSV 文件 ${path} 第 ${k + 1} 条记录的 label 为空`);
    out.push({ id: rec.id ?? '', text: messageText(rec.title ?? '', rec.body ?? ''), label });
  });
  return out;
}
