/**
 * The classifier's vocabulary and document vectors: term bags interned to dense ids (so calibration folds share one
 * extraction), the terms a training set keeps with their IDF, and sublinear TF-IDF vectors, L2-normalised, of training
 * rows and of new messages.
 */
import type { TermBag } from './features.ts';

/** A sparse, L2-normalised document vector. */
export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** Training bags with terms interned to dense ids, so folds can share one extraction. */
export interface Corpus {
  /** Distinct term hashes of the whole corpus in first-seen order; a term's id is its position. */
  terms: Int32Array;
  ids: Int32Array[];
  counts: Float32Array[];
}

/** Open-addressing map from term hash (any int32) to a dense id; the hashes are already well mixed. */
class HashIndex {
  private keys: Int32Array;
  private ids: Int32Array;
  private mask: number;
  size = 0;

  /** `capacity`: the expected number of distinct keys; the table grows (doubling) past half full. */
  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.keys = new Int32Array(n);
    this.ids = new Int32Array(n).fill(-1);
    this.mask = n - 1;
  }

  /** The id of `h`, or -1. */
  get(h: number): number {
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.ids[slot] as number;
      if (id < 0 || this.keys[slot] === h) return id;
    }
  }

  /** The id of `h`, adding it with the next id when new. */
  intern(h: number): number {
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.ids[slot] as number;
      if (id < 0) {
        this.keys[slot] = h;
        this.ids[slot] = this.size;
        if (++this.size * 2 > this.mask) this.grow();
        return this.size - 1;
      }
      if (this.keys[slot] === h) return id;
    }
  }

  private grow(): void {
    const { keys, ids } = this;
    const n = keys.length * 2;
    this.keys = new Int32Array(n);
    this.ids = new Int32Array(n).fill(-1);
    this.mask = n - 1;
    for (let k = 0; k < keys.length; k++) {
      const id = ids[k] as number;
      if (id < 0) continue;
      let slot = (keys[k] as number) & this.mask;
      while ((this.ids[slot] as number) >= 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = keys[k] as number;
      this.ids[slot] = id;
    }
  }
}

export function internBags(bags: TermBag[]): Corpus {
  // Distinct terms are a small share of all (≈ 650k of 7.7M for 10,000 messages): start small and grow.
  const index = new HashIndex();
  const ids = bags.map((b) => {
    const id = new Int32Array(b.hashes.length);
    for (let k = 0; k < b.hashes.length; k++) id[k] = index.intern(b.hashes[k] as number);
    return id;
  });
  // Ids in first-seen order; recover each id's hash for the vocabulary.
  const terms = new Int32Array(index.size);
  bags.forEach((b, r) => {
    const id = ids[r] as Int32Array;
    for (let k = 0; k < id.length; k++) terms[id[k] as number] = b.hashes[k] as number;
  });
  return { terms, ids, counts: bags.map((b) => b.counts) };
}

export interface Vocabulary {
  /** Kept term hashes, ascending; a feature's index is its position. */
  vocab: Int32Array;
  idf: Float32Array;
  /** Corpus term id → feature index, -1 when pruned. */
  featureOf: Int32Array;
}

export function buildVocabulary(corpus: Corpus, rows: number[], minDf: number, maxFeatures: number): Vocabulary {
  const nTerms = corpus.terms.length;
  const df = new Int32Array(nTerms);
  for (const r of rows) {
    const ids = corpus.ids[r] as Int32Array;
    for (let k = 0; k < ids.length; k++) df[ids[k] as number] = (df[ids[k] as number] as number) + 1;
  }
  let kept: number[] = [];
  for (let t = 0; t < nTerms; t++) if ((df[t] as number) >= minDf) kept.push(t);
  if (kept.length > maxFeatures) {
    // Keep the most frequent; ties by hash order, so the choice is deterministic. One numeric key per
    // term (higher df first, then lower id) lets a typed-array sort do it without a comparator.
    const keys = new Float64Array(kept.length);
    kept.forEach((t, k) => {
      keys[k] = (rows.length - (df[t] as number)) * nTerms + t;
    });
    keys.sort();
    kept = Array.from(keys.subarray(0, maxFeatures), (key) => key % nTerms);
  }
  // Features in ascending hash order: the serialized vocabulary is then independent of example order.
  kept.sort((a, b) => (corpus.terms[a] as number) - (corpus.terms[b] as number));
  const n = rows.length;
  const idf = new Float32Array(kept.length);
  const vocab = new Int32Array(kept.length);
  const featureOf = new Int32Array(nTerms).fill(-1);
  kept.forEach((t, k) => {
    idf[k] = Math.log((1 + n) / (1 + (df[t] as number))) + 1;
    vocab[k] = corpus.terms[t] as number;
    featureOf[t] = k;
  });
  return { vocab, idf, featureOf };
}

/** Sublinear TF × IDF, L2-normalised, feature indices ascending (cache-friendly weight updates). */
function finishVec(feats: Int32Array, vals: Float32Array, n: number, idf: Float32Array): SparseVec {
  // Sort (feature, count) pairs by feature: counts are small integers, so pack both into one float64.
  const packed = new Float64Array(n);
  for (let k = 0; k < n; k++) packed[k] = (feats[k] as number) * 65536 + Math.min(65535, vals[k] as number);
  packed.sort();
  const idx = new Int32Array(n);
  const val = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const p = packed[k] as number;
    idx[k] = Math.floor(p / 65536);
    val[k] = p - (idx[k] as number) * 65536;
  }
  let norm = 0;
  for (let k = 0; k < n; k++) {
    const v = (1 + Math.log(val[k] as number)) * (idf[idx[k] as number] as number);
    val[k] = v;
    norm += v * v;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < n; k++) val[k] = (val[k] as number) * inv;
  return { idx, val };
}

export function vectorizeRow(corpus: Corpus, r: number, v: Vocabulary): SparseVec {
  const ids = corpus.ids[r] as Int32Array;
  const counts = corpus.counts[r] as Float32Array;
  const feats = new Int32Array(ids.length);
  const vals = new Float32Array(ids.length);
  let n = 0;
  for (let k = 0; k < ids.length; k++) {
    const j = v.featureOf[ids[k] as number] as number;
    if (j < 0) continue;
    feats[n] = j;
    vals[n] = counts[k] as number;
    n++;
  }
  return finishVec(feats, vals, n, v.idf);
}

const vocabIndexCache = new WeakMap<Int32Array, HashIndex>();

/** Hash → feature index for a model's vocabulary, built once per loaded model. */
function vocabIndex(vocab: Int32Array): HashIndex {
  let index = vocabIndexCache.get(vocab);
  if (!index) {
    index = new HashIndex(vocab.length);
    for (let k = 0; k < vocab.length; k++) index.intern(vocab[k] as number);
    vocabIndexCache.set(vocab, index);
  }
  return index;
}

/** Vectorises a new message's bag against a model's vocabulary. */
export function vectorize(bag: TermBag, vocab: Int32Array, idf: Float32Array): SparseVec {
  const index = vocabIndex(vocab);
  const feats = new Int32Array(bag.hashes.length);
  const vals = new Float32Array(bag.hashes.length);
  let n = 0;
  for (let k = 0; k < bag.hashes.length; k++) {
    const j = index.get(bag.hashes[k] as number);
    if (j < 0) continue;
    feats[n] = j;
    vals[n] = bag.counts[k] as number;
    n++;
  }
  return finishVec(feats, vals, n, idf);
}
