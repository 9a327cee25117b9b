/**
 * A large ledger for the search and similar-issue benchmarks: the demo county's org tree and users, then
 * BENCH_ROWS issues (default 1,000,000) written straight into SQLite with their search rows, texts recombined from
 * the real messages in ../shared/data/tipdm2020c (titles, bodies and official replies of different messages, so no
 * two texts are alike). Built once into BENCH_DIR (default: yixian-bench in the system's temporary folder) and reused while the schema and the
 * row count are the same.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { indexTokens, readCsv, searchDoc } from '../src/server/nlp/index.ts';
import { searchRowid, writeSearchDocs } from '../src/server/modules/search/index.ts';
import { prng } from '../src/shared/random.ts';

/** Issues in the benchmark ledger: 1,000,000 on SQLite; 100,000 on PostgreSQL (BENCH_DATABASE_URL), where building takes longer. */
export const ROWS = Number(process.env.BENCH_ROWS ?? (process.env.BENCH_DATABASE_URL ? 100_000 : 1_000_000));
/** Where built benchmark data is kept (the system's temporary folder unless BENCH_DIR says otherwise). */
export const BENCH_DIR = process.env.BENCH_DIR ?? path.join(os.tmpdir(), 'yixian-bench');
const DATA = path.resolve(import.meta.dirname, '../../shared/data/tipdm2020c');
/** Bump when the generated data or the schema changes. */
const VERSION = 4;

/** Real texts to recombine: titles, bodies and replies. */
export function corpus(): { titles: string[]; bodies: string[]; replies: string[] } {
  const titles: string[] = [];
  const bodies: string[] = [];
  const replies: string[] = [];
  for (const f of ['messages.csv', 'replies.csv', 'train.csv']) {
    for (const r of readCsv(path.join(DATA, f)).records) {
      if (r.title) titles.push(r.title.trim());
      if (r.body) bodies.push(r.body.trim().slice(0, 400));
      if (r.reply) replies.push(r.reply.trim().slice(0, 300));
    }
  }
  return { titles, bodies, replies };
}

/** The path of the built database file (building it first when missing). */
export async function benchDatabase(): Promise<string> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `search-v${VERSION}-${ROWS}.db`);
  if (existsSync(file)) return file;
  const tmp = `${file}.building`;
  for (const ext of ['', '-wal', '-shm']) rmSync(tmp + ext, { force: true });
  const t0 = Date.now();
  const db = openDatabase(tmp);
  await migrateToLatest(db);
  await seedDemo(db, { issues: 0 });
  await db.destroy();

  const sqlite = new SQLite(tmp);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const tenantId = (sqlite.prepare('select id from tenants limit 1').get() as { id: number }).id;
  const places = sqlite.prepare("select id from org_units where level in ('village', 'grid')").all() as { id: number }[];
  const depts = sqlite.prepare("select id from org_units where level = 'department'").all() as { id: number }[];
  const cats = sqlite.prepare('select id from categories where level = 2').all() as { id: number }[];
  const insIssue = sqlite.prepare(`insert into issues (id, tenant_id, tracking_code, title, body, kind, channel, urgency, status, version,
    org_unit_id, responsible_unit_id, category_id, anonymous, policy_family, received_at, review_round, extension_used, created_at, updated_at, closed_at)
    values (?, ?, ?, ?, ?, 'complaint', 'online', 'normal', ?, 1, ?, ?, ?, 0, 'petition', ?, 0, 0, ?, ?, ?)`);
  const insDoc = sqlite.prepare('insert into issue_search (issue_id, tenant_id, doc) values (?, ?, ?)');
  const insFts = sqlite.prepare('insert into issue_fts (rowid, tokens) values (?, ?)');
  const issues = benchIssues(places.map((p) => p.id), depts.map((d) => d.id), cats.map((c) => c.id));
  const write = sqlite.transaction((rows: BenchIssue[]) => {
    for (const r of rows) {
      insIssue.run(r.id, tenantId, `YX-B-${String(r.id).padStart(7, '0')}`, r.title, r.body, r.closed ? 'closed' : 'accepted', r.place, r.dept, r.cat,
        r.at, r.at, r.at, r.closed ? r.at : null);
      const doc = searchDoc([r.title, r.body, r.reply]);
      insDoc.run(r.id, tenantId, doc);
      insFts.run(searchRowid(r.at, r.id), indexTokens(doc).join(' '));
    }
  });
  let part: BenchIssue[] = [];
  for (const r of issues) {
    part.push(r);
    if (part.length === 20_000) { write(part); part = []; }
    if (r.id % 100_000 === 0) process.stdout.write(`\r  building ${ROWS.toLocaleString()} issues: ${r.id.toLocaleString()}`);
  }
  write(part);
  sqlite.exec("insert into issue_fts (issue_fts) values ('optimize'); analyze;");
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  renameSync(tmp, file);
  for (const ext of ['-wal', '-shm']) rmSync(tmp + ext, { force: true });
  console.log(`\r  built ${ROWS.toLocaleString()} issues in ${((Date.now() - t0) / 1000).toFixed(0)} s → ${file}`);
  return file;
}

