// Prior knowledge about the labels — keywords per label, e.g. the names under each first-level class of a
// category tree — turned into one extra term per label (`TAX:<label>`, counted once per keyword occurrence)
// so the SVM learns how far to trust each label's keywords. The knowledge is stored with the model.
// On tipdm2020c it did not measurably help (see model.ts); it is off unless a caller passes it.
import { readFileSync } from 'node:fs';
import { parseCsvRows } from './csv.ts';
import { getJieba, normalizeText, type TermBag } from './features.ts';

/** Keywords per label; labels the model does not know are allowed (their terms are just more features). */
export type Knowledge = Record<string, string[]>;

/**
 * How many distinct feature copies a label's keyword count gets: the document vector is L2-normalised over
 * hundreds of terms, so a single term has little room in the margin; 4 copies did best of 1 / 4 / 16.
 */
const COPIES = 4;

interface CompiledKnowledge {
  /** First character → keywords starting with it, each with its label's index. */
  byFirst: Map<string, { word: string; label: number }[]>;
  /** Hashes of the label's term copies, `COPIES` per label. */
  hashes: Int32Array;
}

const compiledCache = new WeakMap<Knowledge, Map<boolean, CompiledKnowledge>>();

function hashTerm(s: string): number {
  let h = 0x7a3b1f29;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h ^ (h >>> 16)) | 0;
}

function compile(knowledge: Knowledge, maskDigits: boolean): CompiledKnowledge {
  const labels = Object.keys(knowledge).sort();
  const byFirst = new Map<string, { word: string; label: number }[]>();
  const hashes = new Int32Array(labels.length * COPIES);
  labels.forEach((label, li) => {
    for (let k = 0; k < COPIES; k++) hashes[li * COPIES + k] = hashTerm(`TAX:${label}:${k}`);
    for (const word of new Set((knowledge[label] ?? []).map((w) => normalizeText(w, maskDigits)))) {
      if (word === '') continue;
      const first = word[0] as string;
      const list = byFirst.get(first);
      if (list) list.push({ word, label: li });
      else byFirst.set(first, [{ word, label: li }]);
    }
  });
  return { byFirst, hashes };
}

/** Occurrences of each label's keywords in an already-normalised text (keywords sorted by label name). */
function countMatches(text: string, c: CompiledKnowledge, nLabels: number): Float32Array {
  const counts = new Float32Array(nLabels);
  for (let i = 0; i < text.length; i++) {
    const list = c.byFirst.get(text[i] as string);
    if (!list) continue;
    for (const { word, label } of list) if (text.startsWith(word, i)) counts[label] = (counts[label] as number) + 1;
  }
  return counts;
}

/** Adds the knowledge terms of `text` (the classifier input) to its bag; returns the bag itself when none match. */
export function addKnowledgeTerms(bag: TermBag, text: string, knowledge: Knowledge, maskDigits = true): TermBag {
  let byMask = compiledCache.get(knowledge);
  if (!byMask) compiledCache.set(knowledge, (byMask = new Map()));
  let c = byMask.get(maskDigits);
  if (!c) byMask.set(maskDigits, (c = compile(knowledge, maskDigits)));
  const nLabels = c.hashes.length / COPIES;
  const counts = countMatches(normalizeText(text, maskDigits), c, nLabels);
  const extra = new Map<number, number>();
  for (let l = 0; l < nLabels; l++) {
    const n = counts[l] as number;
    if (n > 0) for (let k = 0; k < COPIES; k++) extra.set(c.hashes[l * COPIES + k] as number, n);
  }
  if (extra.size === 0) return bag;
  for (let k = 0; k < bag.hashes.length; k++) {
    const h = bag.hashes[k] as number;
    const add = extra.get(h);
    if (add !== undefined) extra.set(h, add + (bag.counts[k] as number));
  }
  const merged = new Map<number, number>();
  for (let k = 0; k < bag.hashes.length; k++) merged.set(bag.hashes[k] as number, bag.counts[k] as number);
  for (const [h, n] of extra) merged.set(h, n);
  const hashes = Int32Array.from(merged.keys()).sort();
  return { hashes, counts: Float32Array.from(hashes, (h) => merged.get(h) as number) };
}

/** Words too generic to say anything about one class of a category tree. */
const GENERIC = new Set(['管理', '问题', '其他', '监管', '服务', '建设', '工作', '政策', '纠纷', '行为']);

/**
 * Keywords per first-level class from a category tree given as rows of names, first level first (the
 * taxonomy.csv layout `level1,level2,...`): the lower-level names (except 其他) and their jieba words of at
 * least 2 characters, minus words that occur under more than one first-level class or are generic.
 */
export function knowledgeFromTree(rows: string[][]): Knowledge {
  const words = new Map<string, Set<string>>();
  for (const row of rows) {
    const top = row[0]?.trim();
    if (!top) continue;
    let set = words.get(top);
    if (!set) words.set(top, (set = new Set()));
    for (const raw of row.slice(1)) {
      const name = raw.trim();
      if (name === '' || name === '其他') continue;
      set.add(name);
      for (const w of getJieba().cut(name, false)) if (w.length >= 2) set.add(w);
    }
  }
  const classesOf = new Map<string, number>();
  for (const set of words.values()) for (const w of set) classesOf.set(w, (classesOf.get(w) ?? 0) + 1);
  const out: Knowledge = {};
  for (const [top, set] of [...words].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    out[top] = [...set].filter((w) => classesOf.get(w) === 1 && !GENERIC.has(w));
  }
  return out;
}

/** Reads a category-tree CSV (header `level1,level2,level3`) into {@link Knowledge}. */
export function readTaxonomyCsv(path: string): Knowledge {
  const rows = parseCsvRows(readFileSync(path, 'utf8'));
  const header = rows[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  if (header[0] !== 'level1') throw new Error(`分类体系文件的表头应以 level1 开头：${path}`);
  return knowledgeFromTree(rows.slice(1));
}
