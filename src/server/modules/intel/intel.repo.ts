/**
 * The intel module's queries: similar issues' postings and candidates, what hot spots count, the suggestion models
 * (`suggestion_models`) and what they are trained from. What intake suggested and chose is `suggest-record.repo.ts`.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/connect.ts';
import type { Actor } from '../../actor.ts';
import { issueInScope, issueInScopeByPaths, scopedUnitIds } from '../org/index.ts';
import { ROWID_ISSUE } from '../search/index.ts';

type Db = Kysely<DB>;

/** A unit's path and parent (the place a similar-issue lookup is for). */
export async function placeOf(db: Db, tenantId: number, unitId: number) {
  return db.selectFrom('orgUnits').select(['path', 'parentId']).where('id', '=', unitId).where('tenantId', '=', tenantId).executeTakeFirst();
}

/** The first `chars` of the indexed text of a similar-issue lookup's candidates (the tenant's only). */
export async function candidateDocs(db: Db, tenantId: number, ids: number[], chars: number) {
  return db.selectFrom('issueSearch').select(['issueId', sql<string>`substr(doc, 1, ${chars})`.as('doc')])
    .where('issueId', 'in', ids).where('tenantId', '=', tenantId).execute();
}

/** The candidates of a similar-issue lookup that lie in the actor's scope. */
export async function similarCandidates(db: Db, actor: Actor, ids: number[], excludeId?: number) {
  return db.selectFrom('issues')
    .innerJoin('orgUnits as loc', 'loc.id', 'issues.orgUnitId')
    .leftJoin('orgUnits as resp', 'resp.id', 'issues.responsibleUnitId')
    .select(['issues.id', 'issues.trackingCode', 'issues.title', 'issues.status', 'issues.orgUnitId', 'issues.categoryId',
      'issues.receivedAt', 'issues.mergedIntoId', 'loc.name as orgUnitName', 'loc.parentId as locParentId'])
    .where('issues.id', 'in', ids)
    .$if(!!excludeId, (qb) => qb.where('issues.id', '<>', excludeId!))
    .where((eb) => issueInScopeByPaths(eb, actor))
    .execute();
}

/** The newest `limit` issues whose index holds a token (on SQLite the index holds every tenant: scope keeps them apart). */
export async function postingsOf(db: Db, tenantId: number, token: string, limit: number): Promise<Array<{ issueId: number }>> {
  const r = isPostgres(db)
    ? await sql<{ issueId: number }>`select issue_id from issue_search where tenant_id = ${tenantId}
        and tsv @@ ${`'${token.replace(/'/g, "''")}'`}::tsquery order by issue_id desc limit ${limit}`.execute(db)
    : await sql<{ issueId: number }>`select ${ROWID_ISSUE} as issue_id from issue_fts where issue_fts match ${`"${token}"`}
        order by rowid desc limit ${limit}`.execute(db);
  return r.rows;
}

/**
 * The issues an evaluation's pairs name (`yixian similar eval`): by the source id an import kept (`import_rows`'
 * key `id:<source id>`, read only) or by tracking code, with what a lookup needs. `ref` is the value as given.
 */
export async function issuesByRef(db: Db, tenantId: number, refs: string[]) {
  const out: Array<{ ref: string; id: number; title: string; body: string; orgUnitId: number; categoryId: number | null }> = [];
  const cols = ['issues.id', 'issues.title', 'issues.body', 'issues.orgUnitId', 'issues.categoryId'] as const;
  for (let i = 0; i < refs.length; i += 500) {
    const part = refs.slice(i, i + 500);
    const bySource = await db.selectFrom('importRows as k').innerJoin('issues', 'issues.id', 'k.issueId').select([...cols, 'k.sourceKey'])
      .where('k.tenantId', '=', tenantId).where('k.sourceKey', 'in', part.map((r) => `id:${r}`)).execute();
    for (const { sourceKey, ...r } of bySource) out.push({ ref: sourceKey.slice(3), ...r });
    const byCode = await db.selectFrom('issues').select([...cols, 'issues.trackingCode'])
      .where('issues.tenantId', '=', tenantId).where('issues.trackingCode', 'in', part).execute();
    for (const { trackingCode, ...r } of byCode) out.push({ ref: trackingCode, ...r });
  }
  return out;
}

/** The tenant's units (every one: hot spots group by area). */
export async function unitsOf(db: Db, tenantId: number) {
  return db.selectFrom('orgUnits').select(['id', 'parentId', 'name', 'level']).where('tenantId', '=', tenantId).execute();
}

