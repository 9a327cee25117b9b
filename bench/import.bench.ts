/**
 * Import speed: BENCH_ROWS rows (default 100,000) of a CSV made from the real TipDM messages (titles, bodies,
 * replies and times recombined; demo places; a status column needing a value mapping) imported into a fresh SQLite
 * ledger, each phase in its own process so its peak RSS is its own:
 *
 * - **bare**: the same file read by the same streaming reader, each row inserted as it is into `issues` with one
 *   prepared statement, 1,000 rows per transaction — the floor of "read and write the rows";
 * - **full**: `runImport` — mapping and checks of every row, idempotency keys with the import's facts, tracking
 *   codes, petitioners, clocks, timeline events, each case listed for search, batched commits. When it returns every
 *   case is in the ledger and found by search (a search is timed then, and must find imported cases); then
 *   `indexPending` writes their searchable text and tokens in bulk, timed on its own.
 *
 * Prints rows/s of both, their ratio, the index step and each phase's peak RSS; and, for flat memory, the peak RSS of
 * `runImport` on a file of half the rows, in a third process. Target: full ≥ 20,000 rows/s, flat memory.
 */
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { actorByUsername } from '../src/server/modules/org/index.ts';
import { runImport, openSource, type ImportMapping } from '../src/server/modules/imports/index.ts';
import { indexPending } from '../src/server/modules/search/index.ts';
import { listIssuesInScope } from '../src/server/modules/ledger/index.ts';
import { prng } from '../src/shared/random.ts';
import { BENCH_DIR, corpus } from './search-data.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const DIR = path.join(BENCH_DIR, 'import');
const csvOf = (rows: number) => path.join(DIR, `rows-${rows}.csv`);
const CSV = csvOf(ROWS);
/** The flatness check imports a file of half the rows: its peak memory should be about the same. */
const HALF = Math.floor(ROWS / 2);
const MAPPING: ImportMapping = {
  columns: { 编号: 'sourceId', 标题: 'title', 内容: 'body', 时间: 'receivedAt', 地点: 'orgUnit', 状态: 'status', 答复: 'replyText', 答复时间: 'replyAt', 电话: 'petitionerPhone' },
  values: { status: { 已办结: 'closed', 办理中: 'in_progress', 待受理: 'registered' } },
  defaults: { channel: 'online', kind: 'complaint' },
};
const PLACES = ['解放路社区', '人民路社区', '北门社区', '东关村', '西关村', '湖滨社区', '新华社区', '东湖村', '渔港村'];

