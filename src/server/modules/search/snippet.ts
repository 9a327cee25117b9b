/** Highlighted snippets of search results: a window of the stored text around the first hit, hits marked. */
import { highlightRanges } from '../../nlp/index.ts';

/** A piece of a snippet; `hit` pieces are what matched. */
export interface SnippetPart { text: string; hit: boolean }

/**
 * A snippet of `doc` around the first occurrence of any term, about `width` characters, with every occurrence
 * marked. Without an occurrence (a match in the tracking code), the start of the text.
 */
export function snippetOf(doc: string, terms: readonly string[], width = 80): SnippetPart[] {
  // The first line is the title, which the list shows (and highlights) anyway: the snippet is cut from the rest.
  const nl = doc.indexOf('\n');
  const text = (nl >= 0 ? doc.slice(nl + 1) : doc).replace(/\s+/g, ' ');
  const ranges = highlightRanges(text, terms);
  const first = ranges[0];
  let start = 0;
  if (first) start = Math.max(0, Math.min(first[0] - Math.floor(width / 3), text.length - width));
  const end = Math.min(text.length, start + width);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', hit: false });
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue;
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    if (s > at) parts.push({ text: text.slice(at, s), hit: false });
    parts.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < end) parts.push({ text: text.slice(at, end), hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts;
}
