/**
 * The ledger's filters and order as they live in the URL (`/issues?status=assigned&overdue=true`). The URL query
 * uses the API's own parameter names, so the same text serves the list, the export and saved filters; values the
 * API would refuse (hand-edited links, old bookmarks) are dropped when the URL is read.
 */
import { CHANNELS, ISSUE_KINDS, LEDGER_SORTS, type Channel, type IssueKind, type LedgerSort } from '../../../../shared/enums.ts';
import { ISSUE_STATUSES, type IssueStatus } from '../../../../shared/lifecycle.ts';

/** Filters and order of the ledger screen. */
export interface LedgerQuery {
  status: IssueStatus[];
  channel: Channel[];
  kind: IssueKind[];
  categoryId: number | null;
  /** Located in or assigned to this unit's subtree. */
  unitId: number | null;
  /** Assigned to exactly this unit. */
  responsibleUnitId: number | null;
  /** 包案: owned by this leader. */
  ownerId: number | null;
  /** 重复件 (第19条): linked as a repeat of an earlier issue. */
  repeat: boolean | null;
  overdue: boolean | null;
  /** Received on or after this Shanghai date (`YYYY-MM-DD`). */
  from: string | null;
  /** Received on or before this Shanghai date. */
  to: string | null;
  q: string;
  /** `relevance` only with a search text (without one the API falls back to the default order). */
  sort: LedgerSort;
}

/** No filters, newest first. */
export const EMPTY_QUERY: LedgerQuery = {
  status: [], channel: [], kind: [], categoryId: null, unitId: null, responsibleUnitId: null, ownerId: null, repeat: null, overdue: null, from: null, to: null, q: '', sort: 'received_desc',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const Q_MAX = 100;

function list<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T[] {
  const values = params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim());
  return [...new Set(values.filter((v): v is T => (allowed as readonly string[]).includes(v)))];
}

function id(params: URLSearchParams, key: string): number | null {
  const v = params.get(key);
  return v && /^[1-9][0-9]{0,9}$/.test(v) ? Number(v) : null;
}

function date(params: URLSearchParams, key: string): string | null {
  const v = params.get(key);
  return v && DATE.test(v) && !Number.isNaN(Date.parse(v)) ? v : null;
}

/** Read the filters from a URL query (with or without `?`); unknown or invalid values are ignored. */
export function parseLedgerQuery(search: URLSearchParams | string): LedgerQuery {
  const p = typeof search === 'string' ? new URLSearchParams(search.replace(/^\?/, '')) : search;
  const overdue = p.get('overdue');
  const repeat = p.get('repeat');
  const sort = p.get('sort');
  const q = (p.get('q') ?? '').trim().slice(0, Q_MAX);
  return {
    status: list(p, 'status', ISSUE_STATUSES),
    channel: list(p, 'channel', CHANNELS),
    kind: list(p, 'kind', ISSUE_KINDS),
    categoryId: id(p, 'categoryId'),
    unitId: id(p, 'unitId'),
    responsibleUnitId: id(p, 'responsibleUnitId'),
    ownerId: id(p, 'ownerId'),
    repeat: repeat === 'true' ? true : repeat === 'false' ? false : null,
    overdue: overdue === 'true' ? true : overdue === 'false' ? false : null,
    from: date(p, 'from'),
    to: date(p, 'to'),
    q,
    sort: (LEDGER_SORTS as readonly string[]).includes(sort ?? '') && (sort !== 'relevance' || q) ? (sort as LedgerSort) : 'received_desc',
  };
}

/** The canonical query text (no `?`, fixed key order, the default order left out): for the URL and the API. */
export function ledgerQueryString(q: LedgerQuery): string {
  const u = new URLSearchParams();
  if (q.status.length) u.set('status', q.status.join(','));
  if (q.channel.length) u.set('channel', q.channel.join(','));
  if (q.kind.length) u.set('kind', q.kind.join(','));
  if (q.categoryId) u.set('categoryId', String(q.categoryId));
  if (q.unitId) u.set('unitId', String(q.unitId));
  if (q.responsibleUnitId) u.set('responsibleUnitId', String(q.responsibleUnitId));
  if (q.ownerId) u.set('ownerId', String(q.ownerId));
  if (q.repeat !== null) u.set('repeat', String(q.repeat));
  if (q.overdue !== null) u.set('overdue', String(q.overdue));
  if (q.from) u.set('from', q.from);
  if (q.to) u.set('to', q.to);
  const text = q.q.trim().slice(0, Q_MAX);
  if (text) u.set('q', text);
  if (q.sort !== 'received_desc' && (q.sort !== 'relevance' || text)) u.set('sort', q.sort);
  // Keep commas readable in the address bar (`status=assigned,accepted`); they are legal in a query.
  return u.toString().replace(/%2C/gi, ',');
}

/** Whether any filter is set (the order does not count). */
export function hasFilters(q: LedgerQuery): boolean {
  return ledgerQueryString({ ...q, sort: 'received_desc' }) !== '';
}

/** The orders the sort control offers: by relevance only while there is a search text. */
export function sortOptions(q: Pick<LedgerQuery, 'q'>): LedgerSort[] {
  return LEDGER_SORTS.filter((s) => s !== 'relevance' || q.q.trim() !== '');
}

/**
 * The change a new search text makes: starting a search from the default order switches to relevance (the best
 * matches first); clearing it leaves relevance for the default. An order the user chose (due date, oldest first) stays.
 */
export function applySearch(q: LedgerQuery, text: string): Partial<LedgerQuery> {
  const next = text.trim().slice(0, Q_MAX);
  if (!next) return { q: '', ...(q.sort === 'relevance' ? { sort: 'received_desc' as const } : {}) };
  if (!q.q && q.sort === 'received_desc') return { q: next, sort: 'relevance' };
  return { q: next };
}
