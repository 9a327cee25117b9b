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
import { openDatabase } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { readCsv } from '../src/server/modules/intel/classifier/csv.ts';
import { searchDoc, searchRowid } from '../src/server/modules/search/search.repo.ts';
import { indexTokens } from '../src/server/modules/search/tokens.ts';
import { prng } from '../src/shared/random.ts';

export const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
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
  const { titles, bodies, replies } = corpus();
  const random = prng(4242);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const insIssue = sqlite.prepare(`insert into issues (id, tenant_id, tracking_code, title, body, kind, channel, urgency, status, version,
    org_unit_id, responsible_unit_id, category_id, anonymous, policy_family, received_at, review_round, extension_used, created_at, updated_at, closed_at)
    values (?, ?, ?, ?, ?, 'complaint', 'online', 'normal', ?, 1, ?, ?, ?, 0, 'petition', ?, 0, 0, ?, ?, ?)`);
  const insDoc = sqlite.prepare('insert into issue_search (issue_id, tenant_id, doc) values (?, ?, ?)');
  const insFts = sqlite.prepare('insert into issue_fts (rowid, tokens) values (?, ?)');
  const end = Date.parse('2026-11-28T00:00:00Z');
  const spanMs = 3 * 365 * 86_400_000;
  const batch = 20_000;
  for (let start = 1; start <= ROWS; start += batch) {
    sqlite.transaction(() => {
      for (let id = start; id < start + batch && id <= ROWS; id++) {
        // Issues arrive in id order, with some back-dated letters.
        const at = new Date(end - spanMs + Math.floor((id / ROWS) * spanMs) - (random() < 0.05 ? Math.floor(random() * 60 * 86_400_000) : 0)).toISOString();
        const closed = random() < 0.8;
        const title = pick(titles);
        const body = pick(bodies);
        const reply = closed ? pick(replies) : null;
        insIssue.run(id, tenantId, `YX-B-${String(id).padStart(7, '0')}`, title, body, closed ? 'closed' : 'accepted', pick(places).id,
          random() < 0.85 ? pick(depts).id : null, pick(cats).id, at, at, at, closed ? at : null);
        const doc = searchDoc([title, body, reply]);
        insDoc.run(id, tenantId, doc);
        insFts.run(searchRowid(at, id), indexTokens(doc).join(' '));
      }
    })();
    if ((start - 1) % 100_000 === 0) process.stdout.write(`\r  building ${ROWS.toLocaleString()} issues: ${(start - 1).toLocaleString()}`);
  }
  sqlite.exec("insert into issue_fts (issue_fts) values ('optimize'); analyze;");
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  renameSync(tmp, file);
  for (const ext of ['-wal', '-shm']) rmSync(tmp + ext, { force: true });
  console.log(`\r  built ${ROWS.toLocaleString()} issues in ${((Date.now() - t0) / 1000).toFixed(0)} s → ${file}`);
  return file;
}

/** Percentiles of a list of milliseconds. */
export function percentile(ms: number[], p: number): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
