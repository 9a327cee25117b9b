/**
 * Linear classifier for citizen messages: suggests a category (or, with unit ids as labels, the
 * responsible unit) at intake. This file is the trained model and prediction; `vocabulary.ts` the terms and their
 * TF-IDF vectors, `train.ts` training, `serialize.ts` the stored blob.
 *
 * Choices (5-fold stratified CV on tipdm2020c/train.csv, 2,788 messages, 7 labels, fold seed 42; scikit-learn's
 * TF-IDF + LinearSVC ≈ 0.89 macro-F1 there):
 * - features (features.ts): jieba words + character 1–3-grams within clauses, NFKC / lower-case / digits → 0,
 *   title counted 3× (without a title, the body's first 25 characters are), hashed to 32 bits;
 * - TF-IDF with sublinear tf and L2 normalisation; terms in ≥ 3 messages, at most 100,000 (most frequent);
 * - one-vs-rest L2-loss linear SVM by dual coordinate descent (LIBLINEAR's solver), C = 2, positives'
 *   C scaled by n / (labels × n_label) ("balanced", helps the small classes and so macro-F1);
 * - confidences (calibration.ts): the top label's by Platt scaling of its lead over the runner-up, the others' by a
 *   softmax with a temperature, both fitted on 2-fold out-of-fold scores whose folds hold near-duplicates together
 *   (5-fold CV on tipdm2020c: expected calibration error 0.026 → 0.013);
 * - int8 weights with one scale per label (1.5 MB for 7 labels and 100k terms).
 *
 * What was measured to choose them, and what was tried and dropped: bench/README.md, "Classifier experiments".
 */
import { calibratedProbabilities, type Calibration } from './calibration.ts';
import { extractTerms, type FeatureOptions, type TermBag } from './features.ts';
import { vectorize } from './vocabulary.ts';

/** One suggestion: a label and the model's calibrated probability that it is the right one (0–1). */
export interface Prediction {
  label: string;
  confidence: number;
}

/** A trained classifier: vocabulary, IDF, one weight vector per label and the confidences' calibration. */
export interface Model {
  /** The blob format it was read from (serialize.ts); a model trained here is 3. */
  version: 1 | 3;
  labels: string[];
  features: FeatureOptions;
  /** Term hashes (see features.ts), ascending. */
  vocab: Int32Array;
  idf: Float32Array;
  /** vocab.length × labels.length, feature-major (a term's weights are contiguous); weight = q × scale[label]. */
  weights: Int8Array;
  scale: Float32Array;
  bias: Float32Array;
  /** How decision values become confidences (calibration.ts). */
  calibration: Calibration;
}

/** A message's term bag as a model with these features sees it. */
export function messageBag(text: string, features: FeatureOptions): TermBag {
  return extractTerms(text, features);
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

/** Calibrated probabilities per label (same order as `model.labels`) for a pre-extracted bag; they sum to at most 1. */
export function probabilitiesOfBag(model: Model, bag: TermBag): Float64Array {
  return calibratedProbabilities(scoreBag(model, bag), model.calibration, new Float64Array(model.labels.length));
}

/** The k most likely labels for a message, most likely first (by decision value), with calibrated confidences. */
export function predict(model: Model, text: string, k = 3): Prediction[] {
  const s = scoreBag(model, messageBag(text, model.features));
  const p = calibratedProbabilities(s, model.calibration, new Float64Array(s.length));
  const order = model.labels.map((_, c) => c).sort((a, b) => (s[b] as number) - (s[a] as number) || a - b);
  return order.slice(0, Math.max(0, k)).map((c) => ({ label: model.labels[c] as string, confidence: p[c] as number }));
}
