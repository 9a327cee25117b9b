/** The ledger's queries: issues (always within the actor's scope), people, categories, counters. */
import { type AliasedExpression, type Kysely, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { DB, Issue, IssueUpdate, NewIssue } from '../../db/types.ts';
import type { LedgerSort } from '../../../shared/enums.ts';
import type { Actor } from '../../actor.ts';
import type { ListCursor } from './ledger-cursor.ts';
import { issueInScope, issueInScopeByPaths, resolveScope } from '../org/index.ts';
import { scopePaths } from '../../actor.ts';
import { isPostgres } from '../../db/connect.ts';
import { MAX_WALK, ROWID_ISSUE, ftsMatch, hasPendingSearch, matchesTerms, planSearch, scoredMatches, searchRowid, textContains, type SearchPlan } from '../search/index.ts';
import { parseQuery } from '../../nlp/index.ts';

type Db = Kysely<DB>;

/**
 * An issue with the paths of its location and responsible unit (what the policy needs); lists also read the
 * units' names (a unit outside the actor's scope is not in the client's unit list, but its name should show).
 */
export type IssueRow = Issue & { locPath: string; respPath: string | null; locName: string; respName: string | null; ownerName: string | null };

function withPaths(db: Db, from?: IssueSource) {
  // `from` stands in for the issues table (same columns, alias `issues`): a bounded walk of the ledger, see below.
  return (from ? db.selectFrom(from as unknown as 'issues') : db.selectFrom('issues'))
    .innerJoin('orgUnits as loc', 'loc.id', 'issues.orgUnitId')
    .leftJoin('orgUnits as resp', 'resp.id', 'issues.responsibleUnitId')
    .leftJoin('users as owner', 'owner.id', 'issues.ownerId')
    .selectAll('issues')
    // Unit names travel with the issue: a handler sees where an issue is even when that place is outside its scope.
    .select(['loc.path as locPath', 'resp.path as respPath', 'loc.name as locName', 'resp.name as respName', 'owner.displayName as ownerName']);
}

/** A derived table with the columns of `issues` under the alias `issues`. */
type IssueSource = AliasedExpression<Issue, 'issues'>;

/** One issue if it exists and lies in the actor's scope. */
export async function findIssueInScope(db: Db, actor: Actor, id: number): Promise<IssueRow | undefined> {
  return withPaths(db).where('issues.id', '=', id).where((eb) => issueInScopeByPaths(eb, actor)).executeTakeFirst();
}

/** One issue by id within a tenant, ignoring scope (system jobs only). */
export async function findIssue(db: Db, tenantId: number, id: number): Promise<IssueRow | undefined> {
  return withPaths(db).where('issues.id', '=', id).where('issues.tenantId', '=', tenantId).executeTakeFirst();
}

/** Filters of the ledger list. */
export interface IssueFilter {
  status?: string[];
  categoryId?: number;
  unitId?: number;
  channel?: string[];
  kind?: string[];
  overdue?: boolean;
  from?: string;
  to?: string;
  q?: string;
  /** How to search for `q` (see `search/search.repo.ts`); set by the list functions. */
  searchPlan?: SearchPlan;
  /** How many of the tenant's issues a planned walk reads before it looks the words up (default MAX_WALK). */
  walkBudget?: number;
  /** Only issues whose responsible unit is this one (a handler's queue). */
  responsibleUnitId?: number;
  /** 包案: only issues this leader owns. */
  ownerId?: number;
  /** Linked as a repeat of an earlier issue (第19条). */
  repeat?: boolean;
  /** The tenant has imported issues whose tokens are not indexed yet (set by the list functions; see search.repo). */
  pendingSearch?: boolean;
}

/**
 * The issues table alone, typed as `withPaths` (a count reads no names): the filters below refer to `issues` only, and
 * without the two joins SQLite no longer drives a count from the units table (365 → 107 ms for a department's count
 * of 10,001 among 200,000 issues; a common word in a wide scope still costs 50–190 ms).
 */
const bareIssues = (db: Db) => db.selectFrom('issues').selectAll('issues') as unknown as ReturnType<typeof withPaths>;

/** The issues in the actor's scope that pass the filter (a query to order and page; `bare`: without the units' names). */
function filteredIssues(db: Db, actor: Actor, f: IssueFilter, now: string, sort?: LedgerSort, from?: IssueSource, bare = false) {
  let q = (bare && !from ? bareIssues(db) : withPaths(db, from)).where((eb) => issueInScope(eb, actor));
  if (f.status?.length) q = q.where('issues.status', 'in', f.status);
  if (f.channel?.length) q = q.where('issues.channel', 'in', f.channel);
  if (f.kind?.length) q = q.where('issues.kind', 'in', f.kind);
  if (f.categoryId) {
    const catId = f.categoryId;
    q = q.where('issues.categoryId', 'in', (eb) => eb.selectFrom('categories as c').select('c.id')
      .where('c.tenantId', '=', actor.tenantId)
      .where('c.path', 'like', eb.selectFrom('categories as c0').select(sql<string>`c0.path || '%'`.as('p')).where('c0.id', '=', catId)));
  }
  if (f.unitId) {
    const unitId = f.unitId;
    const eb0 = expressionBuilder<DB, never>();
    const sub = () => eb0.selectFrom('orgUnits as fu').select('fu.id')
      .where('fu.tenantId', '=', actor.tenantId)
      .where('fu.path', 'like', eb0.selectFrom('orgUnits as fu0').select(sql<string>`fu0.path || '%'`.as('p')).where('fu0.id', '=', unitId));
    q = q.where((eb) => eb.or([eb('issues.orgUnitId', 'in', sub()), eb('issues.responsibleUnitId', 'in', sub())]));
  }
  if (f.responsibleUnitId) q = q.where('issues.responsibleUnitId', '=', f.responsibleUnitId);
  if (f.ownerId) q = q.where('issues.ownerId', '=', f.ownerId);
  if (f.repeat !== undefined) {
    const repeats = sql<SqlBool>`exists (select 1 from issue_links rl where rl.issue_id = ${sql.ref('issues.id')} and rl.kind = 'repeat')`;
    q = q.where(f.repeat ? repeats : sql<SqlBool>`not ${repeats}`);
  }
  if (f.overdue === true) q = q.where('issues.nextDueAt', '<', now);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('issues.nextDueAt', 'is', null), eb('issues.nextDueAt', '>=', now)]));
  if (f.from) q = q.where('issues.receivedAt', '>=', f.from);
  if (f.to) q = q.where('issues.receivedAt', '<', f.to);
  const terms = searchTermsOf(f.q);
  if (f.q && terms.length === 0) {
    q = q.where('issues.trackingCode', '=', f.q.trim().toUpperCase());
  } else if (terms.length && f.searchPlan === 'stream') {
    // The index, read in received order, drives the query (see ledger order below); scope and filters skip entries.
    q = q.innerJoin(sql`issue_fts`.as('issue_fts'), (j) => j.on(sql<SqlBool>`issues.id = ${ROWID_ISSUE}`))
      .where(ftsMatch(terms)).where(textContains(db, terms));
  } else if (terms.length) {
    q = q.where(matchesTerms(db, terms, f.searchPlan, f.pendingSearch ? actor.tenantId : undefined));
  }
  // Relevance: the text score of the newest matching issues (a tracking-code hit has no score and is not listed).
  return q.$if(sort === 'relevance' && terms.length > 0, (qb) => qb
    .innerJoin(scoredMatches(db, terms, f.pendingSearch ? actor.tenantId : undefined).as('hits'), 'hits.issueId', 'issues.id')
    .select(sql<number>`hits.score`.as('searchScore')));
}

