/**
 * Small text helpers, kept apart from the message tables so the web app's first load stays small and the import's
 * reader thread loads little.
 */

/** Fill `{name}` placeholders. */
export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Title from the body when the clerk gave none: its first sentence, at most 30 characters. */
export function titleFromBody(body: string): string {
  const first = body.trim().split(/[。！？!?\n]/)[0] ?? body;
  const chars = [...first.trim()];
  return chars.length > 30 ? chars.slice(0, 30).join('') + '…' : chars.join('') || '（无标题）';
}

/** A NUL, or half of a surrogate pair without its other half (not a character: UTF-8 cannot hold it). */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/**
 * Whether text holds what the databases cannot store: PostgreSQL refuses NUL in text, and a lone surrogate — which
 * JSON.stringify writes as an escape PostgreSQL's JSON functions then reject — is no character of UTF-8.
 */
export function hasUnstorable(s: string): boolean {
  return UNSTORABLE.test(s);
}

/** Text with what the databases cannot store taken out: NULs dropped, lone surrogates as U+FFFD (imported files). */
export function storable(s: string): string {
  return UNSTORABLE.test(s) ? s.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\uFFFD')) : s;
}
