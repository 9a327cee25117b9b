/** The tables of field research: a trip's visits and findings, and the suggestion bank (问计于民). */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/connect.ts';
import { parseQuery, searchDoc } from '../../nlp/index.ts';
import { likeCheck } from '../search/index.ts';
import { STATUS_INFO, type IssueStatus } from '../../../shared/lifecycle.ts';

type Db = Kysely<DB>;

/** Store a visit; returns its id. */
export async function insertVisit(db: Db, v: Omit<DB['activityVisits'], 'id'> extends infer T ? { [K in keyof T]: T[K] } : never): Promise<number> {
  return (await db.insertInto('activityVisits').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

/** A trip's visits, in the order they were made, with the unit's and the recorder's names. */
export async function visitsOf(db: Db, activityId: number) {
  return db.selectFrom('activityVisits as v').leftJoin('orgUnits as u', 'u.id', 'v.orgUnitId').innerJoin('users', 'users.id', 'v.createdBy')
    .select(['v.id', 'v.kind', 'v.visitedAt', 'v.orgUnitId', 'u.name as orgUnitName', 'v.placeText', 'v.metName', 'v.metPhone', 'v.seen', 'users.displayName as createdBy', 'v.createdAt'])
    .where('v.activityId', '=', activityId).orderBy('v.visitedAt').orderBy('v.id').execute();
}

/** One visit of a trip. */
export async function findVisit(db: Db, activityId: number, id: number) {
  return db.selectFrom('activityVisits').selectAll().where('activityId', '=', activityId).where('id', '=', id).executeTakeFirst();
}

/** Store a finding; returns its id. */
export async function insertFinding(db: Db, f: Omit<DB['activityFindings'], 'id' | 'issueId'>): Promise<number> {
  return (await db.insertInto('activityFindings').values({ ...f, issueId: null }).returning('id').executeTakeFirstOrThrow()).id;
}

/** A trip's findings, with the issue each became and its live status. */
export async function findingsOf(db: Db, activityId: number) {
  const rows = await db.selectFrom('activityFindings as f').leftJoin('issues', 'issues.id', 'f.issueId')
    .select(['f.id', 'f.visitId', 'f.text', 'f.categoryId', 'f.createdAt', 'f.issueId', 'issues.trackingCode', 'issues.status'])
    .where('f.activityId', '=', activityId).orderBy('f.id').execute();
  return rows.map((r) => ({
    id: r.id, visitId: r.visitId, text: r.text, categoryId: r.categoryId, createdAt: r.createdAt,
    issue: r.issueId && r.trackingCode && r.status ? { id: r.issueId, trackingCode: r.trackingCode, status: r.status as IssueStatus, statusType: STATUS_INFO[r.status as IssueStatus].type } : null,
  }));
}

/** One finding of a trip. */
export async function findFinding(db: Db, activityId: number, id: number) {
  return db.selectFrom('activityFindings').selectAll().where('activityId', '=', activityId).where('id', '=', id).executeTakeFirst();
}

/** Mark a finding as registered, unless it already was; whether it was marked. */
export async function markFindingIssue(db: Db, id: number, issueId: number): Promise<boolean> {
  const r = await db.updateTable('activityFindings').set({ issueId }).where('id', '=', id).where('issueId', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether a category is the tenant's. */
export async function categoryExists(db: Db, tenantId: number, id: number): Promise<boolean> {
  return !!(await db.selectFrom('categories').select('id').where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst());
}

/** Store a suggestion with its search text; returns its id. */
export async function insertIdea(db: Db, i: { tenantId: number; activityId: number | null; text: string; source: string; sourceName: string | null; createdBy: number; now: string }): Promise<number> {
  return (await db.insertInto('ideas').values({
    tenantId: i.tenantId, activityId: i.activityId, text: i.text, doc: searchDoc([i.text]), source: i.source, sourceName: i.sourceName, adopted: 0, adoptedNote: null,
    createdBy: i.createdBy, createdAt: i.now, updatedAt: i.now,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Mark a suggestion adopted or not. */
export async function setIdeaAdopted(db: Db, tenantId: number, id: number, adopted: boolean, note: string | null, now: string): Promise<boolean> {
  const r = await db.updateTable('ideas').set({ adopted: adopted ? 1 : 0, adoptedNote: note, updatedAt: now }).where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const ideaColumns = (db: Db) => db.selectFrom('ideas').leftJoin('activities as a', 'a.id', 'ideas.activityId')
  .select(['ideas.id', 'ideas.text', 'ideas.source', 'ideas.sourceName', 'ideas.activityId', 'a.title as activityTitle', 'ideas.adopted', 'ideas.adoptedNote', 'ideas.createdAt', 'ideas.updatedAt']);

/** One suggestion of the tenant. */
export async function findIdea(db: Db, tenantId: number, id: number) {
  return ideaColumns(db).where('ideas.tenantId', '=', tenantId).where('ideas.id', '=', id).executeTakeFirst();
}

/**
 * The tenant's suggestions, newest first: with `q`, those holding every term as a substring (the bank is small:
 * its stored NFKC text is checked directly, folded as search folds it).
 */
export async function searchIdeas(db: Db, tenantId: number, f: { q?: string; adopted?: boolean; activityId?: number; limit?: number }) {
  let q = ideaColumns(db).where('ideas.tenantId', '=', tenantId);
  for (const t of f.q ? parseQuery(f.q) : []) q = q.where(likeCheck(t, sql`ideas.doc`, isPostgres(db)) as Expression<SqlBool>);
  if (f.adopted !== undefined) q = q.where('ideas.adopted', '=', f.adopted ? 1 : 0);
  if (f.activityId) q = q.where('ideas.activityId', '=', f.activityId);
  const all = await q.orderBy('ideas.id', 'desc').execute();
  return { rows: all.slice(0, f.limit ?? 50), total: all.length };
}
