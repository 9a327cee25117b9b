/**
 * The activities module's tables: activities and the cadres who went, the case library with its search tokens, the
 * cases a lecture used, audience feedback; and the reads of units, users and issues it shows beside them. Scope in
 * SQL: an activity is seen by whoever's subtree holds its unit (a township sees its own and its villages').
 */
import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/connect.ts';
import { type Actor, scopePaths } from '../../actor.ts';
import { fts5Query, indexTokens, parseQuery, searchDoc, tsQuery } from '../../nlp/index.ts';
import { issueInScope } from '../org/index.ts';
import { likeCheck } from '../search/index.ts';
import type { ActivityListFilter } from '../../../shared/api/activities.ts';
import { ACTIVITY_ROLES } from '../../../shared/enums.ts';
import { STATUS_INFO, type IssueStatus } from '../../../shared/lifecycle.ts';
import { addDays, startOfShanghaiDay } from '../../../shared/shanghai-date.ts';

type Db = Kysely<DB>;

/** An activity row with its unit's name and path. */
export type ActivityRow = DB['activities'] extends infer T ? { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] } & { orgUnitName: string; unitPath: string } : never;

/** Whether the activity's unit (joined as `u`) lies in one of the actor's subtrees. */
function inScope(eb: ExpressionBuilder<DB & { u: DB['orgUnits'] }, 'activities' | 'u'>, actor: Actor): Expression<SqlBool> {
  const paths = scopePaths(actor.bindings);
  if (paths.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.and([eb('activities.tenantId', '=', actor.tenantId), eb.or(paths.map((p) => eb('u.path', 'like', `${p}%`)))]);
}

const withUnit = (db: Db) => db.selectFrom('activities').innerJoin('orgUnits as u', 'u.id', 'activities.orgUnitId')
  .selectAll('activities').select(['u.name as orgUnitName', 'u.path as unitPath']);

/** One activity in the actor's scope. */
export async function findActivityInScope(db: Db, actor: Actor, id: number): Promise<ActivityRow | undefined> {
  return withUnit(db).where('activities.id', '=', id).where((eb) => inScope(eb, actor)).executeTakeFirst() as Promise<ActivityRow | undefined>;
}

/** One activity of a tenant, whatever the actor's scope (an on-site session reached by a department present). */
export async function findActivityInTenant(db: Db, tenantId: number, id: number): Promise<ActivityRow | undefined> {
  return withUnit(db).where('activities.id', '=', id).where('activities.tenantId', '=', tenantId).executeTakeFirst() as Promise<ActivityRow | undefined>;
}

/** One activity by its public feedback token (any tenant: the token is the key). */
export async function findActivityByToken(db: Db, token: string): Promise<ActivityRow | undefined> {
  return withUnit(db).where('activities.feedbackToken', '=', token).executeTakeFirst() as Promise<ActivityRow | undefined>;
}

/** Activities in scope matching the filter, latest start first, `limit` of them after `offset`, and how many matched. */
export async function listActivities(db: Db, actor: Actor, f: ActivityListFilter): Promise<{ rows: ActivityRow[]; total: number }> {
  let q = db.selectFrom('activities').innerJoin('orgUnits as u', 'u.id', 'activities.orgUnitId').where((eb) => inScope(eb, actor));
  if (f.kind) q = q.where('activities.kind', '=', f.kind);
  if (f.status) q = q.where('activities.status', '=', f.status);
  if (f.unitId) {
    const unit = await db.selectFrom('orgUnits').select('path').where('id', '=', f.unitId).where('tenantId', '=', actor.tenantId).executeTakeFirst();
    q = unit ? q.where('u.path', 'like', `${unit.path}%`) : q.where(sql<SqlBool>`1 = 0`);
  }
  if (f.cadreId) {
    const cadreId = f.cadreId;
    q = q.where((eb) => eb.exists(eb.selectFrom('activityCadres as ac').select('ac.userId').whereRef('ac.activityId', '=', 'activities.id').where('ac.userId', '=', cadreId)));
  }
  // Overlapping [from, to]: Beijing days, as the calendar shows them.
  if (f.from) q = q.where('activities.endsAt', '>=', startOfShanghaiDay(f.from));
  if (f.to) q = q.where('activities.startsAt', '<', startOfShanghaiDay(addDays(f.to, 1)));
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll('activities').select(['u.name as orgUnitName', 'u.path as unitPath'])
    .orderBy('activities.startsAt', 'desc').orderBy('activities.id', 'desc').limit(f.limit ?? 100).offset(f.offset ?? 0).execute();
  return { rows: rows as ActivityRow[], total };
}

/** What the list and detail show of many activities at once: cadres, cases, counts of issues and feedback. */
export async function activityExtras(db: Db, actor: Actor, ids: number[]) {
  const cadres = new Map<number, Array<{ id: number; name: string }>>();
  const cases = new Map<number, Array<{ id: number; title: string }>>();
  const issues = new Map<number, number>();
  const feedback = new Map<number, number>();
  if (ids.length > 0) {
    for (const r of await db.selectFrom('activityCadres as ac').innerJoin('users', 'users.id', 'ac.userId')
      .select(['ac.activityId', 'users.id', 'users.displayName']).where('ac.activityId', 'in', ids).orderBy('users.id').execute()) {
      (cadres.get(r.activityId) ?? cadres.set(r.activityId, []).get(r.activityId)!).push({ id: r.id, name: r.displayName });
    }
    for (const r of await db.selectFrom('activityCases as ac').innerJoin('cases', 'cases.id', 'ac.caseId')
      .select(['ac.activityId', 'cases.id', 'cases.title']).where('ac.activityId', 'in', ids).orderBy('ac.sort').orderBy('cases.id').execute()) {
      (cases.get(r.activityId) ?? cases.set(r.activityId, []).get(r.activityId)!).push({ id: r.id, title: r.title });
    }
    for (const r of await db.selectFrom('issues').select((eb) => ['issues.sourceActivityId', eb.fn.countAll<number>().as('n')])
      .where('issues.sourceActivityId', 'in', ids).where((eb) => issueInScope(eb, actor)).groupBy('issues.sourceActivityId').execute()) {
      issues.set(r.sourceActivityId!, Number(r.n));
    }
    for (const r of await db.selectFrom('activityFeedback').select((eb) => ['activityId', eb.fn.countAll<number>().as('n')])
      .where('activityId', 'in', ids).groupBy('activityId').execute()) feedback.set(r.activityId, Number(r.n));
  }
  return { cadres, cases, issues, feedback };
}

/** A unit of the tenant by id. */
export async function unitOf(db: Db, tenantId: number, id: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'path', 'parentId']).where('id', '=', id).where('tenantId', '=', tenantId).executeTakeFirst();
}

