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
 * - confidences: softmax of the decision values with one temperature fitted on 2-fold out-of-fold
 *   scores (log loss 0.31 vs 0.57 with a temperature fitted on training scores);
 * - int8 weights with one scale per label (1.5 MB for 7 labels and 100k terms).
 *
 * What was measured to choose them, and what was tried and dropped: bench/README.md, "Classifier experiments".
 */
import { extractTerms, type FeatureOptions, type TermBag } from './features.ts';
import { vectorize } from './vocabulary.ts';

/** One suggestion: a label and the model's probability for it (0–1). */
export interface Prediction {
  label: string;
  confidence: number;
}

/** A trained classifier: vocabulary, IDF, one weight vector per label and the confidence temperature. */
export interface Model {
  /** The blob format's version (see serialize.ts). */
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

/** A message's term bag as a model with these features sees it. */
export function messageBag(text: string, features: FeatureOptions): TermBag {
  return extractTerms(text, features);
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
