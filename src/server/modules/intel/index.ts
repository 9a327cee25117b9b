/**
 * The language-intelligence module's public face: its manifest, and what intake and the ledger may call —
 * similar issues, the suggestions shown at intake and the unit chosen at assignment.
 */
export { intelModule, SimilarList, withStatusType } from './intel.routes.ts';
export { findSimilar, type SimilarIssue, type SimilarQuery } from './similar.ts';
export { recordSuggestions, recordUnitChoice, type ShownSuggestions } from './suggest-record.repo.ts';
export { MAX_LABELS, MIN_PER_LABEL, TRAIN_THREADS, trainIfDue, trainInWorker, trainSuggestionModels } from './suggest.ts';