/** Shares of the tenant's issues in an actor's scope, by user, recounted every five minutes. */
const scopeShares = new WeakMap<object, Map<number, { share: number; at: number }>>();

/** The share of the tenant's issues the actor can see (1 when it sees all): how far a search must walk. */
export async function scopeShareOf(db: Db, actor: Actor): Promise<number> {
  let perDb = scopeShares.get(db);
  if (!perDb) scopeShares.set(db, (perDb = new Map()));
  const hit = perDb.get(actor.userId);
  if (hit && Date.now() - hit.at < 5 * 60_000) return hit.share;
  if ((await resolveScope(db, actor)).all) return 1;
  const [mine, all] = await Promise.all([
    db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => issueInScope(eb, actor)).executeTakeFirstOrThrow(),
    db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).where('tenantId', '=', actor.tenantId).executeTakeFirstOrThrow(),
  ]);
  const share = Number(all.n) === 0 ? 1 : Number(mine.n) / Number(all.n);
  perDb.set(actor.userId, { share, at: Date.now() });
  return share;
}

/** The words of a ledger query; none when it is a tracking code (`YX-2026-000123`), which finds that issue. */
export function searchTermsOf(q: string | undefined) {
  return q && !/^\s*yx-[0-9a-z]+-[0-9]+\s*$/i.test(q) ? parseQuery(q) : [];
}

