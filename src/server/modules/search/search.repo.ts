/**
 * The search index: one row of text per issue (title, body, replies and notes) and its app-made tokens — FTS5
 * `issue_fts` on SQLite (rowid = issue id), a `tsvector` column with a GIN index on PostgreSQL. Written by the
 * ledger's commands in their own transaction; `rebuildSearchIndex` recreates it in bulk (`yixian search rebuild`).
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.ts';
import { isPostgres } from '../../db/connect.ts';
import { fts5Query, indexTokens, tsQuery, type QueryTerm } from './tokens.ts';
import { estimatedShare, tokenStats } from './search-stats.ts';

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

/** The stored text of an issue: its parts, NFKC-normalised, one per line. */
export function searchDoc(parts: ReadonlyArray<string | null | undefined>): string {
  return parts.filter((p): p is string => !!p && p.trim() !== '').join('\n').normalize('NFKC');
}

/** Write (or replace) an issue's searchable text and tokens. `fresh`: the issue has no row yet (intake). */
export async function writeSearchDoc(db: Db, tenantId: number, issueId: number, receivedAt: string, doc: string, fresh = false): Promise<void> {
  const tokens = indexTokens(doc);
  if (isPostgres(db)) {
    await sql`insert into issue_search (issue_id, tenant_id, doc, tsv)
      values (${issueId}, ${tenantId}, ${doc}, array_to_tsvector(${tokens}::text[]))
      on conflict (issue_id) do update set doc = excluded.doc, tsv = excluded.tsv`.execute(db);
    return;
  }
  if (fresh) {
    await db.insertInto('issueSearch').values({ issueId, tenantId, doc }).execute();
  } else {
    await db.insertInto('issueSearch').values({ issueId, tenantId, doc })
      .onConflict((oc) => oc.column('issueId').doUpdateSet({ doc })).execute();
    await sql`delete from issue_fts where rowid = ${searchRowid(receivedAt, issueId)}`.execute(db);
  }
  await sql`insert into issue_fts (rowid, tokens) values (${searchRowid(receivedAt, issueId)}, ${tokens.join(' ')})`.execute(db);
}

/** Write the search rows of many new issues at once (bulk imports, rebuilds): a few statements per 500 issues. */
export async function writeSearchDocs(db: Db, docs: Array<{ tenantId: number; issueId: number; receivedAt: string; doc: string }>): Promise<void> {
  const pg = isPostgres(db);
  for (let i = 0; i < docs.length; i += 500) {
    const part = docs.slice(i, i + 500);
    if (pg) {
      // A row written meanwhile by a reply or note (appendSearchText) already holds the whole text.
      await sql`insert into issue_search (issue_id, tenant_id, doc, tsv) values ${sql.join(part.map((d) =>
        sql`(${d.issueId}, ${d.tenantId}, ${d.doc}, array_to_tsvector(${indexTokens(d.doc)}::text[]))`))}
        on conflict (issue_id) do nothing`.execute(db);
      continue;
    }
    await db.insertInto('issueSearch').values(part.map((d) => ({ issueId: d.issueId, tenantId: d.tenantId, doc: d.doc }))).execute();
    await sql`insert into issue_fts (rowid, tokens) values ${sql.join(part.map((d) => sql`(${searchRowid(d.receivedAt, d.issueId)}, ${indexTokens(d.doc).join(' ')})`))}`.execute(db);
  }
}

/** Add text (a reply, a note) to an issue's searchable text. */
export async function appendSearchText(db: Db, tenantId: number, issueId: number, receivedAt: string, text: string): Promise<void> {
  if (!text.trim()) return;
  const row = await db.selectFrom('issueSearch').select('doc').where('issueId', '=', issueId).executeTakeFirst();
  // No row yet: an imported case whose import has not reached its index step. Index all of it now (the event
  // with `text` is already on its timeline), so the import's index step finds it done.
  const doc = row ? searchDoc([row.doc, text]) : await fullSearchDoc(db, issueId);
  await writeSearchDoc(db, tenantId, issueId, receivedAt, doc, !row);
}

