/**
 * Linear classifier for citizen messages: suggests a category (or, with unit ids as labels, the
 * responsible unit) at intake.
 *
 * Choices (5-fold stratified CV on tipdm2020c/train.csv, 2,788 messages, 7 labels, fold seed 42; scikit-learn's
 * TF-IDF + LinearSVC ≈ 0.89 macro-F1 there):
 * - features (features.ts): jieba words + character 1–3-grams within clauses, NFKC / lower-case / digits → 0,
 *   title counted 3× (without a title, the body's first 25 characters are), hashed to 32 bits;
 * - TF-IDF with sublinear tf and L2 normalisation; terms in ≥ 3 messages, at most 100,000 (most frequent);
 * - one-vs-rest L2-loss linear SVM by dual coordinate descent (LIBLINEAR's solver), C = 2, positives'
 *   C scaled by n / (labels × n_label) ("balanced", helps the small classes and so macro-F1);
 * - confidences: softmax of the decision values with one temperature fitted on 2-fold out-of-fold
 *   scores (log loss 0.31 vs 0.57 with a temperature fitted on training scores);
 * - int8 weights with one scale per label (1.5 MB for 7 labels and 100k terms).
 *
 * Measured (macro-F1, mean of the 5 folds): words only 0.878; words + word bigrams 0.867; char 1–3 0.887;
 * words + bigrams + chars 0.886; same with C = 2 0.895, + balanced 0.898 (C = 4: 0.899, C = 8/16: no
 * better); title ×3 + lead 25 chars 0.901; minDf 3 0.906; without word bigrams 0.907 (final: accuracy 0.910,
 * folds 0.924 / 0.915 / 0.906 / 0.901 / 0.890). Tried and dropped: hinge loss 0.865, NB-SVM 0.849,
 * complement NB 0.871, word-model + char-model score ensembles 0.900–0.901, binary tf 0.863, chars 1–4
 * 0.894 / 2–4 0.887, truncating long bodies (0.890 at 150 chars), per-label offsets tuned for macro-F1
 * on out-of-fold scores 0.899 (overfits). Second round (same folds; base 0.9071, folds 0.9235 / 0.9147 /
 * 0.9064 / 0.9011 / 0.8896), nothing gained > 0.003 so the defaults are unchanged:
 * category-tree knowledge terms (knowledge.ts, taxonomy.csv's names; TAX:<class> ×4 copies) 0.9088
 * (folds 0.934 / 0.909 / 0.905 / 0.902 / 0.895; ×1 0.9071, ×16 0.9007, all names 0.9066) — was the opt-in
 * `knowledge` option, removed (only `classifier eval` reached it, and no stored model used it);
 * separate title namespaces (title words 0.9065, title chars 1–3 0.9062, both 0.9060, both with title
 * weight 1/2 0.904); multinomial logistic regression 0.898, SVM + LR score ensemble 0.907–0.909 (fixed
 * weights 0.25–1 on unit-RMS scores), SVM + cosine 10-NN 0.895–0.904; place codes (`A3区` → 某区) 0.906,
 * all Latin/digit runs removed 0.907. Third round (same folds), also nothing > 0.003: word vs character
 * weights (chars ×0.5 / ×0.7 / ×1.4: 0.901 / 0.904 / 0.903), title ×2 / ×4 0.901 / 0.908, IDF variants
 * (unsmoothed 0.906, idf² 0.906, √idf 0.898), max-df cuts 0.904–0.905, jieba's generic IDF mixed in
 * 0.904–0.906, char n-grams only within ideograph runs 0.907 (across punctuation 0.900), dropping
 * function-character unigrams 0.908, per-class C by inner 3-fold CV 0.902–0.904. The 0.92 target was not
 * reached with a linear model.
 * Speed (bench/classifier.bench.ts): ≈ 0.4 ms per prediction including segmentation. Training time was ≈ 13–20 s
 * on 10,000 messages × 7 labels and 94 s with 50 random (hash) labels (38 s even without calibration folds and with
 * 30 passes); suggest.ts learns at most the 40 most frequent labels. Fourth round, training speed (10,000 messages;
 * 40 labels = category × district named in the message, the 40 most frequent: unit-like; "before" = the previous
 * commit, run in the same sessions; another engineer's benchmarks and PostgreSQL kept the load average at 1.1–3.7 on
 * this 2-core machine, so times vary ±20 %; coordinate updates are counted on one thread and do not vary):
 * - before: 7 labels 12.7–17.4 s, 40 labels 29.1–35.5 s. After: 7 labels 8.8–10.1 s on 2 threads (11.2–12.4 s on
 *   1), 40 labels 17.2–21.8 s on 2 threads (21.9–26.3 s on 1). Quality after all of it: macro-F1 0.9083 (folds 0.9251 /
 *   0.9147 / 0.9064 / 0.9029 / 0.8924), log loss of the confidences 0.3053 (before 0.9071 and 0.3053).
 * - shrinking was already there (LIBLINEAR's); the 10,000 × 40 model's own fit took 452 passes for its 40 labels.
 * - the calibration folds' models stop after 5 passes (`calibrationMaxIter`; they only give scores for one
 *   temperature): CV log loss 0.3053 → 0.3058 (40 labels 0.7681 → 0.7684), macro-F1 unchanged; their updates for
 *   10,000 × 40 fell from 1.70M + 1.61M to 1.00M + 1.00M. 10 passes: 1.45M each, log loss 0.3053; 3 passes: 0.3040.
 *   Not kept: the folds on the full vocabulary instead of their own (two vocabularies less) 0.3136 / 0.7884; no
 *   folds, leave-one-out scores estimated from the full model's duals (f − αᵢQᵢᵢ) 1.018 (0.319 with half the term).
 * - warm start: the model's own fit starts from the mean of the fold models (αᵢ / k), updates 1.39M → 1.22M (7
 *   labels) and 6.21M → 5.32M (40); the folds must be solved first, so they go first and the model's fit is
 *   prepared while they run. Starting from the folds' α unhalved: 5.48M against 5.29M cold (counted after
 *   shrinking in each pass; halved 4.47M). This and the per-job seeds below
 *   move macro-F1 0.9071 → 0.9072 (per-job seeds, 5-pass folds) → 0.9083 (warm start).
 * - the one-vs-rest problems run as jobs on `threads` threads (svm.ts, pool.ts; the server uses 2): each job has its
 *   own random stream (seed, fit, label), so the model's bytes are the same for any thread count (tested). Solve
 *   phase of 10,000 × 40 with the other engineer's job running: 16.2 s on 1 thread, 10.7 s on 2.
 * - the term interning table grows from small instead of being sized for all 7.7M term occurrences: 1.1 s → 0.45 s;
 *   training vectors in float32 (the values already are) and the temperature search over precomputed score
 *   differences: same model, no measurable time.
 * - not kept: segmenting half of the messages in the worker too (10,000 × 7 in 11.1–14.9 s with it, 9.6–12.5 s
 *   without, under the same load: no gain measured, and the worker would load jieba's dictionary); training
 *   positions of the features by frequency, so the hot weights share cache lines (solve of 10,000 × 40 on one
 *   thread 17.7–18.6 s with, 17.7–18.4 s without: the solver is not memory-bound).
 * - worst case, 10,000 messages with 50 random (hash) labels: 92.8 s before, 46.0 s after on 2 threads — still over
 *   30 s, but random labels are not what a tenant's units look like.
 * Fifth round, other learners (same folds and features, vocabulary per fold; base 0.9083, folds 0.9251 / 0.9147 /
 * 0.9064 / 0.9029 / 0.8924), nothing gained, so the defaults are unchanged:
 * - Crammer–Singer multi-class SVM (one joint problem, LIBLINEAR -s 4's dual solver with a bias feature, eps 0.1,
 *   8–14 passes): C = 0.5 / 1 / 2 / 4 balanced 0.9011 / 0.9029 / 0.9044 / 0.9032; C = 2 eps 0.01 0.9038; unbalanced
 *   C = 1 / 2 0.9033 / 0.9045 (folds at C = 2: 0.920 / 0.910 / 0.903 / 0.906 / 0.884). SVM + C–S score ensemble,
 *   weight by inner 3-fold CV of each training set 0.9051 (any fixed weight 0.25–3: 0.903–0.905).
 * - one-vs-one L2-loss SVMs (21 pairs, balanced within the pair), votes 0.8972, summed decision values 0.8743.
 * - fastText-style (embeddings of the same terms, dim 50, softmax, SGD with linearly decaying rate, trained on the
 *   fold only): on the TF-IDF vector 0.8951 (lr 0.2, 10 epochs; lr 0.5 0.8915, 0.3 balanced 0.8932, 1.0 × 20 epochs
 *   0.8644), on fastText's plain term average 0.8690 (lr 2, 30 epochs; 1 × 20: 0.8653); ≈ 4.5 s per fold of 2,230
 *   messages, about 20 s more for 10,000. SVM + fastText score ensembles (unit-RMS scores, weight 0–3 chosen by
 *   inner 3-fold CV): 0.8999 (TF-IDF input) and 0.9070 (plain average); every fixed weight > 0 was below the SVM.
 * - bagging 5 SVMs, scores summed (no calibration folds; the single such SVM is 0.9072): 80 % row subsamples
 *   0.9029, 70 % term subsamples 0.9039, five coordinate-order seeds 0.9080 (convex problems: nearly the same model).
 * - from the errors (confusions are mostly 商贸旅游 / 交通运输 → 城乡建设 and 劳动和社会保障 ↔ 卫生计生, many of them
 *   housing-fund, real-estate or health-insurance messages whose labels disagree with similar ones): dropping
 *   training rows that inner 3-fold scores put on another label by a margin > 0.5 (60–76 of 2,230) 0.8988; titles
 *   added as extra training examples 0.9029 (vs 0.9072 without calibration folds); gapped character bigrams
 *   (c_i c_i+2, and c_i+3) 0.9012 / 0.8952; solver eps 0.01 / 0.3 0.9076 / 0.9076; at most 30k / 60k terms
 *   0.9039 / 0.9040; min df 5 0.9026.
 * - LSA appended to the TF-IDF vector (a word2vec-like co-occurrence factorisation of the fold's own training
 *   matrix: randomized range finder, one power iteration, k dense features scaled to length α; own one-vs-rest loop
 *   without calibration folds, 0.9069 with α = 0): k = 100, α = 1 / 0.3 0.8962 / 0.9027; k = 200, α = 0.5 0.9002.
 */