/** One generated issue (the same sequence for SQLite and PostgreSQL). */
interface BenchIssue { id: number; at: string; closed: boolean; title: string; body: string; reply: string | null; place: number; dept: number | null; cat: number }

function* benchIssues(places: number[], depts: number[], cats: number[]): Generator<BenchIssue> {
  const { titles, bodies, replies } = corpus();
  const random = prng(4242);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const end = Date.parse('2026-11-28T00:00:00Z');
  const spanMs = 3 * 365 * 86_400_000;
  for (let id = 1; id <= ROWS; id++) {
    // Issues arrive in id order, with some back-dated letters.
    const at = new Date(end - spanMs + Math.floor((id / ROWS) * spanMs) - (random() < 0.05 ? Math.floor(random() * 60 * 86_400_000) : 0)).toISOString();
    const closed = random() < 0.8;
    const title = pick(titles);
    const body = pick(bodies);
    const reply = closed ? pick(replies) : null;
    yield { id, at, closed, title, body, reply, place: pick(places), dept: random() < 0.85 ? pick(depts) : null, cat: pick(cats) };
  }
}

/**
 * The same ledger on the PostgreSQL server of `serverUrl`, in its own database (`yixian_bench_v<version>_<rows>`, UTF-8,
 * C.UTF-8), built once and reused. Returns the database's URL.
 */
export async function benchDatabasePg(serverUrl: string): Promise<string> {
  const name = `yixian_bench_v${VERSION}_${ROWS}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (exists) {
    const probe = new pg.Client({ connectionString: url.toString() });
    await probe.connect();
    const ready = await probe.query("select 1 from information_schema.tables where table_name = 'bench_ready'").catch(() => ({ rowCount: 0 }));
    await probe.end();
    if (ready.rowCount) { await admin.end(); return url.toString(); }
    await admin.query(`drop database ${name}`);
  }
  await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
  await admin.end();
  const t0 = Date.now();
  const db = openDatabase(url.toString());
  await migrateToLatest(db);
  await seedDemo(db, { issues: 0 });
  const tenantId = (await db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id;
  const ids = async (q: Promise<{ id: number }[]>) => (await q).map((r) => r.id);
  const places = await ids(db.selectFrom('orgUnits').select('id').where('level', 'in', ['village', 'grid']).orderBy('id').execute());
  const depts = await ids(db.selectFrom('orgUnits').select('id').where('level', '=', 'department').orderBy('id').execute());
  const cats = await ids(db.selectFrom('categories').select('id').where('level', '=', 2).orderBy('id').execute());
  let part: BenchIssue[] = [];
  const flush = async () => {
    if (!part.length) return;
    const rows = part;
    part = [];
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('issues').values(rows.map((r) => ({
        id: r.id, tenantId, trackingCode: `YX-B-${String(r.id).padStart(7, '0')}`, title: r.title, body: r.body, kind: 'complaint', channel: 'online',
        urgency: 'normal', status: r.closed ? 'closed' : 'accepted', version: 1, orgUnitId: r.place, responsibleUnitId: r.dept, categoryId: r.cat,
        anonymous: 0, policyFamily: 'petition', receivedAt: r.at, reviewRound: 0, extensionUsed: 0, createdAt: r.at, updatedAt: r.at, closedAt: r.closed ? r.at : null,
      }))).execute();
      await writeSearchDocs(trx, rows.map((r) => ({ tenantId, issueId: r.id, receivedAt: r.at, doc: searchDoc([r.title, r.body, r.reply]) })));
    });
  };
  for (const issue of benchIssues(places, depts, cats)) {
    part.push(issue);
    if (part.length === 1000) await flush();
    if (issue.id % 20_000 === 0) process.stdout.write(`\r  building ${ROWS.toLocaleString()} issues on PostgreSQL: ${issue.id.toLocaleString()}`);
  }
  await flush();
  await sql`select setval(pg_get_serial_sequence('issues', 'id'), ${ROWS})`.execute(db);
  await sql`analyze`.execute(db);
  await sql`create table bench_ready (at text)`.execute(db);
  await db.destroy();
  console.log(`\r  built ${ROWS.toLocaleString()} issues on PostgreSQL in ${((Date.now() - t0) / 1000).toFixed(0)} s → ${name}`);
  return url.toString();
}

/** Percentiles of a list of milliseconds. */
export function percentile(ms: number[], p: number): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
