/**
 * The search index's tokens, made in the app so SQLite (FTS5, `ascii` tokenizer) and PostgreSQL (`tsvector`
 * built with `array_to_tsvector`) index exactly the same lexemes and neither depends on a database text parser
 * or locale.
 *
 * Text is NFKC-normalised (full-width → half-width) and lower-cased. A run of Han/kana/Hangul characters gives
 * its overlapping bigrams plus its last character alone, so every character of the run is the first character of
 * some token: a Chinese substring of two or more characters is found through its bigrams (all of them are in any
 * text that contains it), a single character through a prefix query. A run of letters or digits gives, from each of
 * its characters, the rest of the run up to MAX_WORD_TOKEN characters (its suffixes, for a word no longer than that),
 * so a prefix query of a term's first MAX_WORD_TOKEN characters finds any substring of it, however long the word.
 * Candidates are then checked against the stored text, so a match is exact.
 */

const IDEO = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK = new RegExp(`[${IDEO}]`, 'u');
/** Runs of ideographs, or of other letters/digits; everything else separates. */
const RUN = new RegExp(`([${IDEO}]+)|((?:(?![${IDEO}])[\\p{L}\\p{N}])+)`, 'gu');

/** Longest token of letters or digits; a longer term is looked up by its first this-many characters. */
export const MAX_WORD_TOKEN = 24;

/** Most bigrams of one term that go into a query: any subset keeps recall (the text check keeps precision). */
const MAX_TOKENS_PER_TERM = 12;

/** Normalise text for indexing and matching: NFKC, lower case. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Character classes for `indexTokens`: what RUN's two groups accept, decided once per code point. */
const SEPARATOR = 1;
const IDEOGRAPH = 2;
const WORD = 3;
const IDEO_CHAR = new RegExp(`^[${IDEO}]$`, 'u');
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const bmpClass = new Uint8Array(0x10000);
const astralClass = new Map<number, number>();

function classOf(cp: number): number {
  const known = cp < 0x10000 ? bmpClass[cp]! : astralClass.get(cp) ?? 0;
  if (known) return known;
  const ch = String.fromCodePoint(cp);
  const c = IDEO_CHAR.test(ch) ? IDEOGRAPH : WORD_CHAR.test(ch) ? WORD : SEPARATOR;
  if (cp < 0x10000) bmpClass[cp] = c;
  else astralClass.set(cp, c);
  return c;
}

/**
 * The index tokens of a text (distinct, in first-seen order): the same as cutting the normalised text into RUN's
 * runs (`indexTokensByRegex`), in one pass over the code points with their classes cached — the bulk index of an
 * import spends its time here (6.5 s per 100,000 cases with the regular expression).
 */
export function indexTokens(text: string): string[] {
  const out = new Set<string>();
  const s = normalize(text);
  const n = s.length;
  let i = 0;
  while (i < n) {
    const cp = s.codePointAt(i)!;
    const c = cp < 0x10000 ? bmpClass[cp] || classOf(cp) : classOf(cp);
    if (c === SEPARATOR) { i += cp > 0xffff ? 2 : 1; continue; }
    // One run of the same class.
    let j = i;
    let astral = false;
    while (j < n) {
      const cj = s.charCodeAt(j);
      if (cj >= 0xd800 && cj <= 0xdbff) {
        const full = s.codePointAt(j)!;
        if (classOf(full) !== c) break;
        astral = true;
        j += full > 0xffff ? 2 : 1;
      } else {
        if ((bmpClass[cj] || classOf(cj)) !== c) break;
        j++;
      }
    }
    if (!astral && c === IDEOGRAPH) {
      for (let a = i; a + 2 <= j; a++) out.add(s.substr(a, 2));
      out.add(s[j - 1]!);
    } else if (!astral) {
      // From every character the rest of the word (up to a length), so a prefix query finds any substring: "3" finds "a3".
      const run = s.slice(i, j);
      for (let a = 0; a < run.length; a++) out.add(run.slice(a, a + MAX_WORD_TOKEN));
    } else {
      for (const t of runTokens(Array.from(s.slice(i, j)), c === IDEOGRAPH)) out.add(t);
    }
    i = j;
  }
  return [...out];
}

/** The tokens of one run given as code points (bigrams and the last one, or a word's pieces from each character). */
function runTokens(chars: string[], ideographs: boolean): string[] {
  if (ideographs) return [...chars.slice(0, -1).map((ch, a) => ch + chars[a + 1]!), chars[chars.length - 1]!];
  return chars.map((_, a) => chars.slice(a, a + MAX_WORD_TOKEN).join(''));
}

/** `indexTokens` by the regular expression RUN: the definition the fast one is tested against. */
export function indexTokensByRegex(text: string): string[] {
  const out = new Set<string>();
  for (const m of normalize(text).matchAll(RUN)) {
    for (const t of runTokens(Array.from(m[0]), !!m[1])) out.add(t);
  }
  return [...out];
}

/** One token of a query: an exact token, or a prefix of tokens. */
export interface QueryToken { token: string; prefix: boolean }

/** One search term: its normalised text (checked as a substring) and the tokens that find its candidates. */
export interface QueryTerm { text: string; tokens: QueryToken[] }