import { DEFAULT_FEATURE_OPTIONS, extractTerms, type FeatureOptions, type TermBag } from './features.ts';
import { finish, startWorkers, submit, type Pending } from './pool.ts';
import { alloc, type Csr, type Problem, type SolverOptions } from './svm.ts';
import { prng as rng } from '../../../shared/random.ts';

/** One training example: the message text (`title + '\n' + body`) and its label. */
export interface Example {
  text: string;
  label: string;
}

/** One suggestion: a label and the model's probability for it (0–1). */
export interface Prediction {
  label: string;
  confidence: number;
}

/** Training knobs; every field has a default chosen by cross-validation on tipdm2020c. */
export interface TrainOptions {
  features: FeatureOptions;
  /** Keep terms seen in at least this many training messages. */
  minDf: number;
  /** Keep at most this many terms (the most frequent). */
  maxFeatures: number;
  /** SVM regularisation: larger fits the training data more closely. */
  c: number;
  /** Multiply C for a class's positives by n / (classes × n_class) in its one-vs-rest problem. */
  balanced: boolean;
  /** Folds used to fit the confidence temperature on out-of-fold scores (0 = fit on training scores). */
  calibrationFolds: number;
  /** Pass limit of the calibration folds' models (they only provide scores for the temperature). */
  calibrationMaxIter: number;
  /**
   * Seed for the coordinate order (one stream per label and fit) and the calibration folds; training is
   * deterministic given it, whatever the number of threads.
   */
  seed: number;
  /** Dual coordinate descent stopping tolerance and pass limit. */
  eps: number;
  maxIter: number;
  /** Threads solving the one-vs-rest problems: this one plus `threads - 1` workers (pool.ts). Same model for any value. */
  threads: number;
}