/** Order a filtered query and continue after a cursor position. Each order ends with the id, so positions are unique. */
function inOrder(q: ReturnType<typeof filteredIssues>, sort: LedgerSort, after?: ListCursor, plan?: SearchPlan) {
  if (after && after.sort !== sort) throw new Error(`cursor of ${after.sort} used with ${sort}`);
  if (plan === 'stream' && (sort === 'received_desc' || sort === 'received_asc')) {
    // The index's rowids are (received second, id): the same order, continued after the cursor's key.
    const desc = sort === 'received_desc';
    if (after) q = q.where(sql<SqlBool>`issue_fts.rowid ${sql.raw(desc ? '<' : '>')} ${searchRowid(after.key!, after.id)}`);
    return q.orderBy(sql`issue_fts.rowid`, desc ? 'desc' : 'asc');
  }
  switch (sort) {
    case 'received_desc': {
      if (after) {
        const key = after.key!;
        q = q.where((eb) => eb.or([eb('issues.receivedAt', '<', key), eb.and([eb('issues.receivedAt', '=', key), eb('issues.id', '<', after.id)])]));
      }
      return q.orderBy('issues.receivedAt', 'desc').orderBy('issues.id', 'desc');
    }
    case 'received_asc': {
      if (after) {
        const key = after.key!;
        q = q.where((eb) => eb.or([eb('issues.receivedAt', '>', key), eb.and([eb('issues.receivedAt', '=', key), eb('issues.id', '>', after.id)])]));
      }
      return q.orderBy('issues.receivedAt', 'asc').orderBy('issues.id', 'asc');
    }
    case 'relevance': {
      // Lower scores first (bm25 on SQLite, negated ts_rank on PostgreSQL), then newest.
      if (after) {
        const key = Number(after.key);
        q = q.where((eb) => eb.or([sql<SqlBool>`hits.score > ${key}`, eb.and([sql<SqlBool>`hits.score = ${key}`, eb('issues.id', '<', after.id)])]));
      }
      return q.orderBy(sql`hits.score`).orderBy('issues.id', 'desc');
    }
    case 'due_asc': {
      // Issues without a running clock come last (NULLS LAST: SQLite would otherwise put them first).
      if (after) {
        const key = after.key;
        q = key === null
          ? q.where((eb) => eb.and([eb('issues.nextDueAt', 'is', null), eb('issues.id', '>', after.id)]))
          : q.where((eb) => eb.or([
            eb('issues.nextDueAt', '>', key),
            eb.and([eb('issues.nextDueAt', '=', key), eb('issues.id', '>', after.id)]),
            eb('issues.nextDueAt', 'is', null),
          ]));
      }
      return q.orderBy('issues.nextDueAt', (ob) => ob.asc().nullsLast()).orderBy('issues.id', 'asc');
    }
  }
}

/** The sort key of an issue under an order (what a cursor carries). */
export function sortKeyOf(row: Pick<Issue, 'receivedAt' | 'nextDueAt'> & { searchScore?: number }, sort: LedgerSort): string | null {
  if (sort === 'relevance') return String(row.searchScore ?? 0);
  return sort === 'due_asc' ? row.nextDueAt : row.receivedAt;
}

