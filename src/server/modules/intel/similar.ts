/**
 * Similar issues: while a clerk types, the likely duplicates or repeats in the actor's scope — same problem, same
 * place. A "more like this" lookup on the search index: the postings of the text's rarest tokens, title and body
 * (document frequencies estimated from a sample of recent issues, `search/search-stats.repo.ts`), vote with their
 * weight in the text, then the best candidates in scope are re-scored by the cosine of their TF-IDF token vectors with
 * the new text's, plus a little for the same place and category (that arithmetic is the language library's,
 * `nlp/similarity.ts`). No cutoff: every candidate comes back with its score, and the screens grey out the weak ones.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../actor.ts';
import { SAMPLED_CHARS, tokenStats } from '../search/index.ts';
import { cosineText, lookupTokens, numericVector, problemTokenCounts, similarityScore, tfidfVector } from '../../nlp/index.ts';
import { candidateDocs, placeOf, postingsOf, similarCandidates } from './intel.repo.ts';

type Db = Kysely<DB>;

/** How many candidates are re-scored (bench/similar-pairs.csv: 30 missed most of a problem’s repeats; 80 reach them). */
const CANDIDATES = 80;
/** How many times `limit` of the best by text are ranked with their place and category. */
const RANKED = 3;
/** Newest postings read per token. */
const PER_TOKEN = 50;
/** Characters of a candidate's text compared (the title and the start of the body carry the problem). */
const COMPARED_CHARS = SAMPLED_CHARS;

/** What the lookup is given: the text being typed, where, and what to leave out (the issue itself). */
export interface SimilarQuery { title?: string; body: string; orgUnitId?: number; categoryId?: number | null; excludeId?: number }

/** One likely duplicate or repeat. */
export interface SimilarIssue {
  id: number; trackingCode: string; title: string; status: string; orgUnitId: number; orgUnitName: string;
  categoryId: number | null; receivedAt: string; mergedIntoId: number | null;
  /** 0–1: cosine of the two texts' TF-IDF token vectors (title and the start of the body). */
  textSimilarity: number;
  samePlace: boolean; nearPlace: boolean; sameCategory: boolean;
  /** 0–1.3: what the list is ordered by. */
  score: number;
}

/** The top `limit` similar issues in the actor's scope. */
export async function findSimilar(db: Db, actor: Actor, q: SimilarQuery, limit = 5): Promise<SimilarIssue[]> {
  const text = [q.title, q.body].filter(Boolean).join('\n').normalize('NFKC');
  const counts = problemTokenCounts(text, COMPARED_CHARS);
  if (counts.size === 0) return [];
  const stats = await tokenStats(db, actor.tenantId);
  const mine = tfidfVector(counts, stats);
  const tokens = lookupTokens(mine, stats);
  if (tokens.length === 0) return [];
  const ids = await candidates(db, actor.tenantId, tokens);
  if (ids.length === 0) return [];
  // Texts first (the index's rows alone), then the issues — scope, place, category — of the best by text only: reading
  // the joined issue rows of every candidate was half the lookup's time at 200,000 issues.
  const unit = numericVector(mine);
  const texts = (await candidateDocs(db, actor.tenantId, ids, COMPARED_CHARS))
    .filter((d) => d.issueId !== q.excludeId)
    .map((d) => ({ id: d.issueId, similarity: cosineText(unit, d.doc, COMPARED_CHARS, stats) }))
    .sort((a, b) => b.similarity - a.similarity || b.id - a.id);
  const place = q.orgUnitId ? await placeOf(db, actor.tenantId, q.orgUnitId) : undefined;
  const out: SimilarIssue[] = [];
  // The best `RANKED · limit` by text that lie in scope are ranked with their place and category (a bonus of at most
  // 0.25 cannot lift one from further down past these), the next ones only when scope left too few.
  for (let k = 0; k < texts.length && out.length < limit; k += RANKED * limit) {
    const part = texts.slice(k, k + RANKED * limit);
    const similarity = new Map(part.map((t) => [t.id, t.similarity]));
    for (const r of await similarCandidates(db, actor, part.map((t) => t.id), q.excludeId)) {
      const text = similarity.get(r.id)!;
      const samePlace = q.orgUnitId === r.orgUnitId;
      const nearPlace = !samePlace && !!place && place.parentId != null && place.parentId === r.locParentId;
      const sameCategory = q.categoryId != null && q.categoryId === r.categoryId;
      const score = similarityScore(text, { samePlace, nearPlace, sameCategory });
      const { locParentId: _p, ...rest } = r;
      out.push({ ...rest, textSimilarity: round(text), samePlace, nearPlace, sameCategory, score: round(score) });
    }
  }
  return out.sort((a, b) => b.score - a.score || b.id - a.id).slice(0, limit);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Issue ids that share the most informative tokens with the text, best first: each token's newest postings (up to
 * `PER_TOKEN`) are read from the index and every issue scores the votes of the tokens it has. Reading a few short
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