/** Defaults for {@link trainClassifier}. */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  minDf: 3,
  maxFeatures: 100_000,
  c: 2,
  balanced: true,
  calibrationFolds: 2,
  calibrationMaxIter: 5,
  seed: 20200,
  eps: 0.1,
  maxIter: 200,
  threads: 1,
};

/** A trained classifier: vocabulary, IDF, one weight vector per label and the confidence temperature. */
export interface Model {
  /** The blob format's version (see {@link serializeModel}). */
  version: 1;
  labels: string[];
  features: FeatureOptions;
  /** Term hashes (see features.ts), ascending. */
  vocab: Int32Array;
  idf: Float32Array;
  /** vocab.length × labels.length, feature-major (a term's weights are contiguous); weight = q × scale[label]. */
  weights: Int8Array;
  scale: Float32Array;
  bias: Float32Array;
  /** Confidences are softmax(temperature × decision values). */
  temperature: number;
}

/** A sparse, L2-normalised document vector. */
interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** Training bags with terms interned to dense ids, so folds can share one extraction. */
interface Corpus {
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

function internBags(bags: TermBag[]): Corpus {
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

interface Vocabulary {
  /** Kept term hashes, ascending; a feature's index is its position. */
  vocab: Int32Array;
  idf: Float32Array;
  /** Corpus term id → feature index, -1 when pruned. */
  featureOf: Int32Array;
}

function buildVocabulary(corpus: Corpus, rows: number[], minDf: number, maxFeatures: number): Vocabulary {
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

function vectorizeRow(corpus: Corpus, r: number, v: Vocabulary): SparseVec {
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
function vectorize(bag: TermBag, vocab: Int32Array, idf: Float32Array): SparseVec {
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

function toCsr(xs: SparseVec[], shared: boolean): Csr {
  const ptr = alloc(Int32Array, xs.length + 1, shared);
  xs.forEach((x, i) => {
    ptr[i + 1] = (ptr[i] as number) + x.idx.length;
  });
  const idx = alloc(Int32Array, ptr[xs.length] as number, shared);
  const val = alloc(Float32Array, ptr[xs.length] as number, shared);
  xs.forEach((x, i) => {
    idx.set(x.idx, ptr[i]);
    val.set(x.val, ptr[i]);
  });
  return { ptr, idx, val };
}

interface LinearParts {
  weights: Float32Array;
  bias: Float32Array;
}

/** A solved problem's weights (class-major, float64) as feature-major float32 weights and biases. */
function linearParts(p: Problem): LinearParts {
  const { nFeat, nClass } = p;
  const weights = new Float32Array(nFeat * nClass);
  const bias = new Float32Array(nClass);
  for (let c = 0; c < nClass; c++) {
    const base = c * (nFeat + 1);
    for (let j = 0; j < nFeat; j++) weights[j * nClass + c] = p.weights[base + j] as number;
    bias[c] = p.weights[base + nFeat] as number;
  }
  return { weights, bias };
}

function scoreVec(parts: LinearParts, nClass: number, x: SparseVec, out: Float64Array): Float64Array {
  for (let c = 0; c < nClass; c++) out[c] = parts.bias[c] as number;
  for (let k = 0; k < x.idx.length; k++) {
    const base = (x.idx[k] as number) * nClass;
    const v = x.val[k] as number;
    for (let c = 0; c < nClass; c++) out[c] = (out[c] as number) + v * (parts.weights[base + c] as number);
  }
  return out;
}

/** Int8 weights with one scale per label: a quarter of the memory, no measurable change in accuracy. */
function quantize(parts: LinearParts, nClass: number): { weights: Int8Array; scale: Float32Array; bias: Float32Array } {
  const scale = new Float32Array(nClass);
  const n = parts.weights.length;
  for (let k = 0; k < n; k++) {
    const c = k % nClass;
    scale[c] = Math.max(scale[c] as number, Math.abs(parts.weights[k] as number));
  }
  for (let c = 0; c < nClass; c++) scale[c] = (scale[c] as number) > 0 ? (scale[c] as number) / 127 : 1;
  const weights = new Int8Array(n);
  for (let k = 0; k < n; k++) weights[k] = Math.round((parts.weights[k] as number) / (scale[k % nClass] as number));
  return { weights, scale, bias: parts.bias };
}

function softmaxInto(scores: Float64Array, temperature: number, out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c] as number);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp(temperature * ((scores[c] as number) - max));
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) out[c] = (out[c] as number) / sum;
  return out;
}

/** The softmax temperature that minimises the log loss of the given scores (golden-section on log T). */
function fitTemperature(scores: Float64Array[], y: Int32Array): number {
  // Scores minus each row's maximum, once (40+ evaluations follow), in one flat array.
  const nClass = scores[0]?.length ?? 0;
  const d = new Float64Array(scores.length * nClass);
  const dy = new Float64Array(scores.length);
  scores.forEach((sc, i) => {
    let max = -Infinity;
    for (let c = 0; c < nClass; c++) max = Math.max(max, sc[c] as number);
    for (let c = 0; c < nClass; c++) d[i * nClass + c] = (sc[c] as number) - max;
    dy[i] = d[i * nClass + (y[i] as number)] as number;
  });
  const nll = (t: number): number => {
    let s = 0;
    for (let i = 0, o = 0; i < scores.length; i++, o += nClass) {
      let z = 0;
      for (let c = 0; c < nClass; c++) z += Math.exp(t * (d[o + c] as number));
      s -= t * (dy[i] as number) - Math.log(z);
    }
    return s;
  };
  let lo = Math.log(0.1);
  let hi = Math.log(100);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = nll(Math.exp(a));
  let fb = nll(Math.exp(b));
  for (let it = 0; it < 40; it++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = nll(Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = nll(Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** One training set of a batch: its vocabulary, the solver problem and the rows it scores (calibration fits). */
interface Fit {
  voc: Vocabulary;
  problem: Problem;
  held: number[];
}

/** Vocabulary and IDF from `rows` of the interned corpus, their vectors, and vectors of `held` rows to score. */
function prepareFit(
  id: number,
  corpus: Corpus,
  rows: number[],
  held: number[],
  yClass: Int32Array,
  nClass: number,
  maxIter: number,
  opts: TrainOptions,
): Fit {
  const shared = opts.threads > 1;
  const voc = buildVocabulary(corpus, rows, opts.minDf, opts.maxFeatures);
  const nFeat = voc.vocab.length;
  const y = alloc(Int32Array, rows.length, shared);
  rows.forEach((r, i) => {
    y[i] = yClass[r] as number;
  });
  const problem: Problem = {
    id,
    x: toCsr(rows.map((r) => vectorizeRow(corpus, r, voc)), shared),
    y,
    nFeat,
    nClass,
    maxIter,
    weights: alloc(Float64Array, nClass * (nFeat + 1), shared),
  };
  if (held.length > 0) {
    problem.held = toCsr(held.map((r) => vectorizeRow(corpus, r, voc)), shared);
    problem.scores = alloc(Float64Array, held.length * nClass, shared);
  }
  return { voc, problem, held };
}

/** A message's term bag as a model with these features sees it. */
export function messageBag(text: string, features: FeatureOptions): TermBag {
  return extractTerms(text, features);
}

/** Trains on pre-extracted term bags; `bags[i]` must come from `messageBag(text, opts.features)`. */
export function trainOnBags(bags: TermBag[], labels: string[], options: Partial<TrainOptions> = {}): Model {
  const opts: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  if (bags.length === 0) throw new Error('训练集为空');
  const classes = [...new Set(labels)].sort();
  const classOf = new Map(classes.map((c, k) => [c, k]));
  const yClass = Int32Array.from(labels, (l) => classOf.get(l) as number);
  const nClass = classes.length;
  if (opts.threads > 1) void startWorkers(opts.threads);
  const corpus = internBags(bags);
  const all = bags.map((_, i) => i);
  // With calibration folds: one fit per fold, which also scores the fold's held-out rows, then the model's own fit
  // warm-started from the folds' dual variables (fewer passes; see the header). Each label of each fit is one
  // solver job, handed out as soon as its fit is prepared: the workers solve the folds while this thread prepares
  // the model's fit.
  const { c, balanced, eps, seed } = opts;
  const solver: SolverOptions = { c, balanced, eps, seed };
  const shared = opts.threads > 1;
  const labelJobs = new Int32Array(2 * nClass);
  for (let cls = 0; cls < nClass; cls++) labelJobs[2 * cls + 1] = cls;
  const solve = (problem: Problem): Pending => submit({ problems: [problem], opts: solver, jobs: labelJobs }, opts.threads);
  const k = opts.calibrationFolds;
  const calibrate = nClass > 1 && k >= 2 && bags.length >= 2 * k;
  const folds: { fit: Fit; rows: number[]; pending: Pending }[] = [];
  if (calibrate) {
    const foldOf = stratifiedFolds(labels, k, opts.seed);
    for (let f = 0; f < k; f++) {
      const rows: number[] = [];
      const held: number[] = [];
      foldOf.forEach((fold, i) => (fold === f ? held : rows).push(i));
      const fit = prepareFit(1 + f, corpus, rows, held, yClass, nClass, opts.calibrationMaxIter, opts);
      fit.problem.alphaOut = alloc(Float64Array, nClass * rows.length, shared);
      folds.push({ fit, rows, pending: solve(fit.problem) });
    }
  }
  const full = prepareFit(0, corpus, all, [], yClass, nClass, opts.maxIter, opts);
  if (calibrate) {
    // Start from the mean of the fold models, w = (1/k) Σ_f w_f: αᵢ = (1/k) Σ of row i's α in the folds that trained on it.
    const n = all.length;
    const alpha = alloc(Float64Array, nClass * n, shared);
    for (const { fit, rows, pending } of folds) {
      finish(pending);
      const out = fit.problem.alphaOut as Float64Array;
      for (let cls = 0; cls < nClass; cls++) {
        rows.forEach((r, i) => {
          alpha[cls * n + r] = (alpha[cls * n + r] as number) + (out[cls * rows.length + i] as number) / k;
        });
      }
    }
    full.problem.alphaInit = alpha;
  }
  finish(solve(full.problem));
  const parts = linearParts(full.problem);

  let temperature = 1;
  if (nClass > 1) {
    // Out-of-fold decision values: training-set margins are overconfident for an SVM.
    const scores: Float64Array[] = [];
    const ys: number[] = [];
    if (calibrate) {
      for (const { fit } of folds) {
        fit.held.forEach((i, r) => {
          scores.push((fit.problem.scores as Float64Array).slice(r * nClass, (r + 1) * nClass));
          ys.push(yClass[i] as number);
        });
      }
    } else {
      all.forEach((i) => {
        scores.push(scoreVec(parts, nClass, vectorizeRow(corpus, i, full.voc), new Float64Array(nClass)));
        ys.push(yClass[i] as number);
      });
    }
    temperature = fitTemperature(scores, Int32Array.from(ys));
  }
  return {
    version: 1,
    labels: classes,
    features: opts.features,
    vocab: full.voc.vocab,
    idf: full.voc.idf,
    ...quantize(parts, nClass),
    temperature,
  };
}

/** Assigns each example a fold 0..k-1, stratified by label, shuffled with the seed (deterministic). */
export function stratifiedFolds(labels: string[], k: number, seed: number): Int32Array {
  const rand = rng(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byLabel.get(l);
    if (list) list.push(i);
    else byLabel.set(l, [i]);
  });
  const folds = new Int32Array(labels.length);
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const idx = byLabel.get(label) as number[];
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = idx[i] as number;
      idx[i] = idx[j] as number;
      idx[j] = t;
    }
    // Continue the round-robin across labels so small classes don't all start at fold 0.
    idx.forEach((i, r) => {
      folds[i] = (offset + r) % k;
    });
    offset = (offset + idx.length) % k;
  }
  return folds;
}

/** Trains a classifier on labelled messages; deterministic for the same examples and options. */
export function trainClassifier(examples: Example[], options: Partial<TrainOptions> = {}): Model {
  const features = options.features ?? DEFAULT_TRAIN_OPTIONS.features;
  // The solver's workers (if any) load while the messages are segmented.
  if ((options.threads ?? 1) > 1) void startWorkers(options.threads ?? 1);
  return trainOnBags(
    examples.map((e) => messageBag(e.text, features)),
    examples.map((e) => e.label),
    { ...options, features },
  );
}

/** Raw decision values per label (same order as `model.labels`) for a pre-extracted bag. */
export function scoreBag(model: Model, bag: TermBag): Float64Array {
  const x = vectorize(bag, model.vocab, model.idf);
  const nClass = model.labels.length;
  const out = new Float64Array(nClass);
  const q = model.weights;
  for (let k = 0; k < x.idx.length; k++) {
    const base = (x.idx[k] as number) * nClass;
    const v = x.val[k] as number;
    for (let c = 0; c < nClass; c++) out[c] = (out[c] as number) + v * (q[base + c] as number);
  }
  for (let c = 0; c < nClass; c++) out[c] = (out[c] as number) * (model.scale[c] as number) + (model.bias[c] as number);
  return out;
}

/** Probabilities per label (same order as `model.labels`) for a pre-extracted bag. */
export function probabilitiesOfBag(model: Model, bag: TermBag): Float64Array {
  const s = scoreBag(model, bag);
  return softmaxInto(s, model.temperature, s);
}

/** The k most likely labels for a message, most likely first, with softmax confidences. */
export function predict(model: Model, text: string, k = 3): Prediction[] {
  const p = probabilitiesOfBag(model, messageBag(text, model.features));
  const order = model.labels.map((_, c) => c).sort((a, b) => (p[b] as number) - (p[a] as number) || a - b);
  return order.slice(0, Math.max(0, k)).map((c) => ({ label: model.labels[c] as string, confidence: p[c] as number }));
}

const MAGIC = 'YXC1';

/** The model as a compact binary blob (header JSON, then vocabulary, IDF, scales, biases, int8 weights). */
export function serializeModel(model: Model): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      version: 1,
      labels: model.labels,
      features: model.features,
      temperature: model.temperature,
      terms: model.vocab.length,
    }),
    'utf8',
  );
  const pad = (4 - ((8 + header.length) % 4)) % 4;
  const prefix = Buffer.alloc(8 + header.length + pad);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(header.length, 4);
  header.copy(prefix, 8);
  const le = (a: Int32Array | Float32Array): Buffer => {
    const b = Buffer.alloc(a.length * 4);
    for (let i = 0; i < a.length; i++) {
      if (a instanceof Int32Array) b.writeInt32LE(a[i] as number, i * 4);
      else b.writeFloatLE(a[i] as number, i * 4);
    }
    return b;
  };
  return Buffer.concat([
    prefix,
    le(model.vocab),
    le(model.idf),
    le(model.scale),
    le(model.bias),
    Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength),
  ]);
}

