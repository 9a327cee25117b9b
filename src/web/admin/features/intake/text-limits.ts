/**
 * Lengths as the API counts them: in characters (code points), not UTF-16 units, so a title of 200 characters with
 * emoji in it is 200, and cutting never leaves half a surrogate pair (which the API refuses as unstorable).
 */

/** The length of a text in characters. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The text cut to at most `max` characters. */
export function cutChars(s: string, max: number): string {
  if (s.length <= max) return s; // at most `max` UTF-16 units: at most `max` characters
  return [...s].slice(0, max).join('');
}

/** An Ant Design `count` config: a counter `n / max`, and typing or pasting past `max` is cut there. */
export function charCountConfig(max: number) {
  return { show: true, max, strategy: charCount, exceedFormatter: (s: string) => cutChars(s, max) };
}