/** The searched text of one issue from scratch: title, body and the searched texts of its timeline. */
async function fullSearchDoc(db: Db, issueId: number): Promise<string> {
  const issue = await db.selectFrom('issues').select(['title', 'body']).where('id', '=', issueId).executeTakeFirstOrThrow();
  const events = await db.selectFrom('issueEvents').select('data').where('issueId', '=', issueId).orderBy('id').execute();
  return searchDoc([issue.title, issue.body, ...events.map((e) => eventSearchText(JSON.parse(e.data) as Record<string, unknown>))]);
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
  await db.transaction().execute(async (trx) => {
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
    const first = issues[0]!.id;
    const last = issues[issues.length - 1]!.id;
    const events = await db.selectFrom('issueEvents').select(['issueId', 'data'])
      .where('issueId', '>=', first).where('issueId', '<=', last)
      .where((eb) => eb.or(SEARCHED_EVENT_FIELDS.map((f) => eb('data', 'like', `%"${f}":%`))))
      .orderBy('issueId').orderBy('id').execute();
    const extra = new Map<number, string[]>();
    for (const e of events) {
      const text = eventSearchText(JSON.parse(e.data) as Record<string, unknown>);
      if (text) (extra.get(e.issueId) ?? extra.set(e.issueId, []).get(e.issueId)!).push(text);
    }
    await db.transaction().execute((trx) => writeSearchDocs(trx, issues.map((i) => ({
      tenantId: i.tenantId, issueId: i.id, receivedAt: i.receivedAt, doc: searchDoc([i.title, i.body, ...(extra.get(i.id) ?? [])]),
    }))));
    done += issues.length;
    after = last;
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
 * Choose the plan. `scopeShare` is the share of the tenant's issues the actor can see (see `scopeShareOf`): walking the
 * ledger in order reads about 20 / (term share × scope share) issues before a page is full, so a common word in a
 * wide scope is walked, and a rare word — or any word in a narrow scope (a department's queue) — is looked up.
 */
export async function planSearch(db: Db, tenantId: number, terms: QueryTerm[], sort?: string, scopeShare = 1): Promise<SearchPlan> {
  if (terms.length === 0) return 'index';
  if (!isPostgres(db) && (sort === 'received_desc' || sort === 'received_asc')) return 'stream';
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
export function matchesTerms(db: Db, terms: QueryTerm[], plan: SearchPlan = 'index'): Expression<SqlBool> {
  if (plan === 'stream') throw new Error('the stream plan joins the index (streamMatches), it is not a predicate');
  const text = textContains(db, terms);
  if (plan === 'scan') return text;
  if (isPostgres(db)) {
    // The text of only the candidates that pass the scope and filters is read (not of every match of the tokens).
    return sql<SqlBool>`(issues.id in (select s.issue_id from issue_search s where s.tsv @@ ${tsQuery(terms)}::tsquery) and ${text})`;
  }
  return sql<SqlBool>`(issues.id in (select ${ROWID_ISSUE} from issue_fts where issue_fts match ${fts5Query(terms)}) and ${text})`;
}

/** The check that the issue's stored text contains every term (a correlated lookup of its search row). */
export function textContains(db: Db, terms: QueryTerm[]): Expression<SqlBool> {
  return sql<SqlBool>`(select ${likeChecks(terms, isPostgres(db))} from issue_search s where s.issue_id = issues.id)`;
}

/**
 * Every term as a substring of the search row `s` (its text is NFKC; the terms are normalised and lower-cased). A term
 * without cased letters (Chinese, digits) is looked for as it is — lower-casing the whole text of every walked issue
 * was most of a walk's time on PostgreSQL. SQLite's LIKE already ignores the case of ASCII letters, and its lower()
 * knows only those, so a term with other cased letters (é, Ü) goes through `yx_lower`, the app's own (db/connect.ts).
 */
function likeChecks(terms: QueryTerm[], postgres: boolean) {
  return sql.join(terms.map((t) => {
    const pattern = `%${likeEscape(t.text)}%`;
    const cased = Array.from(t.text).filter((ch) => ch.toUpperCase() !== ch);
    if (cased.length === 0) return sql`s.doc like ${pattern} escape '\\'`;
    if (postgres) return sql`lower(s.doc) like ${pattern} escape '\\'`;
    return cased.every((ch) => ch < '\u0080') ? sql`s.doc like ${pattern} escape '\\'` : sql`yx_lower(s.doc) like ${pattern} escape '\\'`;
  }), sql` and `);
}

/** The FTS5 MATCH of the stream plan (the query joins `issue_fts` on `ROWID_ISSUE = issues.id`). */
export function ftsMatch(terms: QueryTerm[]): Expression<SqlBool> {
  return sql<SqlBool>`issue_fts match ${fts5Query(terms)}`;
}

/** How many of the newest matches the relevance order ranks (ranking every match of a common word costs too much). */
export const RELEVANCE_WINDOW = 5000;

/** `(issue_id, score)` of the newest matches by tokens, lower score = more relevant (bm25 / negated ts_rank). */
export function scoredMatches(db: Db, terms: QueryTerm[]) {
  if (isPostgres(db)) {
    const q = tsQuery(terms);
    return sql<{ issueId: number; score: number }>`(select issue_id, -ts_rank(tsv, ${q}::tsquery) as score from issue_search
      where tsv @@ ${q}::tsquery order by issue_id desc limit ${RELEVANCE_WINDOW})`;
  }
  return sql<{ issueId: number; score: number }>`(select ${ROWID_ISSUE} as issue_id, bm25(issue_fts) as score from issue_fts
    where issue_fts match ${fts5Query(terms)} order by rowid desc limit ${RELEVANCE_WINDOW})`;
}

/** The stored texts of some issues (for snippets). */
export async function docsOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('issueSearch').select(['issueId', 'doc']).where('issueId', 'in', ids).execute();
  return new Map(rows.map((r) => [r.issueId, r.doc]));
}
