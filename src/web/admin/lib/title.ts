/** The title the ledger shows for a text recorded in the field: its first sentence, cut to 30 characters. */
export function titleOf(text: string): string {
  const t = text.trim();
  const first = t.split(/[。！？!?\n]/)[0]!.trim() || t;
  return [...first].length > 30 ? `${[...first].slice(0, 29).join('')}…` : first;
}
