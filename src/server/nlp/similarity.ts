/**
 * The arithmetic of similar issues ("more like this", the intel module's `similar.ts` runs the queries): the tokens
 * that describe a text's problem, which of them to look up with what weight given their document frequencies, and how a
 * candidate is scored — the cosine of the two texts' TF-IDF token vectors (sublinear tf, idf from the sampled
 * frequencies) plus a little for the same place and category.
 */

/** How many tokens of the new text are looked up. */
const QUERY_TOKENS = 24;
/** Tokens absent from a partial frequency sample that are still looked up. */
const UNSEEN_TOKENS = 3;
/** Tokens in more than this share of issues say little about which problem it is. */
const COMMON = 0.06;
/** …but in a small ledger every token is in a few issues: only drop tokens seen more often than this. */
const MIN_COMMON_DF = 20;

/** Whether a UTF-16 code unit is an ideograph, kana or Hangul syllable (the BMP blocks Chinese text uses). */
function isIdeo(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7af);
}

/**
 * The tokens that describe a text's problem, in its first `max` code units: ideograph bigrams and ASCII words of two
 * or more characters (lower case) — index tokens too. A single pass over already-normalised text: this runs for every
 * candidate.
 */
export function problemTokens(text: string, max: number): Set<string> {
  return new Set(problemTokenCounts(text, max).keys());
}

/** `problemTokens` with how often each occurs. */
export function problemTokenCounts(text: string, max: number): Map<string, number> {
  const out = new Map<string, number>();
  const add = (t: string) => out.set(t, (out.get(t) ?? 0) + 1);
  const n = Math.min(text.length, max);
  let word = '';
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isIdeo(c)) {
      if (word.length >= 2) add(word);
      word = '';
      if (i + 1 < n && isIdeo(text.charCodeAt(i + 1))) add(text.slice(i, i + 2));
    } else if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) {
      word += text[i];
    } else if (c >= 0x41 && c <= 0x5a) {
      word += String.fromCharCode(c + 32);
    } else {
      if (word.length >= 2) add(word);
      word = '';
    }
  }
  if (word.length >= 2) add(word);
  return out;
}

/** Document frequencies of tokens in `n` issues (a sample of them unless `complete`). */
export interface TokenFrequencies { n: number; df: ReadonlyMap<string, number>; complete: boolean }

/**
 * The tokens of a text to look up, rarest first, each with its idf weight: the rarest that some issue has (common ones
 * dropped), then — when the frequencies are a partial sample — a few that the sample lacks but older issues may have.
 */
export function rarestTokens(tokens: ReadonlySet<string>, { n, df, complete }: TokenFrequencies): Array<{ token: string; weight: number }> {
  const seen = [...tokens].filter((t) => (df.get(t) ?? 0) > 0 && (df.get(t) ?? 0) <= Math.max(COMMON * n, MIN_COMMON_DF))
    .sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : 1));
  const unseen = complete ? [] : [...tokens].filter((t) => !df.has(t)).sort().slice(0, UNSEEN_TOKENS);
  return [...seen.slice(0, QUERY_TOKENS - unseen.length), ...unseen]
    .map((token) => ({ token, weight: Math.log((n + 1) / ((df.get(token) ?? 0) + 1)) + 1 }));
}

/**
 * The tokens of a text to look up, each with its vote: those that weigh most in its TF-IDF vector (`vector`, from
 * `tfidfVector`), common ones dropped, then — when the frequencies are a partial sample — a few that the sample lacks
 * but older issues may have. A token's vote is its weight times its idf, so an issue's votes approximate its dot
 * product with the text. The heaviest tokens are the rare ones the text repeats: the place's name, the problem's words.
 */
export function lookupTokens(vector: ReadonlyMap<string, number>, freq: TokenFrequencies): Array<{ token: string; weight: number }> {
  const { n, df, complete } = freq;
  const max = Math.max(COMMON * n, MIN_COMMON_DF);
  const seen = [...vector.keys()].filter((t) => (df.get(t) ?? 0) > 0 && df.get(t)! <= max)
    .sort((a, b) => vector.get(b)! - vector.get(a)! || (a < b ? -1 : 1));
  const unseen = complete ? [] : [...vector.keys()].filter((t) => !df.has(t)).sort().slice(0, UNSEEN_TOKENS);
  return [...seen.slice(0, QUERY_TOKENS - unseen.length), ...unseen].map((token) => ({ token, weight: vector.get(token)! * idfOf(token, freq) }));
}

/** A token's idf given the frequencies (a token the sample lacks counts as in none of its issues); memoised per sample. */
export function idfOf(token: string, { n, df }: TokenFrequencies): number {
  let memo = idfMemo.get(df);
  if (!memo) idfMemo.set(df, (memo = new Map()));
  let idf = memo.get(token);
  if (idf === undefined) memo.set(token, (idf = Math.log((n + 1) / ((df.get(token) ?? 0) + 1)) + 1));
  return idf;
}
const idfMemo = new WeakMap<ReadonlyMap<string, number>, Map<string, number>>();

