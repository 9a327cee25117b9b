/** Small text helpers both sides use (kept apart from the message tables so the web app's first load stays small). */

/** Fill `{name}` placeholders. */
export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