/** The sort keys of one issue of the tenant, to continue after an old-style plain-id cursor. */
export async function sortKeysOf(db: Db, tenantId: number, id: number) {
  return db.selectFrom('issues').select(['receivedAt', 'nextDueAt']).where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** A page of issues in scope in the given order, after the cursor position. */
export async function listIssuesInScope(
  db: Db, actor: Actor, f: IssueFilter, now: string, limit: number, sort: LedgerSort = 'received_desc', after?: ListCursor,
) {
  await resolveScope(db, actor);
  const terms = searchTermsOf(f.q);
  if (terms.length && f.pendingSearch === undefined) f = { ...f, pendingSearch: await hasPendingSearch(db, actor.tenantId) };
  const walks = isPostgres(db) || !(sort === 'received_desc' || sort === 'received_asc');
  const plan = f.searchPlan ?? (terms.length ? await planSearch(db, actor.tenantId, terms, sort, walks ? await scopeShareOf(db, actor) : 1, f.pendingSearch) : undefined);
  if (plan === 'scan' && !f.searchPlan && sort !== 'relevance') {
    // The walk is a bet that matches are common in this scope, and a word common in the ledger can be rare in a
    // department's queue. So only the tenant's next MAX_WALK issues in the list's order are walked (the database
    // stops as soon as a page is found): when they hold a full page it is the page the index would give, since every
    // issue before its last one was looked at; otherwise the tokens are looked up. (inOrder only adds conditions and
    // orders on `issues` columns, so it serves the bare table too; the walked rows stand in for `issues` below.)
    const newest = inOrder(db.selectFrom('issues').selectAll('issues').where('issues.tenantId', '=', actor.tenantId) as never, sort, after)
      .limit(f.walkBudget ?? MAX_WALK).as('issues') as unknown as IssueSource;
    const rows = await inOrder(filteredIssues(db, actor, { ...f, searchPlan: 'scan' }, now, sort, newest), sort, after).limit(limit).execute();
    if (rows.length === limit) return rows;
    return inOrder(filteredIssues(db, actor, { ...f, searchPlan: 'index' }, now, sort), sort, after, 'index').limit(limit).execute();
  }
  return inOrder(filteredIssues(db, actor, { ...f, searchPlan: plan }, now, sort), sort, after, plan).limit(limit).execute();
}

/**
 * How far the ledger counts: beyond it the list says "more than" (counting every match of a common word in a million
 * issues would cost more than the page). The export's cap, so a list shown as complete exports complete.
 */
export const COUNT_CAP = 10_000;

/**
 * How many issues in scope pass the filter, counted up to `cap` (the same query as the list's, so scope and every
 * filter apply alike; words are looked up in the index): `exact` false when there are more than `cap`.
 */
export async function countIssuesInScope(db: Db, actor: Actor, f: IssueFilter, now: string, cap = COUNT_CAP): Promise<{ total: number; exact: boolean }> {
  await resolveScope(db, actor);
  const terms = searchTermsOf(f.q);
  if (terms.length && f.pendingSearch === undefined) f = { ...f, pendingSearch: await hasPendingSearch(db, actor.tenantId) };
  const ids = filteredIssues(db, actor, { ...f, searchPlan: terms.length ? 'index' : undefined }, now, undefined, undefined, true)
    .clearSelect().select('issues.id').limit(cap + 1);
  const row = await db.selectFrom(ids.as('counted')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n > cap ? { total: cap, exact: false } : { total: n, exact: true };
}

/** Issues in scope for the spreadsheet export, in the given order, with the masked-to-be petitioner's name and phone. */
export async function exportIssuesInScope(db: Db, actor: Actor, f: IssueFilter, now: string, limit: number, sort: LedgerSort) {
  await resolveScope(db, actor);
  if (searchTermsOf(f.q).length && f.pendingSearch === undefined) f = { ...f, pendingSearch: await hasPendingSearch(db, actor.tenantId) };
  return inOrder(filteredIssues(db, actor, f, now, sort), sort)
    .leftJoin('people as p', 'p.id', 'issues.petitionerId')
    .select(['p.name as petitionerName', 'p.phone as petitionerPhone'])
    .limit(limit).execute();
}

/** Insert an issue and return its id. */
export async function insertIssue(db: Db, row: NewIssue): Promise<number> {
  const r = await db.insertInto('issues').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Update an issue if it is still at `version`; false when someone else changed it first. */
export async function updateIssueAtVersion(db: Db, id: number, version: number, set: IssueUpdate): Promise<boolean> {
  const r = await db.updateTable('issues').set({ ...set, version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Set the earliest running staff-clock due time on the issue. */
export async function refreshNextDue(db: Db, issueId: number, staffKinds: readonly string[]): Promise<void> {
  await db.updateTable('issues').set((eb) => ({
    nextDueAt: eb.selectFrom('clocks').select((e) => e.fn.min('dueAt').as('d'))
      .where('subjectType', '=', 'issue').where('subjectId', '=', issueId).where('metAt', 'is', null).where('kind', 'in', [...staffKinds]),
  })).where('id', '=', issueId).execute();
}

/** Next value of a per-tenant counter (tracking codes). */
export async function nextCounter(db: Db, tenantId: number, name: string): Promise<number> {
  const r = await db.insertInto('counters').values({ tenantId, name, value: 1 })
    .onConflict((oc) => oc.columns(['tenantId', 'name']).doUpdateSet((eb) => ({ value: eb(eb.ref('counters.value'), '+', 1) })))
    .returning('value').executeTakeFirstOrThrow();
  return r.value;
}

/** A petitioner met before (same phone), or a new person record. */
export async function findOrCreatePerson(db: Db, tenantId: number, p: { name?: string | null; phone?: string | null; idNumber?: string | null; address?: string | null }, now: string) {
  if (p.phone) {
    const hit = await db.selectFrom('people').selectAll().where('tenantId', '=', tenantId).where('phone', '=', p.phone)
      .orderBy('id').limit(1).executeTakeFirst();
    if (hit) {
      // Met before by phone: what they tell us now that the record lacks (a name first given by a feedback phone only)
      // is kept, never dropped; what it holds already stays as it is.
      const fill = Object.fromEntries((['name', 'idNumber', 'address'] as const).filter((k) => hit[k] === null && p[k]).map((k) => [k, p[k]!]));
      if (Object.keys(fill).length === 0) return hit;
      await db.updateTable('people').set(fill).where('id', '=', hit.id).execute();
      return { ...hit, ...fill };
    }
  }
  const row = { tenantId, name: p.name ?? null, phone: p.phone ?? null, idNumber: p.idNumber ?? null, address: p.address ?? null, createdAt: now };
  const r = await db.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow();
  return { id: r.id, ...row };
}

/** People by id. */
export async function peopleByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('people').selectAll().where('id', 'in', [...ids]).execute();
}

/** The unit if it lies in one of the actor's subtrees (its own path starts with a bound unit's path). */
export async function unitInScope(db: Db, actor: Actor, unitId: number) {
  const paths = scopePaths(actor.bindings);
  if (paths.length === 0) return undefined;
  return db.selectFrom('orgUnits').select(['id', 'name', 'path', 'level']).where('id', '=', unitId)
    .where('tenantId', '=', actor.tenantId)
    .where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`)))).executeTakeFirst();
}

/** A unit of the tenant by id. */
export async function unitOfTenant(db: Db, tenantId: number, unitId: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'path', 'level']).where('tenantId', '=', tenantId).where('id', '=', unitId).executeTakeFirst();
}

/** Names of some of the tenant's units by id (a timeline names places and units outside the actor's scope too). */
export async function unitNamesOf(db: Db, tenantId: number, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('orgUnits').select(['id', 'name']).where('tenantId', '=', tenantId).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Whether a category exists in the tenant. */
export async function categoryExists(db: Db, tenantId: number, id: number): Promise<boolean> {
  return !!(await db.selectFrom('categories').select('id').where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst());
}

/** The tenant's category tree (active categories unless asked for all). */
export async function listCategories(db: Db, tenantId: number, includeInactive = false) {
  const rows = await db.selectFrom('categories').select(['id', 'name', 'parentId', 'level', 'path', 'sort', 'active', 'keywords']).where('tenantId', '=', tenantId)
    .$if(!includeInactive, (q) => q.where('active', '=', 1)).orderBy('id').execute();
  return rows.map((r) => ({ ...r, active: r.active === 1, keywords: keywordsOf(r.keywords) }));
}

/** The keywords column (a JSON array of strings) as a list; anything else as none. */
function keywordsOf(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** Rename, (de)activate a category or replace its keywords. */
export async function updateCategory(db: Db, tenantId: number, id: number, set: { name?: string; active?: boolean; keywords?: readonly string[] }): Promise<void> {
  await db.updateTable('categories').set({
    ...(set.name !== undefined ? { name: set.name } : {}), ...(set.active !== undefined ? { active: set.active ? 1 : 0 } : {}),
    ...(set.keywords !== undefined ? { keywords: JSON.stringify(set.keywords) } : {}),
  }).where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

/** Insert a category under a parent (or at the root) and set its path. */
export async function insertCategory(db: Db, tenantId: number, parentId: number | null, name: string, sort: number, keywords: readonly string[] = []): Promise<number> {
  const parent = parentId == null ? undefined
    : await db.selectFrom('categories').select(['path', 'level']).where('id', '=', parentId).executeTakeFirst();
  const r = await db.insertInto('categories').values({
    tenantId, parentId, name, path: '', level: (parent?.level ?? 0) + 1, sort, active: 1, keywords: JSON.stringify(keywords),
  }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('categories').set({ path: `${parent?.path ?? '/'}${r.id}/` }).where('id', '=', r.id).execute();
  return r.id;
}

/** Attachments of an issue. */
export async function attachmentsOf(db: Db, issueId: number) {
  return db.selectFrom('attachments').select(['id', 'filename', 'mime', 'size', 'sha256', 'createdAt', 'uploadedBy', 'eventId'])
    .where('issueId', '=', issueId).orderBy('id').execute();
}

/** One attachment with its storage key. */
export async function findAttachment(db: Db, tenantId: number, id: number) {
  return db.selectFrom('attachments').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Record a stored attachment. */
export async function insertAttachment(db: Db, a: Omit<DB['attachments'], 'id'> & { eventId: number | null }) {
  const r = await db.insertInto('attachments').values(a).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Whether an issue is linked to a related one already (in that direction). */
export async function linkExists(db: Db, issueId: number, relatedIssueId: number): Promise<boolean> {
  return !!(await db.selectFrom('issueLinks').select('id').where('issueId', '=', issueId).where('relatedIssueId', '=', relatedIssueId).executeTakeFirst());
}

/** Record that an issue repeats or resembles another. */
export async function insertLink(db: Db, l: Omit<DB['issueLinks'], 'id'>): Promise<void> {
  await db.insertInto('issueLinks').values(l).execute();
}

/** The links of an issue, both ways, in the order they were made. */
export async function linkRowsOf(db: Db, tenantId: number, issueId: number) {
  return db.selectFrom('issueLinks').select(['issueId', 'relatedIssueId', 'kind', 'createdAt'])
    .where('tenantId', '=', tenantId)
    .where((eb) => eb.or([eb('issueId', '=', issueId), eb('relatedIssueId', '=', issueId)]))
    .orderBy('id').execute();
}

/** Issues by id that lie in the actor's scope, in the order of `ids`. */
export async function findIssuesInScope(db: Db, actor: Actor, ids: readonly number[]): Promise<IssueRow[]> {
  if (ids.length === 0) return [];
  const rows = await withPaths(db).where('issues.id', 'in', [...ids]).where((eb) => issueInScopeByPaths(eb, actor)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is IssueRow => r !== undefined);
}

/** The tenant's leaders whose binding's subtree holds a place (by its path), by name. */
export async function leadersCovering(db: Db, tenantId: number, placePath: string): Promise<{ id: number; name: string; unitName: string }[]> {
  const rows = await db.selectFrom('roleBindings as b').innerJoin('users as u', 'u.id', 'b.userId').innerJoin('orgUnits as o', 'o.id', 'b.orgUnitId')
    .select(['u.id', 'u.displayName as name', 'o.name as unitName', 'o.path'])
    .where('u.tenantId', '=', tenantId).where('u.active', '=', 1).where('b.role', '=', 'leader').orderBy('u.displayName').execute();
  const seen = new Set<number>();
  return rows.filter((r) => placePath.startsWith(r.path) && !seen.has(r.id) && seen.add(r.id)).map(({ id, name, unitName }) => ({ id, name, unitName }));
}

/** Set an issue's owning leader (包案). Not a step of the lifecycle: the version a client holds for its next action stays. */
export async function setOwner(db: Db, id: number, ownerId: number | null, now: string): Promise<void> {
  await db.updateTable('issues').set({ ownerId, updatedAt: now }).where('id', '=', id).execute();
}

/** The representatives of joint petitions (第20条), in order. */
export async function representativesOf(db: Db, issueIds: readonly number[]) {
  if (issueIds.length === 0) return [];
  return db.selectFrom('issueRepresentatives').select(['issueId', 'sort', 'name', 'phone']).where('issueId', 'in', [...issueIds]).orderBy('issueId').orderBy('sort').execute();
}

/** Record a joint petition's representatives. */
export async function insertRepresentatives(db: Db, tenantId: number, issueId: number, reps: readonly { name: string; phone?: string }[]): Promise<void> {
  await db.insertInto('issueRepresentatives').values(reps.map((r, i) => ({ tenantId, issueId, sort: i + 1, name: r.name.trim(), phone: r.phone?.trim() || null }))).execute();
}

/** The earlier issues an issue is linked to as a repeat, with what 第19条 asks of them. */
export async function repeatTargets(db: Db, issueId: number) {
  return db.selectFrom('issueLinks as l').innerJoin('issues as e', 'e.id', 'l.relatedIssueId')
    .select(['e.id', 'e.trackingCode', 'e.status', 'e.petitionerId', 'e.nextDueAt'])
    .where('l.issueId', '=', issueId).where('l.kind', '=', 'repeat').execute();
}
