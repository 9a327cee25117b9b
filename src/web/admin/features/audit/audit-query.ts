/** The audit screen's filters as its URL query, in the API's own parameter names (so the list and the export share one text). */

/** The filters the screen offers. */
export interface AuditQuery {
  actor: number | null;
  action: string[];
  issue: string;
  from: string | null;
  to: string | null;
  ip: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Read the filters from a query string; what is not understood is dropped. */
export function parseAuditQuery(text: string): AuditQuery {
  const p = new URLSearchParams(text);
  const actor = Number(p.get('actor'));
  const date = (k: string) => { const v = p.get(k); return v && DATE.test(v) ? v : null; };
  return {
    actor: Number.isSafeInteger(actor) && actor > 0 ? actor : null,
    action: (p.get('action') ?? '').split(',').map((s) => s.trim()).filter((s) => /^[a-z_.]+$/.test(s)),
    issue: (p.get('issue') ?? '').trim().slice(0, 40),
    from: date('from'),
    to: date('to'),
    ip: (p.get('ip') ?? '').trim().slice(0, 64),
  };
}

/** The canonical query string of the filters (no leading `?`). */
export function auditQueryString(q: AuditQuery): string {
  const p = new URLSearchParams();
  if (q.actor !== null) p.set('actor', String(q.actor));
  if (q.action.length) p.set('action', q.action.join(','));
  if (q.issue) p.set('issue', q.issue);
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  if (q.ip) p.set('ip', q.ip);
  return p.toString().replace(/%2C/g, ',');
}

/** Whether any filter is set. */
export function hasAuditFilters(q: AuditQuery): boolean {
  return auditQueryString(q) !== '';
}

/** An entry's data as short text: `key: value` pairs, nested values as JSON. */
export function detailText(data: Record<string, unknown>): string {
  return Object.entries(data).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; ');
}
