/**
 * Token document frequencies of a tenant, estimated from a sample of its most recent issues and kept in memory.
 * Search uses them to choose its plan (look up the index for rare terms, walk the ledger in order for common ones);
 * similar-issue lookup uses them to pick a text's most informative tokens.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { indexTokens, type QueryTerm } from '../../nlp/index.ts';

type Db = Kysely<DB>;

/** How many recent issues are sampled, how much of each text, and how long a sample is used before it is redone. */
const SAMPLE = 20_000;
export const SAMPLED_CHARS = 600;
const TTL_MS = 10 * 60_000;

/** `complete`: the sample is every issue of the tenant (a token not in it is in no issue). */
export interface TokenStats { n: number; df: Map<string, number>; at: number; complete: boolean }
const cache = new WeakMap<object, Map<number, TokenStats | Promise<TokenStats>>>();

async function build(db: Db, tenantId: number): Promise<TokenStats> {
  const rows = await db.selectFrom('issueSearch').select('doc').where('tenantId', '=', tenantId)
    .orderBy('issueId', 'desc').limit(SAMPLE).execute();
  const df = new Map<string, number>();
  for (const r of rows) for (const t of indexTokens(r.doc.slice(0, SAMPLED_CHARS))) df.set(t, (df.get(t) ?? 0) + 1);
  return { n: rows.length, df, at: Date.now(), complete: rows.length < SAMPLE };
}

/** The tenant's token statistics; a stale sample is served while the next one is taken in the background. */
export async function tokenStats(db: Db, tenantId: number): Promise<TokenStats> {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(tenantId);
  if (hit && !(hit instanceof Promise)) {
    if (Date.now() - hit.at > TTL_MS) {
      const next = build(db, tenantId);
      perDb.set(tenantId, next);
      next.then((s) => perDb.set(tenantId, s), () => perDb.set(tenantId, hit));
    }
    return hit;
  }
  if (hit) return hit;
  const p = build(db, tenantId);
  perDb.set(tenantId, p);
  try {
    const s = await p;
    perDb.set(tenantId, s);
    return s;
  } catch (err) {
    perDb.delete(tenantId);
    throw err;
  }
}

/** Forget the statistics of a database (tests; after bulk imports). */
export function invalidateTokenStats(db: Db): void {
  cache.delete(db);
}

/**
 * The estimated share of issues that contain all terms: the smallest share of any of their exact tokens (prefix
 * tokens, a single character or a word start, count as common). An upper bound, good enough to choose a plan.
 */
export function estimatedShare(stats: TokenStats, terms: QueryTerm[]): number {
  if (stats.n === 0) return 0;
  let share = 1;
  for (const t of terms) {
    for (const tok of t.tokens) {
      if (tok.prefix) continue;
      share = Math.min(share, (stats.df.get(tok.token) ?? 0) / stats.n);
    }
  }
  return share;
}
