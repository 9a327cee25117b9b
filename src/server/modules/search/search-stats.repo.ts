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
/**
 * How often a sample is checked against the ledger (another process — `yixian import` into a running server — may have
 * grown it: a sample taken on an empty ledger found nothing for its 10 minutes), and by how much the ledger must have
 * changed to take it again at once: a tenth of the sample, at least one issue.
 */
const CHECK_MS = 2_000;
const GROWTH = 0.1;

/**
 * `complete`: the sample is every issue of the tenant (a token not in it is in no issue). `maxId`: the newest issue
 * sampled; `checkedAt`: when the ledger was last compared with the sample.
 */
export interface TokenStats { n: number; df: Map<string, number>; at: number; complete: boolean; maxId: number; checkedAt: number }
const cache = new WeakMap<object, Map<number, TokenStats | Promise<TokenStats>>>();

async function build(db: Db, tenantId: number): Promise<TokenStats> {
  const rows = await db.selectFrom('issueSearch').select(['issueId', 'doc']).where('tenantId', '=', tenantId)
    .orderBy('issueId', 'desc').limit(SAMPLE).execute();
  const df = new Map<string, number>();
  for (const r of rows) for (const t of indexTokens(r.doc.slice(0, SAMPLED_CHARS))) df.set(t, (df.get(t) ?? 0) + 1);
  const at = Date.now();
  return { n: rows.length, df, at, complete: rows.length < SAMPLE, maxId: rows[0]?.issueId ?? 0, checkedAt: at };
}

/**
 * Whether the tenant's indexed issues changed enough since the sample to take it again: for a complete sample, their
 * number (counted up to the sample's size, one index walk); for a partial one, how many are newer than its newest.
 */
async function changedSince(db: Db, tenantId: number, s: TokenStats): Promise<boolean> {
  const enough = Math.max(1, Math.ceil(s.n * GROWTH));
  if (s.complete) {
    const r = await db.selectFrom((qb) => qb.selectFrom('issueSearch').select('issueId').where('tenantId', '=', tenantId).limit(SAMPLE).as('t'))
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Math.abs(Number(r.n) - s.n) >= enough;
  }
  const r = await db.selectFrom((qb) => qb.selectFrom('issueSearch').select('issueId').where('tenantId', '=', tenantId)
    .where('issueId', '>', s.maxId).limit(enough).as('t')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n) >= enough;
}

/**
 * The tenant's token statistics; a stale sample is served while the next one is taken in the background — unless the
 * ledger changed a lot since it was taken (checked every `CHECK_MS`), then it is taken again at once.
 */
export async function tokenStats(db: Db, tenantId: number): Promise<TokenStats> {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(tenantId);
  if (hit && !(hit instanceof Promise)) {
    const now = Date.now();
    if (now - hit.checkedAt > CHECK_MS && now - hit.at <= TTL_MS) {
      hit.checkedAt = now;
      if (await changedSince(db, tenantId, hit)) {
        if (perDb.get(tenantId) === hit) perDb.delete(tenantId);
        return tokenStats(db, tenantId);
      }
    }
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