/** Loads a model written by {@link serializeModel}; rejects other blobs with a clear error. */
export function deserializeModel(buf: Uint8Array): Model {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 8 || b.toString('latin1', 0, 4) !== MAGIC) throw new Error('不是分类模型数据（文件头不符）');
  const headerLength = b.readUInt32LE(4);
  const header = JSON.parse(b.toString('utf8', 8, 8 + headerLength)) as {
    version: number;
    labels: string[];
    features: FeatureOptions;
    temperature: number;
    terms: number;
  };
  if (header.version !== 1) throw new Error(`不支持的分类模型版本：${header.version}`);
  const n = header.terms;
  const k = header.labels.length;
  let o = 8 + headerLength + ((4 - ((8 + headerLength) % 4)) % 4);
  if (b.length !== o + n * 8 + k * 8 + n * k) throw new Error('分类模型数据长度不符（可能已损坏）');
  const ints = (len: number): Int32Array => {
    const a = new Int32Array(len);
    for (let i = 0; i < len; i++, o += 4) a[i] = b.readInt32LE(o);
    return a;
  };
  const floats = (len: number): Float32Array => {
    const a = new Float32Array(len);
    for (let i = 0; i < len; i++, o += 4) a[i] = b.readFloatLE(o);
    return a;
  };
  const vocab = ints(n);
  const idf = floats(n);
  const scale = floats(k);
  const bias = floats(k);
  const weights = new Int8Array(n * k);
  for (let i = 0; i < n * k; i++) weights[i] = b.readInt8(o + i);
  return {
    version: 1,
    labels: header.labels,
    features: { ...DEFAULT_FEATURE_OPTIONS, ...header.features },
    vocab,
    idf,
    weights,
    scale,
    bias,
    temperature: header.temperature,
  };
}
