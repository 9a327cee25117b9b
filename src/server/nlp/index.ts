/**
 * The language library's public face: what the modules use of it. It sits below the modules and reads no database
 * (nothing here imports `db/`, Kysely or a module); the modules keep the routes, jobs and repositories.
 * - search tokens (`tokens.ts`): CJK bigrams + last character, word suffixes, query parsing, highlights.
 */
export {
  PUNCT_FOLDS, fts5Query, highlightRanges, indexTokens, normalize, parseQuery, searchDoc, storedDocOf, tsQuery,
  type QueryTerm,
} from './tokens.ts';
