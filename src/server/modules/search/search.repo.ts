/**
 * The search index: one row of text per issue (title, body, replies and notes) and its app-made tokens — FTS5
 * `issue_fts` on SQLite (rowid = issue id), a `tsvector` column with a GIN index on PostgreSQL. Written by the
 * ledger's commands in their own transaction; `rebuildSearchIndex` recreates it in bulk (`yixian search rebuild`).
 *
 * A bulk import writes neither with its rows: it lists its issues in `search_pending` (`markPending`), and
 * `indexPending` writes their text and tokens afterwards. Until then searches also check the tenant's pending issues
 * in their title, body and timeline texts as stored, so an imported case is found from the moment its row is
 * committed; the few whose text NFKC changes in more ways than search can fold in SQL (`PUNCT_FOLDS`) have their
 * normalised text stored with their rows.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/connect.ts';
import { bulkInsert } from '../../db/bulk.ts';
import { transactorOf } from '../../db/transaction.ts';
import { PUNCT_FOLDS, fts5Query, indexTokens, searchDoc, tsQuery, type QueryTerm } from '../../nlp/index.ts';
import { estimatedShare, invalidateTokenStats, tokenStats } from './search-stats.repo.ts';

type Db = Kysely<DB>;

/** Timeline data fields whose text is searched (replies, decisions, notes). */
export const SEARCHED_EVENT_FIELDS = ['text', 'note'] as const;

/**
 * The FTS5 rowid of an issue: its received second above its id (ids stay below 2^31), so the index streams matches
 * newest-received first — a page of results is the first twenty index entries in scope, not a sort of every match.
 */
export function searchRowid(receivedAt: string, id: number): bigint {
  return BigInt(Math.floor(Date.parse(receivedAt) / 1000)) * 2147483648n + BigInt(id);
}
/** The issue id in an FTS5 rowid, as SQL. */
export const ROWID_ISSUE = sql<number>`(issue_fts.rowid & 2147483647)`;

/**
 * Write (or replace) an issue's searchable text and tokens. `has`: what the index holds of it already — nothing (a new
 * issue), its text only (a bulk-imported issue not indexed yet), or its text and tokens.
 */
export async function writeSearchDoc(db: Db, tenantId: number, issueId: number, receivedAt: string, doc: string, has: 'nothing' | 'text' | 'tokens'): Promise<void> {
  const tokens = indexTokens(doc);
  if (isPostgres(db)) {
    await sql`insert into issue_search (issue_id, tenant_id, doc, tsv)
      values (${issueId}, ${tenantId}, ${doc}, array_to_tsvector(${tokens}::text[]))
      on conflict (issue_id) do update set doc = excluded.doc, tsv = excluded.tsv`.execute(db);
    return;
  }
  if (has === 'nothing') await db.insertInto('issueSearch').values({ issueId, tenantId, doc }).execute();
  else await db.updateTable('issueSearch').set({ doc }).where('issueId', '=', issueId).execute();
  if (has === 'tokens') await sql`delete from issue_fts where rowid = ${searchRowid(receivedAt, issueId)}`.execute(db);
  await sql`insert into issue_fts (rowid, tokens) values (${searchRowid(receivedAt, issueId)}, ${tokens.join(' ')})`.execute(db);
}

/**
 * List new issues as waiting for their text and tokens (bulk imports), storing the normalised text of those that have
 * one to store (`storedDocOf`): cheap enough to go with the rows, and search finds them at once; `indexPending` does
 * the rest later.
 */
export async function markPending(db: Db, cases: Array<{ tenantId: number; issueId: number; doc: string | null }>): Promise<void> {
  const docs = cases.filter((c): c is { tenantId: number; issueId: number; doc: string } => c.doc !== null);
  // PostgreSQL's `tsv` (not null, not in the table's type) starts empty: '' read as a tsvector.
  await bulkInsert(db, 'issueSearch', isPostgres(db) ? docs.map((d) => ({ ...d, tsv: '' })) : docs);
  await bulkInsert(db, 'searchPending', cases.map((c) => ({ issueId: c.issueId, tenantId: c.tenantId })));
}

/** Whether some of the tenant's issues wait for their tokens (searches then also check their text). */
export async function hasPendingSearch(db: Db, tenantId: number): Promise<boolean> {
  return !!(await db.selectFrom('searchPending').select('issueId').where('tenantId', '=', tenantId).limit(1).executeTakeFirst());
}

/** Issues indexed per transaction by `indexPending` (≈ 0.3 s of FTS5 work on a 2-core machine). */
const PENDING_CHUNK = 1000;

