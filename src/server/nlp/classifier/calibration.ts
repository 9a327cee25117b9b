/**
 * Calibrated confidences: what the classifier's stated confidence means, and how it is fitted at training time.
 *
 * The decision values of one-vs-rest SVMs are margins, not probabilities. The top label's confidence is Platt
 * scaling of its lead over the runner-up, σ(slope × (s₁ − s₂) + intercept), fitted on out-of-fold decision values
 * of the calibration folds (train.ts) — "of the suggestions stated at 80 %, about 80 % were right". The other labels
 * share the rest, 1 − p₁, in proportion to a softmax of their decision values with a temperature fitted on the
 * same scores (none above p₁). Measured on tipdm2020c (bench/README.md, "Calibrated confidence"): a softmax over
 * the margins alone said 0.986 for the top bin where 0.965 were right, and 0.55 where 0.66 were; calibrated 0.979
 * and 0.974, 0.555 and 0.606 (expected calibration error 0.026 → 0.012).
 *
 * Calibration folds group near-duplicate messages (MinHash over their terms): a repeat petition or a text made from
 * a template is nothing like a new message if its copy is in the training fold. Half of the groups are held out
 * together (new texts: what the model has not seen), the others spread over the folds (repeats, as they also
 * arrive), so a ledger of near-copies — the demo county's — does not teach the calibration that everything is
 * 100 % right.
 */

/** How a model's decision values become confidences. */
export interface Calibration {
  /** The other labels share 1 − p₁ in proportion to softmax(temperature × decision values). */
  temperature: number;
  /** p₁ = σ(slope × (s₁ − s₂) + intercept), s₁ ≥ s₂ the two highest decision values. */
  slope: number;
  intercept: number;
  /** Fitted on held-out folds of this model's own examples; false: the defaults below (a format-1 model, too few examples). */
  fitted: boolean;
}

/**
 * Used where nothing was fitted (and the prior of every fit): Platt scaling fitted on the pooled out-of-fold
 * predictions of a 5-fold cross-validation on tipdm2020c/train.csv, each model trained on four fifths of it as a
 * served model is on all its examples (slope 2.95, intercept 0.19; the folds' own calibration fits gave 3.25–3.66 and
 * −0.29–0.03), and about the temperature those folds fitted (4.7–4.8).
 */
export const DEFAULT_CALIBRATION: Calibration = { temperature: 5, slope: 2.95, intercept: 0.19, fitted: false };

/** How strongly a fit is pulled towards the defaults: worth about this many examples at p = 0.9. */
const PRIOR_EXAMPLES = 20;

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The lead of the highest decision value over the second (a single label: its own value). */
export function topLead(scores: ArrayLike<number>): { top: number; lead: number } {
  let top = 0;
  for (let c = 1; c < scores.length; c++) if ((scores[c] as number) > (scores[top] as number)) top = c;
  let second = -Infinity;
  for (let c = 0; c < scores.length; c++) if (c !== top) second = Math.max(second, scores[c] as number);
  const s1 = scores[top] as number;
  return { top, lead: second === -Infinity ? s1 : s1 - second };
}

/**
 * Confidences per label (same order as the scores): the top label's by Platt scaling, the others' share of the rest by
 * the softmax (none above the top's), so they sum to at most 1. Writes into `out` (may be `scores`).
 */
export function calibratedProbabilities(scores: Float64Array, cal: Calibration, out: Float64Array): Float64Array {
  const n = scores.length;
  if (n === 0) return out;
  const { top, lead } = topLead(scores);
  const p1 = n === 1 ? 1 : sigmoid(cal.slope * lead + cal.intercept);
  const max = scores[top] as number;
  let rest = 0;
  for (let c = 0; c < n; c++) {
    const e = c === top ? 0 : Math.exp(cal.temperature * ((scores[c] as number) - max));
    out[c] = e;
    rest += e;
  }
  for (let c = 0; c < n; c++) out[c] = c === top ? p1 : rest > 0 ? Math.min(p1, ((1 - p1) * (out[c] as number)) / rest) : 0;
  return out;
}