const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function makeCsv(rows: number): void {
  const file = csvOf(rows);
  if (existsSync(file)) return;
  mkdirSync(DIR, { recursive: true });
  const { titles, bodies, replies } = corpus();
  const random = prng(99);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const lines = ['编号,标题,内容,时间,地点,状态,答复,答复时间,电话'];
  const start = Date.parse('2019-01-01T00:00:00Z');
  for (let i = 1; i <= rows; i++) {
    const at = start + Math.floor(random() * 3 * 365 * 86_400_000);
    const d = new Date(at + 8 * 3600_000);
    const fmt = (x: Date) => `${x.getUTCFullYear()}/${x.getUTCMonth() + 1}/${x.getUTCDate()} ${x.getUTCHours()}:${String(x.getUTCMinutes()).padStart(2, '0')}:${String(x.getUTCSeconds()).padStart(2, '0')}`;
    const status = random() < 0.8 ? '已办结' : random() < 0.5 ? '办理中' : '待受理';
    const replied = status === '已办结';
    lines.push([`H-${i}`, pick(titles), pick(bodies), fmt(d), pick(PLACES), status, replied ? pick(replies) : '', replied ? fmt(new Date(d.getTime() + 11 * 86_400_000)) : '',
      random() < 0.5 ? `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : ''].map(q).join(','));
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
}

/**
 * This process's RSS every 100 ms, read by a worker thread (the main thread is busy in SQLite for seconds at a time).
 * `stop()` gives the highest value in each quarter of the time sampled: flat memory is four similar numbers.
 */
function rssSampler(): { stop: () => Promise<number[]> } {
  const samples = new Int32Array(new SharedArrayBuffer(4 * 4096));
  const worker = new Worker(`
    const { workerData } = require('node:worker_threads');
    const { readFileSync } = require('node:fs');
    const s = workerData;
    setInterval(() => {
      const kb = Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
      const n = Atomics.load(s, 0);
      if (n < s.length - 1) { s[n + 1] = kb; Atomics.store(s, 0, n + 1); }
    }, 100);`, { eval: true, workerData: samples });
  return {
    stop: async () => {
      await worker.terminate();
      const all = Array.from(samples.subarray(1, 1 + Atomics.load(samples, 0)));
      const q = Math.max(1, Math.ceil(all.length / 4));
      return [0, 1, 2, 3].map((k) => Math.max(0, ...all.slice(k * q, (k + 1) * q)) / 1024);
    },
  };
}

async function freshDb(name: string) {
  const file = path.join(DIR, `${name}.db`);
  for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
  const db = openDatabase(file);
  await migrateToLatest(db);
  await seedDemo(db, { issues: 0 });
  return { db, file };
}

async function phase(mode: 'bare' | 'full' | 'half'): Promise<void> {
  const { db, file } = await freshDb(mode);
  const t0 = performance.now();
  let rows = 0;
  let indexSeconds = 0;
  if (mode === 'bare') {
    await db.destroy();
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    const unit = (sqlite.prepare("select id from org_units where name = '东关村'").get() as { id: number }).id;
    const ins = sqlite.prepare(`insert into issues (tenant_id, tracking_code, title, body, kind, channel, urgency, status, version, org_unit_id, anonymous,
      policy_family, received_at, review_round, extension_used, created_at, updated_at) values (1, ?, ?, ?, 'complaint', 'online', 'normal', 'closed', 1, ?, 1, 'petition', ?, 0, 0, ?, ?)`);
    const tx = sqlite.transaction((batch: string[][]) => { for (const c of batch) ins.run(c[0], c[1], c[2], unit, c[3], c[3], c[3]); });
    const source = await openSource(CSV);
    let batch: string[][] = [];
    for await (const r of source.rows) {
      batch.push(r.cells);
      rows++;
      if (batch.length === 1000) { tx(batch); batch = []; }
    }
    tx(batch);
    sqlite.close();
  } else {
    const clerk = (await actorByUsername(db, 'clerk'))!;
    const file = mode === 'half' ? csvOf(HALF) : CSV;
    const expected = mode === 'half' ? HALF : ROWS;
    const sampler = rssSampler();
    const r = await runImport(db, clerk, file, path.basename(file), MAPPING);
    const s = (performance.now() - t0) / 1000;
    const importRssMb = process.resourceUsage().maxRSS / 1024;
    const quartersMb = await sampler.stop();
    rows = r.report.total;
    if (r.report.created !== expected) throw new Error(`created ${r.report.created} of ${expected}; errors: ${JSON.stringify(r.report.errors.slice(0, 3))}`);
    if (mode === 'half') {
      await db.destroy();
      console.log(JSON.stringify({ mode, rows, seconds: s, perSecond: rows / s, indexSeconds: 0, importRssMb, quartersMb, peakRssMb: importRssMb }));
      return;
    }
    // Found by search before the index step: words of the corpus (one with a full-width comma, which the search then
    // folds in SQL), newest first and by relevance.
    const searchMs: number[] = [];
    for (const q of ['路灯', '噪音扰民', '物业', '小区停车', '物业公司，']) {
      for (const sort of ['received_desc', 'relevance'] as const) {
        const t1 = performance.now();
        const page = await listIssuesInScope(db, clerk, { q }, new Date().toISOString(), 20, sort);
        searchMs.push(performance.now() - t1);
        if (page.length === 0) throw new Error(`no imported case found for ${q} before the index step`);
      }
    }
    const t2 = performance.now();
    const indexed = await indexPending(db);
    indexSeconds = (performance.now() - t2) / 1000;
    if (indexed !== ROWS) throw new Error(`indexed ${indexed} of ${ROWS}`);
    await db.destroy();
    searchMs.sort((a, b) => a - b);
    console.log(JSON.stringify({ mode, rows, seconds: s, perSecond: rows / s, indexSeconds, searchP50Ms: searchMs[searchMs.length >> 1], searchMaxMs: searchMs.at(-1), importRssMb, quartersMb, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  const s = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ mode, rows, seconds: s, perSecond: rows / s, indexSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

async function run(): Promise<void> {
  makeCsv(ROWS);
  makeCsv(HALF);
  console.log(`import benchmark: ${ROWS.toLocaleString()} rows (${CSV})`);
  type Result = { seconds: number; perSecond: number; peakRssMb: number; importRssMb: number; quartersMb: number[]; indexSeconds: number; rows: number; searchP50Ms?: number; searchMaxMs?: number };
  const results: Record<string, Result> = {};
  for (const mode of ['bare', 'full', 'half'] as const) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, mode], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`${mode} phase failed`);
    results[mode] = JSON.parse(r.stdout.trim().split('\n').pop()!) as Result;
  }
  const row = (name: string, r: { seconds: number; perSecond: number; peakRssMb: number }) =>
    `${name.padEnd(48)} ${r.perSecond.toFixed(0).padStart(8)} rows/s   ${r.seconds.toFixed(2)} s   peak RSS ${r.peakRssMb.toFixed(0)} MB`;
  console.log(row('bare: stream + 1 prepared insert, 1,000/commit', results.bare!));
  const f = results.full!;
  const h = results.half!;
  console.log(row('full: runImport (checks, keys, events, clocks)', { ...f, peakRssMb: f.importRssMb }));
  const quarters = (r: Result) => r.quartersMb.map((x) => x.toFixed(0)).join(' / ');
  console.log(`  memory: peak RSS of runImport ${f.importRssMb.toFixed(0)} MB for ${ROWS.toLocaleString()} rows, ${h.importRssMb.toFixed(0)} MB for ${HALF.toLocaleString()} (${h.perSecond.toFixed(0)} rows/s); ${f.peakRssMb.toFixed(0)} MB with the searches and the token step`);
  console.log(`  highest RSS in each quarter of the import: ${quarters(f)} MB (${ROWS.toLocaleString()} rows), ${quarters(h)} MB (${HALF.toLocaleString()})`);
  console.log(`  every case in the ledger and found by search when runImport returns: a search then took p50 ${f.searchP50Ms!.toFixed(1)} ms, max ${f.searchMaxMs!.toFixed(1)} ms`);
  console.log(`  then the searchable text and tokens in bulk (indexPending): ${f.indexSeconds.toFixed(2)} s (${(f.rows / f.indexSeconds).toFixed(0)} issues/s); rows and tokens together ${(f.rows / (f.seconds + f.indexSeconds)).toFixed(0)} rows/s`);
  console.log(`ratio full/bare: ${(f.perSecond / results.bare!.perSecond).toFixed(3)}   target: full >= 20,000 rows/s`);
}

const mode = process.argv[2];
if (mode === 'bare' || mode === 'full' || mode === 'half') await phase(mode);
else await run();