/**
 * Add the tokens of pending issues (one tenant's, or all), oldest received first, in transactions of `chunk` issues,
 * letting other requests run between them. Each chunk takes its issues off the pending list first, so two runs at
 * once (or a reply that indexes its case meanwhile) never index an issue twice. Returns how many it indexed.
 */
export async function indexPending(db: Db, opts: { tenantId?: number; chunk?: number; onProgress?: (indexed: number, toIndex: number) => void } = {}): Promise<number> {
  const chunk = opts.chunk ?? PENDING_CHUNK;
  // Received order is the FTS5 rowid's order: FTS5 flushes its pending data whenever a rowid is not above the last one
  // written, so writing in that order keeps the segments few and large.
  const todo = await db.selectFrom('searchPending as p').innerJoin('issues as i', 'i.id', 'p.issueId').select(['i.id', 'i.tenantId', 'i.receivedAt'])
    .$if(!!opts.tenantId, (q) => q.where('p.tenantId', '=', opts.tenantId!)).execute();
  todo.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.id - b.id));
  opts.onProgress?.(0, todo.length);
  let indexed = 0;
  for (let k = 0; k < todo.length; k += chunk) {
    // SQLite runs each statement synchronously: let the server answer other requests (and progress polls) between chunks.
    await new Promise((resolve) => setImmediate(resolve));
    const part = todo.slice(k, k + chunk);
    indexed += await transactorOf(db)(async (trx) => {
      const mine = new Set((await trx.deleteFrom('searchPending').where('issueId', 'in', part.map((r) => r.id)).returning('issueId').execute()).map((r) => r.issueId));
      const rows = part.filter((r) => mine.has(r.id));
      if (rows.length === 0) return 0;
      // The text from the ledger (the same as any stored with the row by the import), then its tokens.
      const docs = await ledgerDocs(trx, await trx.selectFrom('issues').select(['id', 'title', 'body']).where('id', 'in', rows.map((r) => r.id)).execute());
      await writeSearchDocs(trx, rows.map((r) => ({ tenantId: r.tenantId, issueId: r.id, receivedAt: r.receivedAt, doc: docs.get(r.id)! })), 'replace');
      return rows.length;
    });
    opts.onProgress?.(Math.min(todo.length, k + chunk), todo.length);
  }
  // The token statistics sample stored texts: take them again now that these have theirs.
  if (indexed > 0) invalidateTokenStats(db);
  return indexed;
}

/**
 * Write the search rows of many issues at once (`rebuildSearchIndex`, `indexPending`, bench data): a few statements
 * per 500 issues. A text row already there is kept (`keep`: a reply or note wrote the whole text since the issues were
 * read; PostgreSQL) or replaced (`replace`: one an import stored, without tokens).
 */
export async function writeSearchDocs(db: Db, docs: Array<{ tenantId: number; issueId: number; receivedAt: string; doc: string }>, existing: 'keep' | 'replace' = 'keep'): Promise<void> {
  const pg = isPostgres(db);
  for (let i = 0; i < docs.length; i += 500) {
    const part = docs.slice(i, i + 500);
    if (pg) {
      await sql`insert into issue_search (issue_id, tenant_id, doc, tsv) values ${sql.join(part.map((d) =>
        sql`(${d.issueId}, ${d.tenantId}, ${d.doc}, array_to_tsvector(${indexTokens(d.doc)}::text[]))`))}
        on conflict (issue_id) do ${existing === 'keep' ? sql`nothing` : sql`update set doc = excluded.doc, tsv = excluded.tsv`}`.execute(db);
      continue;
    }
    await sql`insert into issue_search (issue_id, tenant_id, doc) values ${sql.join(part.map((d) => sql`(${d.issueId}, ${d.tenantId}, ${d.doc})`))}
      ${existing === 'replace' ? sql`on conflict (issue_id) do update set doc = excluded.doc` : sql``}`.execute(db);
    await sql`insert into issue_fts (rowid, tokens) values ${sql.join(part.map((d) => sql`(${searchRowid(d.receivedAt, d.issueId)}, ${indexTokens(d.doc).join(' ')})`))}`.execute(db);
  }
}

/** Add text (a reply, a note) to an issue's searchable text. */
export async function appendSearchText(db: Db, tenantId: number, issueId: number, receivedAt: string, text: string): Promise<void> {
  if (!text.trim()) return;
  const row = await db.selectFrom('issueSearch').select('doc').where('issueId', '=', issueId).executeTakeFirst();
  // A bulk-imported case waiting for its tokens: take it off the list and index it now (`indexPending` skips it).
  const pending = (await db.deleteFrom('searchPending').where('issueId', '=', issueId).returning('issueId').execute()).length > 0;
  // No text stored (an imported case waiting for it, or one imported before imports listed their cases): all of it
  // from the ledger now (the event with `text` is already on its timeline).
  const doc = row ? searchDoc([row.doc, text]) : await fullSearchDoc(db, issueId);
  await writeSearchDoc(db, tenantId, issueId, receivedAt, doc, !row ? 'nothing' : pending ? 'text' : 'tokens');
}

