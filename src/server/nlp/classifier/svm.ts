// The linear SVM solver of train.ts, as jobs that any thread can run: one job solves one one-vs-rest problem (a
// label of one training set) and, for calibration fits, scores that label on the held-out rows. A job depends only
// on its inputs and its own seed, so the model is the same whichever thread ran which job (see pool.ts).
import { prng } from '../../../shared/random.ts';

/** Training vectors in one compressed-sparse-row block (row i is ptr[i]..ptr[i+1]), L2-normalised rows. */
export interface Csr {
  ptr: Int32Array;
  idx: Int32Array;
  /** Float32 like the vectors they come from: less memory to stream per pass than float64, the same values. */
  val: Float32Array;
}

/** Solver settings shared by every job of a batch (see TrainOptions in train.ts). */
export interface SolverOptions {
  c: number;
  balanced: boolean;
  eps: number;
  seed: number;
}

/** One training set: its rows, each row's class, and optionally held-out rows to score (calibration). */
export interface Problem {
  /** Distinguishes the random streams of a training's fits (with the seed and the class). */
  id: number;
  x: Csr;
  /** Class of each row of `x`, 0..nClass-1. */
  y: Int32Array;
  nFeat: number;
  nClass: number;
  maxIter: number;
  /** C (both classes') multiplied by this for this problem; 1 without. */
  cScale?: number;
  held?: Csr;
  /** Output: nClass weight vectors of nFeat + 1 (bias last), class-major. */
  weights: Float64Array;
  /** Output: held-out decision values, row-major (held rows × nClass). */
  scores?: Float64Array;
  /** Starting dual variables, class-major (nClass × rows); zeros without (a cold start). */
  alphaInit?: Float64Array;
  /** Output: the dual variables found, class-major (nClass × rows), when a later fit starts from them. */
  alphaOut?: Float64Array;
}

/** What the threads share: the problems and the job list (problem, class) in the order jobs are handed out. */
export interface Batch {
  problems: Problem[];
  opts: SolverOptions;
  /** Pairs (problem index, class) per job. */
  jobs: Int32Array;
}