/** Which of these users are active staff of the tenant. */
export async function activeUserIds(db: Db, tenantId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('id').where('tenantId', '=', tenantId).where('active', '=', 1).where('id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.id));
}

/** Which of these cases are the tenant's. */
export async function caseIdsOf(db: Db, tenantId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('cases').select('id').where('tenantId', '=', tenantId).where('id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.id));
}

/** Staff who record activities (cadres, leaders, clerks), with the unit of their first such binding. */
export async function listCadres(db: Db, tenantId: number) {
  const rows = await db.selectFrom('users').innerJoin('roleBindings as rb', 'rb.userId', 'users.id').innerJoin('orgUnits as u', 'u.id', 'rb.orgUnitId')
    .select(['users.id', 'users.displayName', 'u.name as unitName']).where('users.tenantId', '=', tenantId).where('users.active', '=', 1)
    .where('rb.role', 'in', [...ACTIVITY_ROLES]).orderBy('users.id').orderBy('rb.id').execute();
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && !!seen.add(r.id)).map((r) => ({ id: r.id, name: r.displayName, unitName: r.unitName }));
}

/** Insert an activity; returns its id. */
export async function insertActivity(db: Db, row: Omit<DB['activities'], 'id'> extends infer T ? { [K in keyof T]: T[K] } : never): Promise<number> {
  return (await db.insertInto('activities').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Update an activity if it is still at `version`; whether it was. */
export async function updateActivityRow(db: Db, id: number, version: number, set: Partial<Omit<DB['activities'], 'id' | 'tenantId' | 'version'>>): Promise<boolean> {
  const r = await db.updateTable('activities').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replace the cadres of an activity. */
export async function setCadres(db: Db, tenantId: number, activityId: number, userIds: readonly number[]): Promise<void> {
  await db.deleteFrom('activityCadres').where('activityId', '=', activityId).execute();
  if (userIds.length > 0) await db.insertInto('activityCadres').values(userIds.map((userId) => ({ tenantId, activityId, userId }))).execute();
}

/** Replace the cases a lecture used, in order. */
export async function setCases(db: Db, tenantId: number, activityId: number, caseIds: readonly number[]): Promise<void> {
  await db.deleteFrom('activityCases').where('activityId', '=', activityId).execute();
  if (caseIds.length > 0) await db.insertInto('activityCases').values(caseIds.map((caseId, sort) => ({ tenantId, activityId, caseId, sort }))).execute();
}

/** The issues an activity produced that the actor may see, newest first. */
export async function issuesOfActivity(db: Db, actor: Actor, activityId: number) {
  const rows = await db.selectFrom('issues').innerJoin('orgUnits as u', 'u.id', 'issues.orgUnitId')
    .select(['issues.id', 'issues.trackingCode', 'issues.title', 'issues.status', 'u.name as orgUnitName', 'issues.receivedAt', 'issues.closedAt'])
    .where('issues.sourceActivityId', '=', activityId).where((eb) => issueInScope(eb, actor))
    .orderBy('issues.receivedAt', 'desc').orderBy('issues.id', 'desc').execute();
  return rows.map((r) => ({ ...r, status: r.status as IssueStatus, statusType: STATUS_INFO[r.status as IssueStatus].type }));
}

/** The source activity of an issue (for its timeline), if it has one. */
export async function sourceActivityOfIssue(db: Db, issueId: number) {
  return db.selectFrom('issues').innerJoin('activities', 'activities.id', 'issues.sourceActivityId').leftJoin('users', 'users.id', 'issues.registeredBy')
    .select(['activities.id', 'activities.kind', 'activities.title', 'activities.startsAt', 'issues.createdAt', 'issues.registeredBy', 'users.displayName'])
    .where('issues.id', '=', issueId).executeTakeFirst();
}

// ---- the case library --------------------------------------------------------------------------------------------

/** A case's searchable text: title, story and tags (NFKC). */
const caseDoc = (c: { title: string; story: string; tags: readonly string[] }) => searchDoc([c.title, c.story, c.tags.join(' ')]);

/** Insert a case with its search tokens, in the caller's transaction; returns its id. */
export async function insertCase(db: Db, c: { tenantId: number; title: string; story: string; orgUnitId: number | null; tags: string[]; sourceIssueId: number | null; createdBy: number; now: string }): Promise<number> {
  const doc = caseDoc(c);
  const tokens = indexTokens(doc);
  const values = { tenantId: c.tenantId, title: c.title, story: c.story, orgUnitId: c.orgUnitId, tags: JSON.stringify(c.tags), sourceIssueId: c.sourceIssueId, doc, createdBy: c.createdBy, createdAt: c.now, updatedAt: c.now };
  if (isPostgres(db)) {
    const r = await sql<{ id: number }>`insert into cases (tenant_id, title, story, org_unit_id, tags, source_issue_id, doc, created_by, created_at, updated_at, tsv)
      values (${values.tenantId}, ${values.title}, ${values.story}, ${values.orgUnitId}, ${values.tags}, ${values.sourceIssueId}, ${doc}, ${values.createdBy}, ${c.now}, ${c.now}, array_to_tsvector(${tokens}::text[]))
      returning id`.execute(db);
    return r.rows[0]!.id;
  }
  const id = (await db.insertInto('cases').values(values).returning('id').executeTakeFirstOrThrow()).id;
  await sql`insert into case_fts (rowid, tokens) values (${id}, ${tokens.join(' ')})`.execute(db);
  return id;
}

/** Replace a case's fields and tokens. */
export async function updateCase(db: Db, id: number, c: { title: string; story: string; orgUnitId: number | null; tags: string[]; sourceIssueId: number | null; now: string }): Promise<void> {
  const doc = caseDoc(c);
  const tokens = indexTokens(doc);
  await db.updateTable('cases').set({ title: c.title, story: c.story, orgUnitId: c.orgUnitId, tags: JSON.stringify(c.tags), sourceIssueId: c.sourceIssueId, doc, updatedAt: c.now })
    .where('id', '=', id).execute();
  if (isPostgres(db)) await sql`update cases set tsv = array_to_tsvector(${tokens}::text[]) where id = ${id}`.execute(db);
  else {
    await sql`delete from case_fts where rowid = ${id}`.execute(db);
    await sql`insert into case_fts (rowid, tokens) values (${id}, ${tokens.join(' ')})`.execute(db);
  }
}

const caseColumns = (db: Db) => db.selectFrom('cases').leftJoin('orgUnits as u', 'u.id', 'cases.orgUnitId').leftJoin('issues as si', 'si.id', 'cases.sourceIssueId')
  .select(['cases.id', 'cases.title', 'cases.story', 'cases.orgUnitId', 'u.name as orgUnitName', 'cases.tags', 'cases.sourceIssueId', 'si.trackingCode as sourceTrackingCode', 'cases.createdAt', 'cases.updatedAt', 'cases.createdBy']);

/** One case of the tenant. */
export async function findCase(db: Db, tenantId: number, id: number) {
  return caseColumns(db).where('cases.id', '=', id).where('cases.tenantId', '=', tenantId).executeTakeFirst();
}

/**
 * The tenant's cases, newest first: with `q`, those holding every term as a substring of title, story or tags — the
 * index's tokens find the candidates (as the ledger's search), the stored text confirms the substring.
 */
export async function searchCases(db: Db, tenantId: number, f: { q?: string; tag?: string; limit?: number }) {
  let q = caseColumns(db).where('cases.tenantId', '=', tenantId);
  const terms = f.q ? parseQuery(f.q) : [];
  if (terms.length > 0) {
    if (isPostgres(db)) q = q.where(sql<SqlBool>`cases.tsv @@ ${tsQuery(terms)}::tsquery`);
    else q = q.where('cases.id', 'in', sql<number>`(select rowid from case_fts where case_fts match ${fts5Query(terms)})`);
    for (const t of terms) q = q.where(likeCheck(t, sql`cases.doc`, isPostgres(db)) as Expression<SqlBool>);
  }
  if (f.tag) q = q.where('cases.tags', 'like', `%${JSON.stringify(f.tag.trim())}%`);
  const all = await q.orderBy('cases.id', 'desc').execute();
  return { rows: all.slice(0, f.limit ?? 50), total: all.length };
}

/** Where cases were used: the lectures, latest first. */
export async function usesOfCases(db: Db, caseIds: number[]) {
  const out = new Map<number, Array<{ id: number; title: string; startsAt: string }>>();
  if (caseIds.length === 0) return out;
  for (const r of await db.selectFrom('activityCases as ac').innerJoin('activities as a', 'a.id', 'ac.activityId')
    .select(['ac.caseId', 'a.id', 'a.title', 'a.startsAt']).where('ac.caseId', 'in', caseIds).orderBy('a.startsAt', 'desc').execute()) {
    (out.get(r.caseId) ?? out.set(r.caseId, []).get(r.caseId)!).push({ id: r.id, title: r.title, startsAt: r.startsAt });
  }
  return out;
}

/** An issue's tracking code (one this module linked: a question's or a finding's issue, or one just registered). */
export async function trackingCodeOf(db: Db, issueId: number): Promise<string> {
  return (await db.selectFrom('issues').select('trackingCode').where('id', '=', issueId).executeTakeFirstOrThrow()).trackingCode;
}

/** An issue in scope with its petitioner's name: a case's source, or one to draft a case from. */
export async function issueForCase(db: Db, actor: Actor, issueId: number) {
  return db.selectFrom('issues').leftJoin('people', 'people.id', 'issues.petitionerId')
    .select(['issues.id', 'issues.trackingCode', 'issues.title', 'issues.body', 'issues.orgUnitId', 'issues.status', 'people.name as personName'])
    .where('issues.id', '=', issueId).where((eb) => issueInScope(eb, actor)).executeTakeFirst();
}

// ---- audience feedback ------------------------------------------------------------------------------------------

/** Store one listener's feedback; returns its id. */
export async function insertFeedback(db: Db, f: Omit<DB['activityFeedback'], 'id' | 'issueId'>): Promise<number> {
  return (await db.insertInto('activityFeedback').values({ ...f, issueId: null }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Every feedback entry of an activity, newest first, with the issue a question became. */
export async function feedbackOf(db: Db, activityId: number) {
  return db.selectFrom('activityFeedback as f').leftJoin('issues', 'issues.id', 'f.issueId')
    .select(['f.id', 'f.willing', 'f.understood', 'f.benefited', 'f.question', 'f.phone', 'f.createdAt', 'f.issueId', 'issues.trackingCode'])
    .where('f.activityId', '=', activityId).orderBy('f.id', 'desc').execute();
}

/** One feedback entry of an activity. */
export async function findFeedback(db: Db, activityId: number, id: number) {
  return db.selectFrom('activityFeedback').selectAll().where('activityId', '=', activityId).where('id', '=', id).executeTakeFirst();
}

/** Mark a question as turned into an issue, unless it already was; whether it was marked. */
export async function markFeedbackIssue(db: Db, id: number, issueId: number): Promise<boolean> {
  const r = await db.updateTable('activityFeedback').set({ issueId }).where('id', '=', id).where('issueId', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Display names of users by id. */
export async function userNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

// ---- the demo county ----------------------------------------------------------------------------------------------

/** The demo's issues heard at activities of a channel (outreach / research), oldest first, with their place. */
export async function demoIssuesOfChannel(db: Db, tenantId: number, channel: string) {
  return db.selectFrom('issues').select(['id', 'orgUnitId', 'receivedAt', 'title', 'status', 'categoryId']).where('tenantId', '=', tenantId).where('channel', '=', channel)
    .where('sourceActivityId', 'is', null).orderBy('receivedAt').execute();
}

/**
 * Name the activity the demo's generated issues were heard at (the demo generates its ledger first, then the
 * activities those issues came from; a real activity's issues get it at intake, `registerActivityIssue`).
 */
export async function linkDemoIssues(db: Db, activityId: number, issueIds: number[]): Promise<void> {
  if (issueIds.length > 0) await db.updateTable('issues').set({ sourceActivityId: activityId }).where('id', 'in', issueIds).execute();
}

/** Store a photo of an activity; returns its id. */
export async function insertPhoto(db: Db, p: Omit<DB['activityPhotos'], 'id'> extends infer T ? { [K in keyof T]: T[K] } : never): Promise<number> {
  return (await db.insertInto('activityPhotos').values(p).returning('id').executeTakeFirstOrThrow()).id;
}

/** An activity's photos, oldest first, with who uploaded each. */
export async function photosOf(db: Db, activityId: number) {
  return db.selectFrom('activityPhotos as p').innerJoin('users as u', 'u.id', 'p.uploadedBy')
    .select(['p.id', 'p.filename', 'p.mime', 'p.size', 'u.displayName as uploadedBy', 'p.createdAt'])
    .where('p.activityId', '=', activityId).orderBy('p.id').execute();
}

/** One photo of the tenant (the caller checks its activity is in scope). */
export async function findPhoto(db: Db, tenantId: number, id: number) {
  return db.selectFrom('activityPhotos').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** A tenant's reception days (接访日 / 下访) from `since` to `until`, not cancelled, soonest first, with who receives. */
export async function receptionSchedule(db: Db, tenantCode: string, since: string, until: string) {
  const tenant = await db.selectFrom('tenants').select(['id', 'name']).where('code', '=', tenantCode).executeTakeFirst();
  if (!tenant) return undefined;
  const rows = await db.selectFrom('activities as a').innerJoin('orgUnits as u', 'u.id', 'a.orgUnitId')
    .select(['a.id', 'a.startsAt', 'a.endsAt', 'a.placeText', 'a.receptionMode', 'u.name as unitName'])
    .where('a.tenantId', '=', tenant.id).where('a.kind', '=', 'reception').where('a.status', '!=', 'cancelled')
    .where('a.endsAt', '>=', since).where('a.startsAt', '<', until).orderBy('a.startsAt').orderBy('a.id').limit(200).execute();
  const who = rows.length ? await db.selectFrom('activityCadres as ac').innerJoin('users', 'users.id', 'ac.userId')
    .select(['ac.activityId', 'users.displayName']).where('ac.activityId', 'in', rows.map((r) => r.id)).orderBy('ac.userId').execute() : [];
  return { tenant: tenant.name, rows: rows.map((r) => ({ ...r, receivers: who.filter((w) => w.activityId === r.id).map((w) => w.displayName) })) };
}

/** The users who went on an activity, in the order they were recorded. */
export async function cadreIdsOf(db: Db, activityId: number): Promise<number[]> {
  return (await db.selectFrom('activityCadres').select('userId').where('activityId', '=', activityId).orderBy('userId').execute()).map((r) => r.userId);
}