/** The softmax temperature that minimises the log loss of the given scores (golden-section on log T). */
export function fitTemperature(scores: Float64Array[], y: Int32Array): number {
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

/**
 * Platt scaling of the top label's lead: slope and intercept of σ(slope × lead + intercept) for "the top label is
 * right", by Newton's method on the log loss with Platt's targets ((N₊ + 1) / (N₊ + 2), 1 / (N₋ + 2): never a hard 0
 * or 1) and a Gaussian prior around the defaults worth about {@link PRIOR_EXAMPLES} examples (a small tenant's fit
 * stays near them; a large one's is its own).
 */
export function fitPlatt(leads: Float64Array, correct: Uint8Array, prior: Pick<Calibration, 'slope' | 'intercept'> = DEFAULT_CALIBRATION): { slope: number; intercept: number } {
  const n = leads.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += correct[i] as number;
  const tPos = (pos + 1) / (pos + 2);
  const tNeg = 1 / (n - pos + 2);
  // A prior of λ/2 · ‖w − w₀‖²: the curvature of PRIOR_EXAMPLES examples at p = 0.9 with a lead of 1.
  const lambda = PRIOR_EXAMPLES * 0.09;
  const loss = (a: number, b: number): number => {
    let l = (lambda / 2) * ((a - prior.slope) ** 2 + (b - prior.intercept) ** 2);
    for (let i = 0; i < n; i++) {
      const z = a * (leads[i] as number) + b;
      const t = correct[i] ? tPos : tNeg;
      // −[t log σ(z) + (1 − t) log(1 − σ(z))] = log(1 + e^z) − t z, computed without overflow.
      l += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    }
    return l;
  };
  let a = prior.slope;
  let b = prior.intercept;
  let current = loss(a, b);
  for (let it = 0; it < 100; it++) {
    let ga = lambda * (a - prior.slope);
    let gb = lambda * (b - prior.intercept);
    let haa = lambda;
    let hab = 0;
    let hbb = lambda;
    for (let i = 0; i < n; i++) {
      const x = leads[i] as number;
      const p = sigmoid(a * x + b);
      const r = p - (correct[i] ? tPos : tNeg);
      const w = p * (1 - p);
      ga += r * x;
      gb += r;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Damped Newton: halve the step until the loss decreases (a full step can overshoot far from the optimum).
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const done = current - next < 1e-10 * (1 + Math.abs(current));
    current = next;
    if (done) break;
  }
  return { slope: a, intercept: b };
}

/** Fits the calibration on out-of-fold decision values `scores` of examples whose labels are `y`. */
export function fitCalibration(scores: Float64Array[], y: Int32Array): Calibration {
  const leads = new Float64Array(scores.length);
  const correct = new Uint8Array(scores.length);
  scores.forEach((s, i) => {
    const { top, lead } = topLead(s);
    leads[i] = lead;
    correct[i] = top === y[i] ? 1 : 0;
  });
  return { temperature: fitTemperature(scores, y), ...fitPlatt(leads, correct), fitted: true };
}

function mix32(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * MinHash by one-permutation hashing: each term hashed once, the hash's top bits pick one of ROWS × BANDS bins and the
 * bin keeps its smallest rest; the share of bins two texts agree on estimates their Jaccard similarity. BANDS bands of
 * ROWS bins find the candidates: texts with Jaccard similarity 0.7 share a band with p ≈ 0.9, at 0.5 with p ≈ 0.4. A
 * band with an empty bin (a very short text) matches nothing.
 */
const ROWS = 4;
const BANDS = 8;
const BINS = ROWS * BANDS;
const BIN_BITS = 5;
/** Estimated Jaccard similarity from which two texts are near-duplicates (a template's copies with other place names). */
const NEAR_DUPLICATE = 0.6;

/**
 * Near-duplicate groups of term sets (each one message's distinct term hashes). A text joins the group of the first
 * earlier group leader it shares a band with and resembles (estimated Jaccard ≥ 0.6), else it leads a group of its
 * own: every member resembles its leader, so groups do not chain into one through shared boilerplate. Returns each
 * row's group as its leader's index.
 */
export function nearDuplicateGroups(termSets: ArrayLike<number>[]): Int32Array {
  const n = termSets.length;
  const group = new Int32Array(n);
  const buckets = Array.from({ length: BANDS }, () => new Map<number, number>());
  const EMPTY = 0xffffffff;
  const sig = new Uint32Array(n * BINS).fill(EMPTY);
  const restMask = (1 << (32 - BIN_BITS)) - 1;
  const keys = new Int32Array(BANDS);
  for (let i = 0; i < n; i++) {
    const terms = termSets[i] as ArrayLike<number>;
    const o = i * BINS;
    for (let t = 0; t < terms.length; t++) {
      const h = mix32((terms[t] as number) ^ 0x5bd1e995);
      const bin = o + (h >>> (32 - BIN_BITS));
      const rest = h & restMask;
      if (rest < (sig[bin] as number)) sig[bin] = rest;
    }
    group[i] = i;
    let joined = false;
    band: for (let b = 0; b < BANDS; b++) {
      let key = b + 1;
      for (let r = 0; r < ROWS; r++) {
        const m = sig[o + b * ROWS + r] as number;
        if (m === EMPTY) {
          keys[b] = 0;
          continue band;
        }
        key = mix32(Math.imul(key, 0x01000193) ^ m);
      }
      keys[b] = key | 1;
      const leader = buckets[b]!.get(key | 1);
      if (joined || leader === undefined) continue;
      let same = 0;
      for (let k = 0, lo = leader * BINS; k < BINS; k++) if (sig[o + k] === sig[lo + k] && sig[o + k] !== EMPTY) same++;
      if (same >= NEAR_DUPLICATE * BINS) {
        group[i] = leader;
        joined = true;
      }
    }
    if (!joined) for (let b = 0; b < BANDS; b++) if (keys[b] !== 0 && !buckets[b]!.has(keys[b] as number)) buckets[b]!.set(keys[b] as number, i);
  }
  return group;
}

/**
 * Calibration folds from stratified `folds` (changed in place): near-duplicates of every other group (chosen by the
 * seed) move to the fold of the group's first row, so they are held out together; groups larger than half a fold stay
 * spread (a fold must keep training rows).
 */
export function groupNearDuplicates(folds: Int32Array, termSets: ArrayLike<number>[], k: number, seed: number): Int32Array {
  const group = nearDuplicateGroups(termSets);
  const size = new Map<number, number>();
  for (const g of group) size.set(g, (size.get(g) ?? 0) + 1);
  const limit = folds.length / (2 * k);
  group.forEach((g, i) => {
    const n = size.get(g) as number;
    if (n > 1 && n <= limit && (mix32(g ^ seed) & 1) === 0) folds[i] = folds[g] as number;
  });
  return folds;
}
