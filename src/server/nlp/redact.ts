/**
 * Taking a person's data out of a text before it is reused (a closed issue retold as a case of the library, 身边事):
 * the known names of the people concerned, mobile and landline numbers, 18-digit ID numbers and e-mail addresses are
 * replaced. The disclosure issue's review screen builds on this; it is not a guarantee — a person reads the result.
 */

/** Mobile numbers (with an optional +86), landlines with an area code, 15/18-digit ID numbers, e-mail addresses. */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[邮箱]'],
  [/(?<!\d)\d{17}[\dXx](?![\dXx])|(?<!\d)\d{15}(?!\d)/g, '[身份证号]'],
  [/(?<!\d)(\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g, '[电话]'],
  [/(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g, '[电话]'],
];

/** The text with the given names and the patterns above replaced; a name becomes its surname and 某 (王建国 → 王某). */
export function redactPersonal(text: string, names: ReadonlyArray<string | null | undefined>): string {
  let out = text;
  for (const name of names) {
    const n = name?.trim();
    if (!n || [...n].length < 2) continue;
    out = out.split(n).join(`${[...n][0]}某`);
  }
  for (const [re, by] of PATTERNS) out = out.replace(re, by);
  return out;
}
