/**
 * Editing an import mapping without side effects: one column per field, the enumerated values seen in the file and
 * how the server would recognise them, a saved mapping applied to another file's header, and the mapping cleaned
 * of empty parts before it is sent.
 */
import { CHANNELS, CHANNEL_NAMES, ISSUE_KINDS, ISSUE_KIND_NAMES, SATISFACTIONS, SATISFACTION_NAMES } from '../../../../shared/enums.ts';
import { ISSUE_STATUSES, STATUS_INFO } from '../../../../shared/lifecycle.ts';
import type { ImportField, ImportMapping } from './imports-api.ts';

/** The fields whose values are codes, in the order the value editor lists them. */
export const ENUM_FIELDS = ['status', 'channel', 'kind', 'callbackResult'] as const;
/** A field whose values are codes. */
export type EnumField = (typeof ENUM_FIELDS)[number];

/** The codes of each enumerated field and their names. */
export const ENUM_CODES: Record<EnumField, { codes: readonly string[]; names: Record<string, { zh: string; en: string }> }> = {
  status: { codes: ISSUE_STATUSES, names: STATUS_INFO },
  channel: { codes: CHANNELS, names: CHANNEL_NAMES },
  kind: { codes: ISSUE_KINDS, names: ISSUE_KIND_NAMES },
  callbackResult: { codes: SATISFACTIONS, names: SATISFACTION_NAMES },
};

/** Fields every row needs from a column (a default cannot stand in for them). */
export const REQUIRED_FIELDS: readonly ImportField[] = ['body', 'receivedAt'];

/** The source column mapped to a field, if any. */
export function columnOf(mapping: ImportMapping, field: ImportField): string | undefined {
  return Object.keys(mapping.columns).find((h) => mapping.columns[h] === field);
}

/**
 * Map a column to a field (or to nothing). A field fills from one column only: a column that had it before is
 * unmapped, and named in `moved`.
 */
export function setColumn(mapping: ImportMapping, header: string, field: ImportField | undefined): { mapping: ImportMapping; moved?: string } {
  const columns = { ...mapping.columns };
  let moved: string | undefined;
  if (field) {
    for (const h of Object.keys(columns)) if (h !== header && columns[h] === field) { delete columns[h]; moved = h; }
    columns[header] = field;
  } else {
    delete columns[header];
  }
  return { mapping: { ...mapping, columns }, moved };
}

const norm = (s: string) => s.trim().replace(/\s+/g, '').toLowerCase();

/** The code the server recognises a value as without a value mapping (equal to a code or a name), if any. */
export function recognise(field: EnumField, value: string): string | undefined {
  const { codes, names } = ENUM_CODES[field];
  const n = norm(value);
  return codes.find((c) => c === n || norm(names[c]!.zh) === n || norm(names[c]!.en) === n);
}

/** The distinct values of a column in the sample rows (trimmed, first seen first), then `more` not seen yet. */
export function distinctValues(header: string[], sample: string[][], column: string | undefined, more: readonly string[] = []): string[] {
  const seen = new Set<string>();
  const i = column === undefined ? -1 : header.indexOf(column);
  if (i >= 0) for (const r of sample) { const v = (r[i] ?? '').trim(); if (v) seen.add(v); }
  for (const v of more) if (v.trim()) seen.add(v.trim());
  return [...seen];
}

/** Set (or, with no code, remove) the code a source value of an enumerated field becomes. */
export function setValue(mapping: ImportMapping, field: EnumField, source: string, code: string | undefined): ImportMapping {
  const current: Record<string, string> = { ...(mapping.values?.[field] ?? {}) };
  if (code) current[source] = code;
  else delete current[source];
  return { ...mapping, values: { ...mapping.values, [field]: current } };
}

/** A saved mapping for this file: its columns that the file has (and how many), its values and defaults. */
export function applySaved(saved: ImportMapping, header: string[]): { mapping: ImportMapping; matched: number } {
  const columns: ImportMapping['columns'] = {};
  for (const h of header) { const f = saved.columns[h]; if (f) columns[h] = f; }
  return { mapping: { columns, values: saved.values ?? {}, defaults: saved.defaults ?? {} }, matched: Object.keys(columns).length };
}

/** The mapping as sent: no empty value maps, no empty defaults. */
export function cleanMapping(mapping: ImportMapping): ImportMapping {
  const out: ImportMapping = { columns: { ...mapping.columns } };
  const values: NonNullable<ImportMapping['values']> = {};
  for (const f of ENUM_FIELDS) {
    const v = mapping.values?.[f];
    if (v && Object.keys(v).length) (values as Record<string, unknown>)[f] = { ...v };
  }
  if (Object.keys(values).length) out.values = values;
  const d = mapping.defaults ?? {};
  const defaults: NonNullable<ImportMapping['defaults']> = {};
  if (d.channel) defaults.channel = d.channel;
  if (d.kind) defaults.kind = d.kind;
  if (d.status) defaults.status = d.status;
  if (d.orgUnit?.trim()) defaults.orgUnit = d.orgUnit.trim();
  if (Object.keys(defaults).length) out.defaults = defaults;
  return out;
}
