/**
 * The search module's public face: its manifest (background jobs; its routes are the ledger's list) and the
 * query planning, index writes and token statistics the ledger, imports and intel use.
 */
import type { ModuleManifest } from '../types.ts';
import { tenantIds } from '../org/index.ts';
import { indexPending as indexPendingNow, rebuildSearchIndex as rebuild } from './search.repo.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { tokenStats as sampleTokens } from './search-stats.repo.ts';

export { invalidateTokenStats, SAMPLED_CHARS, tokenStats } from './search-stats.repo.ts';
export { appendSearchText, docsOf, eventSearchText, ftsMatch, hasPendingSearch, indexPending, likeCheck, markPending, matchesTerms, MAX_WALK, planSearch, rebuildSearchIndex, ROWID_ISSUE, scoredMatches, searchRowid, textContains, writeSearchDoc, writeSearchDocs, type SearchPlan } from './search.repo.ts';
export { snippetOf } from './snippet.ts';

export const searchModule: ModuleManifest = {
  name: 'search',
  jobs: [{
    // The first search and similar-issue lookup of a tenant sample its token frequencies (a second or two on a large
    // ledger): take the samples at start, in the background, rather than in someone's first search.
    name: 'token statistics',
    atStart: true,
    run: async ({ db }) => { for (const id of await tenantIds(db)) await sampleTokens(db, id); },
  }, {
    // Imported cases whose tokens were not indexed when the server last stopped (found by their text meanwhile).
    name: 'index imported cases',
    atStart: true,
    run: async ({ db, log }) => {
      const n = await indexPendingNow(db);
      if (n) log.info({ indexed: n }, 'imported cases indexed for search');
    },
  }],
  commands: [{
    name: 'search',
    help: ['search rebuild                 重建全文检索索引'],
    run: async ({ db, args }) => {
      if (args[0] !== 'rebuild') throw new Error(`未知子命令 search ${args[0] ?? ''}（可用：search rebuild）`);
      await migrateToLatest(db);
      const t0 = Date.now();
      const n = await rebuild(db, { onProgress: (done) => process.stdout.write(`\r已索引 ${done} 件`) });
      console.log(`\r检索索引已重建：${n} 件问题，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒`);
    },
  }],
};