/** A text's TF-IDF vector of unit length: (1 + ln tf) · idf per token. */
export function tfidfVector(counts: ReadonlyMap<string, number>, freq: TokenFrequencies): Map<string, number> {
  const v = new Map<string, number>();
  let norm = 0;
  for (const [t, c] of counts) {
    const w = (1 + Math.log(c)) * idfOf(t, freq);
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

/** 0–1: the cosine of a unit vector (`tfidfVector`) and the TF-IDF vector of `counts`, without building the latter. */
export function cosineWith(unit: ReadonlyMap<string, number>, counts: ReadonlyMap<string, number>, freq: TokenFrequencies): number {
  let dot = 0;
  let norm = 0;
  for (const [t, c] of counts) {
    const w = (c === 1 ? 1 : 1 + Math.log(c)) * idfOf(t, freq);
    norm += w * w;
    const x = unit.get(t);
    if (x !== undefined) dot += w * x;
  }
  return norm === 0 ? 0 : Math.min(1, dot / Math.sqrt(norm));
}

/**
 * `cosineWith(unit, problemTokenCounts(text, max), freq)` in one pass over the text, ideograph bigrams keyed by their two
 * code units as a number (no string per token): this runs for every candidate of a lookup. `unit` from `numericVector`.
 */
export function cosineText(unit: NumericVector, text: string, max: number, freq: TokenFrequencies): number {
  const bigrams = new Map<number, number>();
  const words = new Map<string, number>();
  const n = Math.min(text.length, max);
  let word = '';
  let prevIdeo = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isIdeo(c)) {
      if (word.length >= 2) words.set(word, (words.get(word) ?? 0) + 1);
      word = '';
      if (prevIdeo >= 0) { const k = prevIdeo * 65536 + c; bigrams.set(k, (bigrams.get(k) ?? 0) + 1); }
      prevIdeo = c;
      continue;
    }
    prevIdeo = -1;
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) word += text[i];
    else if (c >= 0x41 && c <= 0x5a) word += String.fromCharCode(c + 32);
    else {
      if (word.length >= 2) words.set(word, (words.get(word) ?? 0) + 1);
      word = '';
    }
  }
  if (word.length >= 2) words.set(word, (words.get(word) ?? 0) + 1);
  let memo = numericIdfMemo.get(freq.df);
  if (!memo) numericIdfMemo.set(freq.df, (memo = new Map()));
  let dot = 0;
  let norm = 0;
  for (const [k, c] of bigrams) {
    let idf = memo.get(k);
    if (idf === undefined) memo.set(k, (idf = idfOf(String.fromCharCode(Math.floor(k / 65536), k % 65536), freq)));
    const w = (c === 1 ? 1 : 1 + Math.log(c)) * idf;
    norm += w * w;
    const x = unit.bigrams.get(k);
    if (x !== undefined) dot += w * x;
  }
  for (const [t, c] of words) {
    const w = (c === 1 ? 1 : 1 + Math.log(c)) * idfOf(t, freq);
    norm += w * w;
    const x = unit.words.get(t);
    if (x !== undefined) dot += w * x;
  }
  return norm === 0 ? 0 : Math.min(1, dot / Math.sqrt(norm));
}
const numericIdfMemo = new WeakMap<ReadonlyMap<string, number>, Map<number, number>>();

/** A unit vector (`tfidfVector`) keyed as `cosineText` reads texts: ideograph bigrams as numbers, words as strings. */
export interface NumericVector { bigrams: Map<number, number>; words: Map<string, number> }
export function numericVector(unit: ReadonlyMap<string, number>): NumericVector {
  const out: NumericVector = { bigrams: new Map(), words: new Map() };
  for (const [t, w] of unit) {
    if (t.length === 2 && isIdeo(t.charCodeAt(0)) && isIdeo(t.charCodeAt(1))) out.bigrams.set(t.charCodeAt(0) * 65536 + t.charCodeAt(1), w);
    else out.words.set(t, w);
  }
  return out;
}

/** 0–1: the cosine of two unit vectors. */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const x = big.get(t);
    if (x !== undefined) dot += w * x;
  }
  return Math.min(1, dot);
}

/** 0–1: the share of tokens two texts have in common (Dice: 2 |a ∩ b| / (|a| + |b|)). */
export function textSimilarity(mine: ReadonlySet<string>, theirs: ReadonlySet<string>): number {
  let common = 0;
  for (const t of theirs) if (mine.has(t)) common++;
  return theirs.size + mine.size === 0 ? 0 : (2 * common) / (theirs.size + mine.size);
}

/** 0–1.3: what similar issues are ordered by — text similarity, + 0.2 for the same place (0.05 nearby), + 0.05 for the same category. */
export function similarityScore(text: number, near: { samePlace: boolean; nearPlace: boolean; sameCategory: boolean }): number {
  return text + (near.samePlace ? 0.2 : near.nearPlace ? 0.05 : 0) + (near.sameCategory ? 0.05 : 0);
}
