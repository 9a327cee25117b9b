/**
 * The language library's public face: what the modules use of it. It sits below the modules and reads no database
 * (nothing here imports `db/`, Kysely or a module); the modules keep the routes, jobs and repositories.
 * - search tokens (`tokens.ts`): CJK bigrams + last character, word suffixes, query parsing, highlights;
 * - similar issues' arithmetic (`similarity.ts`): problem tokens, TF-IDF vectors and their cosine, which to look up, the score;
 * - the message classifier (`classifier/`): features, linear SVM trained on a small worker pool, calibrated
 *   confidences, the model blob, and its offline evaluation on labelled CSV files (`yixian classifier eval|cv`, with
 *   the confidences' reliability table).
 */
export {
  PUNCT_FOLDS, fts5Query, highlightRanges, indexTokens, normalize, parseQuery, searchDoc, storedDocOf, tsQuery,
  type QueryTerm,
} from './tokens.ts';
export {
  cosine, cosineText, cosineWith, idfOf, lookupTokens, numericVector, problemTokenCounts, problemTokens, rarestTokens, similarityScore,
  textSimilarity, tfidfVector, type NumericVector, type TokenFrequencies,
} from './similarity.ts';
export { getJieba } from './classifier/features.ts';
export { predict, type Model, type Prediction } from './classifier/model.ts';
export { deserializeModel, serializeModel } from './classifier/serialize.ts';
export { trainClassifier, type Example } from './classifier/train.ts';
export { readCsv, readLabelledCsv } from './classifier/csv.ts';
export { runCrossValidation, runEval } from './classifier/eval.ts';
export type { Reliability } from './classifier/metrics.ts';
export { redactPersonal } from './redact.ts';
