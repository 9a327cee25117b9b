/**
 * Similar issues: while a clerk types, the likely duplicates or repeats in the actor's scope — same problem, same
 * place. A "more like this" lookup on the search index: the postings of the text's rarest tokens (document frequencies
 * estimated from a sample of recent issues, `search/search-stats.repo.ts`) vote with their idf, then the best candidates in
 * scope are re-scored by the overlap of their tokens with the new text, plus a little for the same place and category
 * (that arithmetic is the language library's, `nlp/similarity.ts`).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../actor.ts';
import { SAMPLED_CHARS, tokenStats } from '../search/index.ts';
import { problemTokens, rarestTokens, similarityScore, textSimilarity } from '../../nlp/index.ts';
import { placeOf, postingsOf, similarCandidates } from './intel.repo.ts';

type Db = Kysely<DB>;

/** How many candidates are re-scored. */
const CANDIDATES = 30;
/** Newest postings read per token. */
const PER_TOKEN = 200;
/** Characters of a candidate's text compared (the title and the start of the body carry the problem). */
const COMPARED_CHARS = SAMPLED_CHARS;
/** Below this text similarity a candidate is not shown, whatever its place. */
export const MIN_TEXT_SIMILARITY = 0.12;

/** What the lookup is given: the text being typed, where, and what to leave out (the issue itself). */
export interface SimilarQuery { title?: string; body: string; orgUnitId?: number; categoryId?: number | null; excludeId?: number }

/** One likely duplicate or repeat. */
export interface SimilarIssue {
  id: number; trackingCode: string; title: string; status: string; orgUnitId: number; orgUnitName: string;
  categoryId: number | null; receivedAt: string; mergedIntoId: number | null;
  /** 0–1: share of the tokens the two texts have in common (Dice). */
  textSimilarity: number;
  samePlace: boolean; nearPlace: boolean; sameCategory: boolean;
  /** 0–1.3: what the list is ordered by. */
  score: number;
}

/** The top `limit` similar issues in the actor's scope. */
export async function findSimilar(db: Db, actor: Actor, q: SimilarQuery, limit = 5): Promise<SimilarIssue[]> {
  const text = [q.title, q.body].filter(Boolean).join('\n').normalize('NFKC');
  const mine = problemTokens(text, COMPARED_CHARS * 2);
  if (mine.size === 0) return [];
  const rarest = rarestTokens(mine, await tokenStats(db, actor.tenantId));
  if (rarest.length === 0) return [];
  const ids = await candidates(db, actor.tenantId, rarest);
  if (ids.length === 0) return [];
  const place = q.orgUnitId ? await placeOf(db, actor.tenantId, q.orgUnitId) : undefined;
  const rows = await similarCandidates(db, actor, ids, COMPARED_CHARS, q.excludeId);
  const out: SimilarIssue[] = [];
  for (const r of rows) {
    const similarity = textSimilarity(mine, problemTokens(r.doc, COMPARED_CHARS));
    if (similarity < MIN_TEXT_SIMILARITY) continue;
    const samePlace = q.orgUnitId === r.orgUnitId;
    const nearPlace = !samePlace && !!place && place.parentId != null && place.parentId === r.locParentId;
    const sameCategory = q.categoryId != null && q.categoryId === r.categoryId;
    const score = similarityScore(similarity, { samePlace, nearPlace, sameCategory });
    const { doc: _doc, locParentId: _p, ...rest } = r;
    out.push({ ...rest, textSimilarity: round(similarity), samePlace, nearPlace, sameCategory, score: round(score) });
  }
  return out.sort((a, b) => b.score - a.score || b.id - a.id).slice(0, limit);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Issue ids that share the most informative tokens with the text, best first: each token's newest postings (up to
 * `PER_TOKEN`) are read from the index and every issue scores the idf of the tokens it has. Reading a few short
 * posting lists is cheaper than ranking every issue that has any of the tokens (an OR query with bm25).
 * On SQLite the index holds every tenant (scope, applied after, keeps tenants apart).
 */
async function candidates(db: Db, tenantId: number, tokens: Array<{ token: string; weight: number }>): Promise<number[]> {
  const score = new Map<number, number>();
  for (const { token, weight } of tokens) {
    for (const { issueId } of await postingsOf(db, tenantId, token, PER_TOKEN)) score.set(issueId, (score.get(issueId) ?? 0) + weight);
  }
  return [...score].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, CANDIDATES).map(([id]) => id);
}
