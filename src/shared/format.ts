/** Small text helpers both sides use (kept apart from the message tables so the web app's first load stays small). */

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
