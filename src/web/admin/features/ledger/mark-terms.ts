/** Search terms found in a text, the way the server's search matches them. */

/** A piece of text, a hit or not. */
export interface Part {
  text: string;
  hit: boolean;
}

/**
 * Split `text` into hits of `terms` and the rest. Matching is the server's: NFKC-normalised and lower-cased
 * (全角 ＡＢＣ matches abc), done per character so the parts keep the original characters.
 */
export function markTerms(text: string, terms: readonly string[]): Part[] {
  const wanted = [...new Set(terms.map((t) => t.normalize('NFKC').toLowerCase()).filter((t) => t !== ''))];
  if (wanted.length === 0 || !text) return text ? [{ text, hit: false }] : [];
  const chars = Array.from(text);
  let norm = '';
  /** For each UTF-16 unit of `norm`, the index in `chars` it came from. */
  const origin: number[] = [];
  chars.forEach((c, i) => {
    const n = c.normalize('NFKC').toLowerCase();
    norm += n;
    for (let k = 0; k < n.length; k++) origin.push(i);
  });
  const hit = new Array<boolean>(chars.length).fill(false);
  for (const term of wanted) {
    for (let at = norm.indexOf(term); at >= 0; at = norm.indexOf(term, at + 1)) {
      for (let k = at; k < at + term.length; k++) hit[origin[k]!] = true;
    }
  }
  const parts: Part[] = [];
  chars.forEach((c, i) => {
    const last = parts[parts.length - 1];
    if (last && last.hit === hit[i]) last.text += c;
    else parts.push({ text: c, hit: hit[i]! });
  });
  return parts;
}