/** Split a query into terms: whitespace separates, double quotes (ASCII or Chinese) keep a phrase together. */
export function parseQuery(q: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const re = /["“”「」]([^"“”「」]*)["“”「」]?|(\S+)/gu;
  for (const m of normalize(q).matchAll(re)) {
    const text = (m[1] ?? m[2] ?? '').replace(/\s+/g, ' ').trim();
    if (!text || seen.has(text)) continue;
    const tokens = termTokens(text);
    if (tokens.length === 0) continue; // punctuation only: nothing to look for
    seen.add(text);
    terms.push({ text, tokens });
  }
  return terms;
}

function termTokens(text: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  for (const m of text.matchAll(RUN)) {
    const run = m[0];
    if (m[1]) {
      const chars = Array.from(run);
      if (chars.length === 1) { tokens.push({ token: run, prefix: true }); continue; }
      for (let i = 0; i + 1 < chars.length; i++) tokens.push({ token: chars[i]! + chars[i + 1]!, prefix: false });
    } else {
      // A word inside a phrase may be cut at either end only at the phrase's ends; a prefix match covers the start.
      tokens.push({ token: Array.from(run).slice(0, MAX_WORD_TOKEN).join(''), prefix: true });
    }
  }
  if (tokens.length <= MAX_TOKENS_PER_TERM) return dedupe(tokens);
  // Long phrases: an even spread of bigrams, always with the first and the last.
  const step = (tokens.length - 1) / (MAX_TOKENS_PER_TERM - 1);
  return dedupe(Array.from({ length: MAX_TOKENS_PER_TERM }, (_, i) => tokens[Math.round(i * step)]!));
}

function dedupe(tokens: QueryToken[]): QueryToken[] {
  const seen = new Set<string>();
  return tokens.filter((t) => {
    const k = `${t.token}${t.prefix ? '*' : ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The FTS5 MATCH expression of terms (every token of every term). */
export function fts5Query(terms: QueryTerm[]): string {
  return terms.flatMap((t) => t.tokens).map((t) => `"${t.token}"${t.prefix ? '*' : ''}`).join(' AND ');
}

/** The PostgreSQL `tsquery` text of terms; lexemes are quoted literally, so no parser or dictionary touches them. */
export function tsQuery(terms: QueryTerm[], op: '&' | '|' = '&'): string {
  return terms.flatMap((t) => t.tokens).map((t) => `'${t.token.replace(/'/g, "''")}'${t.prefix ? ':*' : ''}`).join(` ${op} `);
}

/** Whether a string has any ideograph (then single characters are meaningful terms). */
export function hasCjk(s: string): boolean {
  return CJK.test(s);
}

/** Where the terms occur in a text, as [start, end) ranges over its normalised form (same length as NFKC of it). */
export function highlightRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  const hay = normalize(text);
  const ranges: Array<[number, number]> = [];
  for (const t of terms) {
    if (!t) continue;
    for (let i = hay.indexOf(t); i >= 0; i = hay.indexOf(t, i + t.length)) ranges.push([i, i + t.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** The stored text of an issue: its parts, NFKC-normalised, one per line. */
export function searchDoc(parts: ReadonlyArray<string | null | undefined>): string {
  return searchText(parts).normalize('NFKC');
}

/**
 * What NFKC changes in most Chinese text — full-width punctuation and spaces to their ASCII forms. Search can fold
 * these in SQL (`replace`), which is much cheaper than normalising there: a case whose text NFKC changes in no other way
 * is searched in its parts as stored, folded, until its stored text is written (imports, see `storedDocOf`).
 */
export const PUNCT_FOLDS: ReadonlyArray<readonly [string, string]> = [
  ['，', ','], ['\u3000', ' '], ['！', '!'], ['：', ':'], ['\u00a0', ' '], ['？', '?'], ['（', '('], ['）', ')'], ['；', ';'],
  ['…', '...'], ['．', '.'], ['％', '%'], ['－', '-'],
];
const FOLD_FROM = new RegExp(`[${PUNCT_FOLDS.map(([from]) => from).join('')}]`, 'gu');
const FOLD_TO = new Map(PUNCT_FOLDS);

/** A text with PUNCT_FOLDS applied. */
export function foldPunct(text: string): string {
  return text.replace(FOLD_FROM, (c) => FOLD_TO.get(c)!);
}

/**
 * The searchable text of some parts if it must be stored for search to find them exactly (NFKC changes more than
 * PUNCT_FOLDS fold), else null: the parts as stored, folded, are then the same text.
 */
export function storedDocOf(parts: ReadonlyArray<string | null | undefined>): string | null {
  const text = searchText(parts);
  const doc = text.normalize('NFKC');
  return foldsTo(text, doc) ? null : doc;
}

/**
 * Whether `foldPunct(text) === doc`, for `doc` the NFKC of `text`, without building the folded text (an import checks
 * every row). Walking both: a character PUNCT_FOLDS folds never appears in an NFKC text, so where the two differ the
 * text's must be one of them, and `doc` must go on with what it folds to.
 */
function foldsTo(text: string, doc: string): boolean {
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === doc.charCodeAt(j)) {
      j++;
      continue;
    }
    const to = FOLD_TO.get(text[i]!);
    if (to === undefined || !doc.startsWith(to, j)) return false;
    j += to.length;
  }
  return j === doc.length;
}

/** An issue's parts one per line, as they are (`searchDoc` before normalisation). */
export function searchText(parts: ReadonlyArray<string | null | undefined>): string {
  return parts.filter((p): p is string => !!p && p.trim() !== '').join('\n');
}