/** The tenant's categories (every one). */
export async function categoriesOf(db: Db, tenantId: number) {
  return db.selectFrom('categories').select(['id', 'parentId', 'name', 'level']).where('tenantId', '=', tenantId).execute();
}

/** Issues in the actor's scope received from `start` to `end` and not declined, newest first, with their text. */
export async function issuesReceived(db: Db, actor: Actor, start: string, end: string) {
  return db.selectFrom('issues').select(['id', 'orgUnitId', 'categoryId', 'receivedAt', 'title', 'body'])
    .where((eb) => issueInScope(eb, actor))
    .where('receivedAt', '>=', start).where('receivedAt', '<=', end)
    .where('status', '<>', 'declined')
    .orderBy('receivedAt', 'desc')
    .execute();
}

/** Active categories: what a category suggestion may name. */
export async function activeCategories(db: Db, tenantId: number) {
  return db.selectFrom('categories').select(['id', 'name', 'path', 'parentId']).where('tenantId', '=', tenantId).where('active', '=', 1).execute();
}

/** Only units the clerk could assign to, active and within the actor's scope: what a unit suggestion may name. */
export async function assignableUnits(db: Db, actor: Actor) {
  return db.selectFrom('orgUnits').select(['id', 'name']).where('tenantId', '=', actor.tenantId).where('active', '=', 1)
    .where('id', 'in', scopedUnitIds(actor)).execute();
}

/** Closed issues (not declined or merged) with a value in `column`, the label they train, oldest first. */
export async function closedIssueLabels(db: Db, tenantId: number, column: 'issues.categoryId' | 'issues.responsibleUnitId') {
  return db.selectFrom('issues').select(['issues.title', 'issues.body', `${column} as label`])
    .where('issues.tenantId', '=', tenantId)
    .where('issues.closedAt', 'is not', null)
    .where('issues.status', 'not in', ['declined', 'merged'])
    .where(column, 'is not', null)
    .orderBy('issues.id').execute();
}

/** Store a trained model; returns its id. */
export async function insertModel(db: Db, m: Omit<DB['suggestionModels'], 'id'>): Promise<number> {
  return (await db.insertInto('suggestionModels').values(m).returning('id').executeTakeFirstOrThrow()).id;
}

/** Delete all but the newest `keep` models of a kind. */
export async function pruneModels(db: Db, tenantId: number, kind: string, keep: number): Promise<void> {
  const kept = await db.selectFrom('suggestionModels').select('id').where('tenantId', '=', tenantId).where('kind', '=', kind)
    .orderBy('id', 'desc').limit(keep).execute();
  await db.deleteFrom('suggestionModels').where('tenantId', '=', tenantId).where('kind', '=', kind)
    .where('id', 'not in', kept.map((k) => k.id)).execute();
}

/** The id of the newest model of a kind. */
export async function latestModelId(db: Db, tenantId: number, kind: string): Promise<number | undefined> {
  return (await db.selectFrom('suggestionModels').select('id').where('tenantId', '=', tenantId).where('kind', '=', kind)
    .orderBy('id', 'desc').limit(1).executeTakeFirst())?.id;
}

/** A stored model's bytes. */
export async function modelBlob(db: Db, id: number) {
  return db.selectFrom('suggestionModels').select(['id', 'model']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** What is shown of the newest model of a kind (not its bytes). */
export async function latestModelInfo(db: Db, tenantId: number, kind: string) {
  return db.selectFrom('suggestionModels').select(['id', 'kind', 'trainedAt', 'examples', 'classes', 'metrics'])
    .where('tenantId', '=', tenantId).where('kind', '=', kind).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Every tenant's id (the training job's round). */
export async function allTenants(db: Db) {
  return db.selectFrom('tenants').select('id').execute();
}

/** When the tenant's newest model (of any kind) was trained. */
export async function lastTrainedAt(db: Db, tenantId: number): Promise<string | undefined> {
  return (await db.selectFrom('suggestionModels').select(['trainedAt']).where('tenantId', '=', tenantId).orderBy('id', 'desc').limit(1).executeTakeFirst())?.trainedAt;
}

/** Whether an issue of the tenant was closed after `since`. */
export async function closedSince(db: Db, tenantId: number, since: string): Promise<boolean> {
  return !!(await db.selectFrom('issues').select('id').where('tenantId', '=', tenantId).where('closedAt', '>', since).limit(1).executeTakeFirst());
}