/** The searched text of one issue from scratch: title, body and the searched texts of its timeline. */
async function fullSearchDoc(db: Db, issueId: number): Promise<string> {
  const issue = await db.selectFrom('issues').select(['id', 'title', 'body']).where('id', '=', issueId).executeTakeFirstOrThrow();
  return (await ledgerDocs(db, [issue])).get(issueId)!;
}

/** The searched texts of issues from the ledger: their title, body and the searched texts of their timelines. */
async function ledgerDocs(db: Db, issues: ReadonlyArray<{ id: number; title: string; body: string }>): Promise<Map<number, string>> {
  const extra = new Map<number, string[]>();
  for (let i = 0; i < issues.length; i += 500) {
    const events = await db.selectFrom('timelineEvents').select(['subjectId as issueId', 'data'])
      .where('subjectType', '=', 'issue').where('subjectId', 'in', issues.slice(i, i + 500).map((x) => x.id))
      .where((eb) => eb.or(SEARCHED_EVENT_FIELDS.map((f) => eb('data', 'like', `%"${f}":%`))))
      .orderBy('subjectId').orderBy('id').execute();
    for (const e of events) {
      const text = eventSearchText(JSON.parse(e.data) as Record<string, unknown>);
      if (text) (extra.get(e.issueId) ?? extra.set(e.issueId, []).get(e.issueId)!).push(text);
    }
  }
  return new Map(issues.map((x) => [x.id, searchDoc([x.title, x.body, ...(extra.get(x.id) ?? [])])]));
}

/** The searched text of a timeline event's data. */
export function eventSearchText(data: Record<string, unknown>): string {
  return SEARCHED_EVENT_FIELDS.map((f) => data[f]).filter((v): v is string => typeof v === 'string' && v.trim() !== '').join('\n');
}

/**
 * Rebuild the index of one tenant (or all) from the issues and their timelines, in batches of `batch` issues per
 * transaction. Returns the number of issues indexed.
 */
export async function rebuildSearchIndex(db: Db, opts: { tenantId?: number; batch?: number; onProgress?: (done: number) => void } = {}): Promise<number> {
  const batch = opts.batch ?? 2000;
  const pg = isPostgres(db);
  await transactorOf(db)(async (trx) => {
    let pending = trx.deleteFrom('searchPending');
    if (opts.tenantId) pending = pending.where('tenantId', '=', opts.tenantId);
    await pending.execute();
    let del = trx.deleteFrom('issueSearch');
    if (opts.tenantId) del = del.where('tenantId', '=', opts.tenantId);
    await del.execute();
    if (!pg) {
      if (opts.tenantId) {
        // FTS rows have no tenant column: drop those of issues that belong to this tenant.
        await sql`delete from issue_fts where rowid in (select cast(strftime('%s', received_at) as integer) * 2147483648 + id from issues where tenant_id = ${opts.tenantId})`.execute(trx);
      } else {
        await sql`delete from issue_fts`.execute(trx);
      }
    }
  });
  let done = 0;
  for (let after = 0; ;) {
    const issues = await db.selectFrom('issues').select(['id', 'tenantId', 'title', 'body', 'receivedAt'])
      .where('id', '>', after).$if(!!opts.tenantId, (q) => q.where('tenantId', '=', opts.tenantId!))
      .orderBy('id').limit(batch).execute();
    if (issues.length === 0) break;
    const docs = await ledgerDocs(db, issues);
    await transactorOf(db)((trx) => writeSearchDocs(trx, issues.map((i) => ({ tenantId: i.tenantId, issueId: i.id, receivedAt: i.receivedAt, doc: docs.get(i.id)! }))));
    done += issues.length;
    after = issues[issues.length - 1]!.id;
    opts.onProgress?.(done);
  }
  if (!pg) await sql`insert into issue_fts (issue_fts) values ('optimize')`.execute(db);
  else await sql`analyze issue_search`.execute(db);
  return done;
}

/** Escape a string for LIKE with `\` as the escape character. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => '\\' + m);

/**
 * How to find the issues containing some terms: `index` looks the tokens up (FTS5 / GIN) and checks the candidates;
 * `scan` walks the ledger in the list's order and checks each issue's text, which is faster when the terms are so
 * common that a page fills after a few hundred issues (chosen from sampled token frequencies); `stream` (SQLite,
 * received-time orders) reads the index in that order itself and stops when the page is full.
 */
