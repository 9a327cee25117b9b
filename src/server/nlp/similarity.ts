/**
 * The arithmetic of similar issues ("more like this", the intel module's `similar.ts` runs the queries): the tokens
 * that describe a text's problem, which of them to look up with what weight given their document frequencies, and how a
 * candidate is scored — token overlap (Dice) plus a little for the same place and category.
 */

/** How many tokens of the new text are looked up. */
const QUERY_TOKENS = 10;
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
  const out = new Set<string>();
  const n = Math.min(text.length, max);
  let word = '';
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isIdeo(c)) {
      if (word.length >= 2) out.add(word);
      word = '';
      if (i + 1 < n && isIdeo(text.charCodeAt(i + 1))) out.add(text.slice(i, i + 2));
    } else if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) {
      word += text[i];
    } else if (c >= 0x41 && c <= 0x5a) {
      word += String.fromCharCode(c + 32);
    } else {
      if (word.length >= 2) out.add(word);
      word = '';
    }
  }
  if (word.length >= 2) out.add(word);
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
