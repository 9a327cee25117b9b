/**
 * Similar issues: while a clerk types, the likely duplicates or repeats in the actor's scope — same problem, same
 * place. A "more like this" query on the search index: the text's rarest tokens (document frequencies estimated from a
 * sample of recent issues, `search/search-stats.ts`) ORed in FTS5 / tsquery and ranked by bm25 / ts_rank, then the best candidates in scope
 * re-scored by the overlap of their tokens with the new text, plus a little for the same place and category.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/connect.ts';
import type { Actor } from '../org/actor.ts';
import { issueInScopeByPaths } from '../org/scope.ts';
import { indexTokens } from '../search/tokens.ts';
import { SAMPLED_CHARS, tokenStats } from '../search/search-stats.ts';
import { ROWID_ISSUE } from '../search/search.repo.ts';

type Db = Kysely<DB>;

/** How many tokens of the new text go into the candidate query, and how many candidates are re-scored. */
const QUERY_TOKENS = 16;
const CANDIDATES = 60;
/** Tokens in more than this share of issues say little about which problem it is. */
const COMMON = 0.06;
/** …but in a small ledger every token is in a few issues: only drop tokens seen more often than this. */
const MIN_COMMON_DF = 20;
/** Characters of a candidate's text compared (the title and the start of the body carry the problem). */
const COMPARED_CHARS = SAMPLED_CHARS;
/** Below this text similarity a candidate is not shown, whatever its place. */
export const MIN_TEXT_SIMILARITY = 0.12;

/** The tokens that describe a text's problem: ideograph bigrams and words of two or more characters. */
function problemTokens(text: string): string[] {
  return indexTokens(text.slice(0, COMPARED_CHARS * 2)).filter((t) => Array.from(t).length >= 2);
}

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
  const text = [q.title, q.body].filter(Boolean).join('\n');
  const mine = new Set(problemTokens(text));
  if (mine.size === 0) return [];
  const { n, df } = await tokenStats(db, actor.tenantId);
  const rarest = [...mine]
    .filter((t) => (df.get(t) ?? 0) <= Math.max(COMMON * n, MIN_COMMON_DF))
    .sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || (a < b ? -1 : 1))
    .slice(0, QUERY_TOKENS);
  if (rarest.length === 0) return [];
  const ids = await candidates(db, actor.tenantId, rarest);
  if (ids.length === 0) return [];
  const place = q.orgUnitId
    ? await db.selectFrom('orgUnits').select(['path', 'parentId']).where('id', '=', q.orgUnitId).where('tenantId', '=', actor.tenantId).executeTakeFirst()
    : undefined;
  const rows = await db.selectFrom('issues')
    .innerJoin('orgUnits as loc', 'loc.id', 'issues.orgUnitId')
    .leftJoin('orgUnits as resp', 'resp.id', 'issues.responsibleUnitId')
    .innerJoin('issueSearch as s', 's.issueId', 'issues.id')
    .select(['issues.id', 'issues.trackingCode', 'issues.title', 'issues.status', 'issues.orgUnitId', 'issues.categoryId',
      'issues.receivedAt', 'issues.mergedIntoId', 'loc.name as orgUnitName', 'loc.parentId as locParentId', 's.doc'])
    .where('issues.id', 'in', ids)
    .$if(!!q.excludeId, (qb) => qb.where('issues.id', '<>', q.excludeId!))
    .where((eb) => issueInScopeByPaths(eb, actor))
    .execute();
  const out: SimilarIssue[] = [];
  for (const r of rows) {
    const theirs = problemTokens(r.doc.slice(0, COMPARED_CHARS));
    let common = 0;
    for (const t of theirs) if (mine.has(t)) common++;
    const textSimilarity = theirs.length + mine.size === 0 ? 0 : (2 * common) / (theirs.length + mine.size);
    if (textSimilarity < MIN_TEXT_SIMILARITY) continue;
    const samePlace = q.orgUnitId === r.orgUnitId;
    const nearPlace = !samePlace && !!place && place.parentId != null && place.parentId === r.locParentId;
    const sameCategory = q.categoryId != null && q.categoryId === r.categoryId;
    const score = textSimilarity + (samePlace ? 0.2 : nearPlace ? 0.05 : 0) + (sameCategory ? 0.05 : 0);
    const { doc: _doc, locParentId: _p, ...rest } = r;
    out.push({ ...rest, textSimilarity: round(textSimilarity), samePlace, nearPlace, sameCategory, score: round(score) });
  }
  return out.sort((a, b) => b.score - a.score || b.id - a.id).slice(0, limit);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Issue ids that share the most informative tokens with the text, best first (any tenant on SQLite: scope comes after). */
async function candidates(db: Db, tenantId: number, tokens: string[]): Promise<number[]> {
  if (isPostgres(db)) {
    const q = tokens.map((t) => `'${t.replace(/'/g, "''")}'`).join(' | ');
    const r = await sql<{ issueId: number }>`select issue_id from issue_search where tenant_id = ${tenantId} and tsv @@ ${q}::tsquery
      order by ts_rank(tsv, ${q}::tsquery) desc, issue_id desc limit ${CANDIDATES}`.execute(db);
    return r.rows.map((x) => x.issueId);
  }
  const q = tokens.map((t) => `"${t}"`).join(' OR ');
  const r = await sql<{ issueId: number }>`select ${ROWID_ISSUE} as issue_id from issue_fts where issue_fts match ${q} order by rank limit ${CANDIDATES}`.execute(db);
  return r.rows.map((x) => x.issueId);
}
