/** The search module's public face: its manifest and what other modules may call. */
export { invalidateTokenStats, SAMPLED_CHARS, tokenStats } from './search-stats.ts';
export { appendSearchText, docsOf, eventSearchText, ftsMatch, hasPendingSearch, indexPending, markPending, matchesTerms, MAX_WALK, planSearch, rebuildSearchIndex, ROWID_ISSUE, scoredMatches, searchRowid, textContains, writeSearchDoc, writeSearchDocs, type SearchPlan } from './search.repo.ts';
export { snippetOf } from './snippet.ts';
