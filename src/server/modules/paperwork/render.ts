/**
 * Templates to text (Mustache, logic-less): which placeholders a template uses (an unknown one is refused when the
 * template is saved, by name), and the text a set of values fills it into. Documents are plain text, one paragraph
 * a line; the HTML a browser shows is made by the web from that text, so no template can carry markup.
 */
import Mustache from 'mustache';
import { PLACEHOLDERS, type Placeholder } from '../../../shared/documents.ts';

type Token = [string, string, number, number, Token[]?];

/** The placeholder names a template uses, in order of first use; throws Mustache's error for a broken template. */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (['name', '&', '#', '^'].includes(t[0]) && !names.includes(t[1])) names.push(t[1]);
      if (t[4]) walk(t[4]);
    }
  };
  walk(Mustache.parse(template) as unknown as Token[]);
  return names;
}

/** Whether a name is a placeholder templates may use. */
export const isPlaceholder = (name: string): name is Placeholder => Object.hasOwn(PLACEHOLDERS, name);

/** Problems of a template: a syntax error, or placeholders that do not exist (named). */
export function checkTemplate(template: string): { error: string } | { unknown: string[] } | null {
  let names: string[];
  try {
    names = placeholdersOf(template);
  } catch (e) {
    return { error: (e as Error).message };
  }
  const unknown = names.filter((n) => !isPlaceholder(n));
  return unknown.length ? { unknown } : null;
}

/** Fill a template with values: text in, text out (no escaping: the result is never read as HTML). */
export function fill(template: string, values: Partial<Record<Placeholder, string>>): string {
  return Mustache.render(template, values, {}, { escape: (s: string) => s });
}

/** The placeholders a template uses that have no value. */
export function emptyPlaceholders(template: string, values: Partial<Record<Placeholder, string>>): string[] {
  return placeholdersOf(template).filter((n) => isPlaceholder(n) && !values[n]?.trim());
}
