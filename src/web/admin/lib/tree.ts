/** Trees from flat lists with `parentId` (org units, categories): build, filter, list the branch keys. */

/** A tree node: `children` only where there are some. */
export interface TreeNode<T> {
  key: number;
  item: T;
  children?: TreeNode<T>[];
}

/** Nest items under their parents; items whose parent is not in the list become roots. */
export function buildTree<T extends { id: number; parentId: number | null }>(items: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<number, TreeNode<T>>(items.map((i) => [i.id, { key: i.id, item: i }]));
  const roots: TreeNode<T>[] = [];
  for (const i of items) {
    const node = nodes.get(i.id)!;
    const parent = i.parentId != null ? nodes.get(i.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** Keep the nodes that match and the branches leading to them (a matching branch keeps all its children). */
export function filterTree<T>(nodes: readonly TreeNode<T>[], hit: (item: T) => boolean): TreeNode<T>[] {
  const out: TreeNode<T>[] = [];
  for (const n of nodes) {
    const kids = n.children ? filterTree(n.children, hit) : [];
    const match = hit(n.item);
    if (match || kids.length) out.push({ ...n, children: kids.length ? kids : match ? n.children : undefined });
  }
  return out;
}

/** Keys of every node that has children (to expand a whole tree). */
export function branchKeys<T>(nodes: readonly TreeNode<T>[], acc: number[] = []): number[] {
  for (const n of nodes) if (n.children) { acc.push(n.key); branchKeys(n.children, acc); }
  return acc;
}