export type SearchPlan = 'index' | 'scan' | 'stream';

/**
 * A walk in order is chosen only when it is expected to find a page within this many of the tenant's issues, and it
 * stops there (the ledger then looks the words up).
 */
export const MAX_WALK = 3000;

/**
 * Choose the plan (`pending`: the tenant has issues not indexed yet, see `hasPendingSearch`). `scopeShare` is the
 * share of the tenant's issues the actor can see (see `scopeShareOf`): walking the ledger in order reads about
 * 20 / (term share × scope share) issues before a page is full, so a common word in a wide scope is walked, and a rare
 * word — or any word in a narrow scope (a department's queue) — is looked up.
 */
export async function planSearch(db: Db, tenantId: number, terms: QueryTerm[], sort?: string, scopeShare = 1, pending = false): Promise<SearchPlan> {
  if (terms.length === 0) return 'index';
  // The stream reads the index alone, which does not hold pending issues yet.
  if (!isPostgres(db) && !pending && (sort === 'received_desc' || sort === 'received_asc')) return 'stream';
  // PostgreSQL's GIN index gives matches in no order: for a common word, sorting all of them is the slow part
  // (measured 0.3–1.4 s at 100,000 issues), so the ledger is walked in order instead, as on SQLite for other orders.
  const share = estimatedShare(await tokenStats(db, tenantId), terms);
  return share > 0 && 21 / (share * Math.max(scopeShare, 1e-9)) <= MAX_WALK ? 'scan' : 'index';
}

/**
 * The predicate "issue `issues.id` contains every term": candidates by tokens (FTS5 MATCH / tsvector @@) unless the
 * plan walks the ledger, then each term checked as a substring of the stored text, so what is found is exactly what a
 * substring scan of the text would find.
 */
export function matchesTerms(db: Db, terms: QueryTerm[], plan: SearchPlan = 'index', pendingTenant?: number): Expression<SqlBool> {
  if (plan === 'stream') throw new Error('the stream plan joins the index (streamMatches), it is not a predicate');
  const text = textContains(db, terms, pendingTenant);
  if (plan === 'scan') return text;
  // Issues whose tokens are not indexed yet are candidates too (their text is checked like the others').
  const pending = pendingTenant === undefined ? sql`` : sql` or issues.id in (select p.issue_id from search_pending p where p.tenant_id = ${pendingTenant})`;
  if (isPostgres(db)) {
    // The text of only the candidates that pass the scope and filters is read (not of every match of the tokens).
    return sql<SqlBool>`((issues.id in (select s.issue_id from issue_search s where s.tsv @@ ${tsQuery(terms)}::tsquery)${pending}) and ${text})`;
  }
  return sql<SqlBool>`((issues.id in (select ${ROWID_ISSUE} from issue_fts where issue_fts match ${fts5Query(terms)})${pending}) and ${text})`;
}

/**
 * The check that the issue's stored text contains every term (a correlated lookup of its search row). With
 * `pendingTenant`, an issue of that tenant waiting for its text (`search_pending`, no row) is checked in its parts as
 * stored (`pendingContains`): for such an issue that finds exactly what its normalised text would (`storedDocOf`).
 */
export function textContains(db: Db, terms: QueryTerm[], pendingTenant?: number): Expression<SqlBool> {
  const pg = isPostgres(db);
  const stored = sql<SqlBool>`(select ${sql.join(terms.map((t) => likeCheck(t, sql`s.doc`, pg)), sql` and `)} from issue_search s where s.issue_id = issues.id)`;
  if (pendingTenant === undefined) return stored;
  return sql<SqlBool>`coalesce(${stored}, (select ${pendingContains(terms, pg)} from search_pending p where p.issue_id = issues.id and p.tenant_id = ${pendingTenant}))`;
}

/**
 * Every term in an issue's parts as stored — its title, its body, or a searched field of one of its timeline events (a
 * term holds no line break, so it lies within one part) — with those of PUNCT_FOLDS applied that fold to a character
 * the term holds: the others change characters it does not hold into others it does not hold, so no match starts,
 * ends or lies across them either way (and each replace() reads the whole text).
 */
