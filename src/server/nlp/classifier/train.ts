/**
 * Training the classifier: one-vs-rest L2-loss linear SVMs (svm.ts) on TF-IDF vectors (vocabulary.ts), solved as jobs
 * on a small worker pool (pool.ts); 2-fold calibration fits (near-duplicates grouped, calibration.ts) give out-of-fold
 * scores for the confidences' calibration and warm-start the model's own fit; weights stored as int8. Deterministic
 * for the same examples and options, whatever the number of threads.
 */
import { DEFAULT_CALIBRATION, fitCalibration, fitTemperature, groupNearDuplicates, type Calibration } from './calibration.ts';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions, type TermBag } from './features.ts';
import { messageBag, type Model } from './model.ts';
import { finish, startWorkers, submit, type Pending } from './pool.ts';
import { alloc, type Csr, type Problem, type SolverOptions } from './svm.ts';
import { buildVocabulary, internBags, vectorizeRow, type Corpus, type SparseVec, type Vocabulary } from './vocabulary.ts';
import { prng as rng } from '../../../shared/random.ts';

/** One training example: the message text (`title + '\n' + body`) and its label. */
export interface Example {
  text: string;
  label: string;
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
  /**
   * Folds whose out-of-fold scores calibrate the confidences (calibration.ts; near-duplicates held out together for
   * half of the groups). 0: no folds — the default calibration, with the temperature fitted on training scores.
   */
  calibrationFolds: number;
  /** Pass limit of the calibration folds' models (they only provide scores for the calibration). */
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
  // warm-started from the folds' dual variables (fewer passes; bench/README.md, "Classifier experiments"). Each label of each fit is one
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
    const foldOf = groupNearDuplicates(stratifiedFolds(labels, k, opts.seed), bags.map((b) => b.hashes), k, opts.seed);
    for (let f = 0; f < k; f++) {
      const rows: number[] = [];
      const held: number[] = [];
      foldOf.forEach((fold, i) => (fold === f ? held : rows).push(i));
      const fit = prepareFit(1 + f, corpus, rows, held, yClass, nClass, opts.calibrationMaxIter, opts);
      fit.problem.alphaOut = alloc(Float64Array, nClass * rows.length, shared);
      // C × n / n_fold: the fold's loss term weighs as much as the model's own over all n, so its margins — the scores
      // the calibration is fitted on — have the model's scale (with C alone they were smaller: a steeper fit, 0.046
      // expected calibration error instead of 0.026 on a synthetic set); and the mean of the fold models, where the
      // model's fit starts, is then near the model.
      fit.problem.cScale = bags.length / rows.length;
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

  let calibration: Calibration = { ...DEFAULT_CALIBRATION };
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
      calibration = fitCalibration(scores, Int32Array.from(ys));
    } else {
      all.forEach((i) => {
        scores.push(scoreVec(parts, nClass, vectorizeRow(corpus, i, full.voc), new Float64Array(nClass)));
        ys.push(yClass[i] as number);
      });
      calibration.temperature = fitTemperature(scores, Int32Array.from(ys));
    }
  }
  return {
    version: 3,
    labels: classes,
    features: opts.features,
    vocab: full.voc.vocab,
    idf: full.voc.idf,
    ...quantize(parts, nClass),
    calibration,
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
