/**
 * Keyset cursors of the ledger list. A cursor names the order it belongs to, the last row's sort key and its id,
 * as base64url JSON, so the next page continues after exactly that row whatever was inserted meanwhile.
 * A plain id (`"1234"`, the form before sorting existed) is still accepted: the caller looks up that row's key.
 */
import { LEDGER_SORTS, type LedgerSort } from '../../../shared/enums.ts';

/** Where the previous page ended: the order, the last row's sort key (received or due time; null = no due time) and id. */
export interface ListCursor {
  sort: LedgerSort;
  key: string | null;
  id: number;
}

/** A decoded cursor: a full keyset position, or an old-style plain id whose key is still to be looked up. */
export type DecodedCursor = ListCursor | { sort: null; id: number };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** The cursor text for a position. */
export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.id]), 'utf8').toString('base64url');
}

/** The position a cursor names, or null when the text is not a cursor this server made. */
export function decodeCursor(text: string): DecodedCursor | null {
  if (/^[0-9]{1,15}$/.test(text)) {
    const id = Number(text);
    return id >= 1 ? { sort: null, id } : null;
  }
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(v) || v.length !== 3) return null;
  const [sort, key, id] = v as unknown[];
  if (typeof sort !== 'string' || !(LEDGER_SORTS as readonly string[]).includes(sort)) return null;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return null;
  // Received times always exist; only the due order has rows without a key (sorted last).
  if (sort === 'relevance') {
    if (typeof key !== 'string' || !Number.isFinite(Number(key)) || key.trim() === '') return null;
  } else if (key === null ? sort !== 'due_asc' : typeof key !== 'string' || !ISO.test(key)) return null;
  return { sort: sort as LedgerSort, key: key as string | null, id };
}