function pendingContains(terms: QueryTerm[], pg: boolean) {
  return sql.join(terms.map((t) => {
    const chars = new Set(Array.from(t.text));
    const folds = PUNCT_FOLDS.filter(([, to]) => Array.from(to).some((c) => chars.has(c)));
    const fold = (e: RawBuilder<unknown>) => folds.reduce((x, [from, to]) => sql`replace(${x}, ${from}, ${to})`, e);
    // An event's JSON holds such a term as it is when nothing folds or lower-cases it and JSON writes each of its
    // characters as itself: then looking for it in the JSON first spares parsing the events that cannot hold it.
    const plain = folds.length === 0 && !/["\\\u0000-\u001f]/.test(t.text) && Array.from(t.text).every((ch) => ch.toUpperCase() === ch);
    const events = SEARCHED_EVENT_FIELDS.map((f) => {
      const value = pg ? sql`(e.data::jsonb ->> ${f})` : sql`json_extract(e.data, ${'$.' + f})`;
      return sql`exists (select 1 from timeline_events e where e.subject_type = 'issue' and e.subject_id = issues.id and e.data like ${`%"${f}":%`}${plain ? sql` and e.data like ${`%${likeEscape(t.text)}%`} escape '\\'` : sql``} and ${likeCheck(t, fold(value), pg)})`;
    });
    return sql`(${likeCheck(t, fold(sql`issues.title`), pg)} or ${likeCheck(t, fold(sql`issues.body`), pg)} or ${sql.join(events, sql` or `)})`;
  }), sql` and `);
}

/**
 * A term as a substring of `doc` (its text is NFKC; the term is normalised and lower-cased). A term without cased
 * letters (Chinese, digits) is looked for as it is — lower-casing the whole text of every walked issue was most of a
 * walk's time on PostgreSQL. SQLite's LIKE already ignores the case of ASCII letters, and its lower() knows only those,
 * so a term with other cased letters (é, Ü) goes through `yx_lower`, the app's own (db/connect.ts).
 */
/** Whether a stored text (NFKC, as `searchDoc` makes it) contains a term, case folded as search folds it. */
export function likeCheck(t: QueryTerm, doc: RawBuilder<unknown>, postgres: boolean) {
  const pattern = `%${likeEscape(t.text)}%`;
  const cased = Array.from(t.text).filter((ch) => ch.toUpperCase() !== ch);
  if (cased.length === 0) return sql`${doc} like ${pattern} escape '\\'`;
  if (postgres) return sql`lower(${doc}) like ${pattern} escape '\\'`;
  return cased.every((ch) => ch < '\u0080') ? sql`${doc} like ${pattern} escape '\\'` : sql`yx_lower(${doc}) like ${pattern} escape '\\'`;
}

/** The FTS5 MATCH of the stream plan (the query joins `issue_fts` on `ROWID_ISSUE = issues.id`). */
export function ftsMatch(terms: QueryTerm[]): Expression<SqlBool> {
  return sql<SqlBool>`issue_fts match ${fts5Query(terms)}`;
}

/** How many of the newest matches the relevance order ranks (ranking every match of a common word costs too much). */
export const RELEVANCE_WINDOW = 5000;

/**
 * `(issue_id, score)` of the newest matches by tokens, lower score = more relevant (bm25 / negated ts_rank); with
 * `pendingTenant`, that tenant's issues not indexed yet come after them with score 0 (their text is checked by the
 * caller's filter like any other candidate's).
 */
export function scoredMatches(db: Db, terms: QueryTerm[], pendingTenant?: number) {
  const pending = pendingTenant === undefined ? sql`` : sql` union all select p.issue_id, 0 from search_pending p where p.tenant_id = ${pendingTenant}`;
  if (isPostgres(db)) {
    const q = tsQuery(terms);
    return sql<{ issueId: number; score: number }>`(select * from (select issue_id, -ts_rank(tsv, ${q}::tsquery) as score from issue_search
      where tsv @@ ${q}::tsquery order by issue_id desc limit ${RELEVANCE_WINDOW}) ranked${pending})`;
  }
  return sql<{ issueId: number; score: number }>`(select * from (select ${ROWID_ISSUE} as issue_id, bm25(issue_fts) as score from issue_fts
    where issue_fts match ${fts5Query(terms)} order by rowid desc limit ${RELEVANCE_WINDOW})${pending})`;
}

/** The searched texts of some issues (for snippets): stored, or from the ledger for those waiting for it. */
export async function docsOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('issueSearch').select(['issueId', 'doc']).where('issueId', 'in', ids).execute();
  const out = new Map(rows.map((r) => [r.issueId, r.doc]));
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length) {
    const issues = await db.selectFrom('issues').select(['id', 'title', 'body']).where('id', 'in', missing).execute();
    for (const [id, doc] of await ledgerDocs(db, issues)) out.set(id, doc);
  }
  return out;
}