/** A typed array of `n` elements, on shared memory when other threads will read or write it. */
export function alloc<T extends Int32Array | Float32Array | Float64Array>(
  Ctor: { new (n: number): T; new (buf: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  n: number,
  shared: boolean,
): T {
  return shared ? new Ctor(new SharedArrayBuffer(n * Ctor.BYTES_PER_ELEMENT)) : new Ctor(n);
}

/** The seed of one job: a mix of the batch seed, the problem and the class (not of the thread or the job order). */
function jobSeed(seed: number, problem: number, cls: number): number {
  let h = Math.imul(seed ^ 0x5bd1e995, 0x01000193) ^ Math.imul(problem + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ Math.imul(cls + 1, 0xc2b2ae35);
  return (h ^ (h >>> 13)) | 0;
}

/** Runs job `j` of the batch: solves its problem for its class and writes the weights (and held-out scores). */
export function runJob(batch: Batch, j: number): void {
  const p = batch.problems[batch.jobs[2 * j] as number] as Problem;
  const cls = batch.jobs[2 * j + 1] as number;
  const { opts } = batch;
  const l = p.y.length;
  const y = new Int8Array(l);
  let nPos = 0;
  for (let i = 0; i < l; i++) {
    const pos = p.y[i] === cls;
    y[i] = pos ? 1 : -1;
    if (pos) nPos++;
  }
  const c = opts.c * (p.cScale ?? 1);
  const cPos = opts.balanced ? (c * l) / (p.nClass * Math.max(1, nPos)) : c;
  const seed = jobSeed(opts.seed, p.id, cls);
  const w = new Float64Array(p.nFeat + 1);
  const alpha = new Float64Array(l);
  if (p.alphaInit) {
    // Warm start: w = Σ αᵢ yᵢ xᵢ (bias included) for the given α.
    alpha.set(p.alphaInit.subarray(cls * l, (cls + 1) * l));
    const { ptr, idx, val } = p.x;
    for (let i = 0; i < l; i++) {
      const d = (alpha[i] as number) * (y[i] as number);
      if (d === 0) continue;
      for (let k = ptr[i] as number, end = ptr[i + 1] as number; k < end; k++) {
        const f = idx[k] as number;
        w[f] = (w[f] as number) + d * (val[k] as number);
      }
      w[p.nFeat] = (w[p.nFeat] as number) + d;
    }
  }
  trainBinary(p.x, y, p.nFeat, c === opts.c ? opts : { ...opts, c }, p.maxIter, prng(seed), cPos, w, alpha);
  p.weights.set(w, cls * (p.nFeat + 1));
  p.alphaOut?.set(alpha, cls * l);
  if (p.held && p.scores) {
    const { ptr, idx, val } = p.held;
    for (let i = 0; i + 1 < ptr.length; i++) {
      let s = w[p.nFeat] as number;
      for (let k = ptr[i] as number, end = ptr[i + 1] as number; k < end; k++) s += (w[idx[k] as number] as number) * (val[k] as number);
      p.scores[i * p.nClass + cls] = s;
    }
  }
}

/**
 * One-vs-rest binary L2-loss (squared hinge) SVM by dual coordinate descent with shrinking (Hsieh et al. 2008,
 * LIBLINEAR solver 1). Starts from `alpha` and `w` = Σ αᵢ yᵢ xᵢ (zeros for a cold start) and updates both in place;
 * w has the bias last (LIBLINEAR's bias feature of value 1).
 */
export function trainBinary(
  m: Csr,
  y: Int8Array,
  nFeat: number,
  opts: SolverOptions,
  maxIter: number,
  rand: () => number,
  cPos: number,
  w: Float64Array,
  alpha: Float64Array,
): void {
  const l = m.ptr.length - 1;
  const { ptr, idx, val } = m;
  // Per-example diagonal of the L2 loss (only positives' C differs with class weights); α has no upper bound.
  const diagOf = (yi: number): number => 0.5 / (yi > 0 ? cPos : opts.c);
  const diagPos = diagOf(1);
  const diagNeg = diagOf(-1);
  const qd = new Float64Array(l);
  for (let i = 0; i < l; i++) {
    let s = 1; // bias feature
    for (let k = ptr[i] as number, end = ptr[i + 1] as number; k < end; k++) {
      const v = val[k] as number;
      s += v * v;
    }
    qd[i] = s + diagOf(y[i] as number);
  }
  const index = new Int32Array(l);
  for (let i = 0; i < l; i++) index[i] = i;
  let active = l;
  let pgMaxOld = Infinity;
  for (let iter = 0; iter < maxIter; iter++) {
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = 0; s < active; s++) {
      const r = s + Math.floor(rand() * (active - s));
      const tmp = index[s] as number;
      index[s] = index[r] as number;
      index[r] = tmp;
    }
    for (let s = 0; s < active; s++) {
      const i = index[s] as number;
      const yi = y[i] as number;
      const start = ptr[i] as number;
      const end = ptr[i + 1] as number;
      let dot = w[nFeat] as number;
      for (let k = start; k < end; k++) dot += (w[idx[k] as number] as number) * (val[k] as number);
      const a = alpha[i] as number;
      const diag = yi > 0 ? diagPos : diagNeg;
      const g = yi * dot - 1 + a * diag;
      let pg = 0;
      if (a === 0) {
        if (g > pgMaxOld) {
          active--;
          index[s] = index[active] as number;
          index[active] = i;
          s--;
          continue;
        }
        if (g < 0) pg = g;
      } else {
        pg = g;
      }
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) > 1e-12) {
        const na = Math.max(a - g / (qd[i] as number), 0);
        const d = (na - a) * yi;
        alpha[i] = na;
        for (let k = start; k < end; k++) {
          const j = idx[k] as number;
          w[j] = (w[j] as number) + d * (val[k] as number);
        }
        w[nFeat] = (w[nFeat] as number) + d;
      }
    }
    if (pgMax - pgMin <= opts.eps) {
      if (active === l) break;
      active = l;
      pgMaxOld = Infinity;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
  }
}
