/** How the category picker's search finds a category: by its name, by a keyword or synonym, or by a parent's name (its path). */

/** A category on a path of the picker's tree (the top-level category first). */
export interface SearchNode { label: string; keywords?: readonly string[] }

/** Why a category matched the typed text; `keyword` is the one that did. */
export type CategoryHit = { by: 'name' } | { by: 'keyword'; keyword: string } | { by: 'path' };

const RANK = { name: 0, keyword: 1, path: 2 } as const;

/**
 * Whether the category at the end of `path` matches `text`, and why: its name contains the text; else one of its
 * keywords contains the text, or the text contains a keyword of two or more characters (下水道堵了 finds 下水道); else a
 * parent's name contains the text. Case-insensitive; null for no match or blank text.
 */
export function categoryHit(text: string, path: readonly SearchNode[]): CategoryHit | null {
  const q = text.trim().toLowerCase();
  const last = path[path.length - 1];
  if (!q || !last) return null;
  if (last.label.toLowerCase().includes(q)) return { by: 'name' };
  const keyword = last.keywords?.find((k) => {
    const w = k.toLowerCase();
    return w.includes(q) || (w.length >= 2 && q.includes(w));
  });
  if (keyword) return { by: 'keyword', keyword };
  return path.slice(0, -1).some((o) => o.label.toLowerCase().includes(q)) ? { by: 'path' } : null;
}

/** Order of search results: name matches first, then keyword matches, then those found by a parent's name. */
export function hitRank(text: string, path: readonly SearchNode[]): number {
  const hit = categoryHit(text, path);
  return hit ? RANK[hit.by] : 3;
}
