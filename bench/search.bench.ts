/**
 * Search and similar-issue lookup at BENCH_ROWS issues (default 1,000,000; see search-data.ts), on SQLite — or on
 * PostgreSQL with BENCH_DATABASE_URL=postgres://…/postgres (a server URL; the ledger gets its own database, 100,000
 * issues unless BENCH_ROWS says otherwise).
 *
 * - search: the ledger's query for a two- or four-character term (`listIssuesInScope` with `q`, newest first,
 *   one page of 20 plus the snippets' texts) for a township cadre, a department handler and the county office,
 *   next to the same page found by a LIKE scan (the ledger's text filter before the index), same run, same data;
 * - similar: `findSimilar` for new texts (real messages not in the ledger) at their place, for the county office.
 *
 * Prints p50/p95 per case and the ratio LIKE p95 / search p95. Targets: search p95 ≤ 20 ms, similar p95 ≤ 10 ms.
 */
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/server/db/connect.ts';
import { listIssuesInScope } from '../src/server/modules/ledger/index.ts';
import { docsOf } from '../src/server/modules/search/index.ts';
import { findSimilar } from '../src/server/modules/intel/index.ts';
import { issueInScope, actorByUsername } from '../src/server/modules/org/index.ts';
import type { Actor } from '../src/server/actor.ts';
import { prng } from '../src/shared/random.ts';
import { ROWS, benchDatabase, benchDatabasePg, corpus, percentile } from './search-data.ts';

const TERMS2 = ['路灯', '电梯', '噪音', '物业', '停车', '学校', '拆迁', '医保', '公交', '油烟'];
const TERMS4 = ['噪音扰民', '违章建筑', '小区物业', '停车收费', '拖欠工资', '安全隐患', '征地拆迁', '垃圾清运'];
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

/** One page as the ledger serves it: the rows, then the texts its snippets are cut from. */
async function searchPage(db: Database, actor: Actor, q: string, now: string) {
  const rows = await listIssuesInScope(db, actor, { q }, now, 21, 'received_desc');
  await docsOf(db, rows.slice(0, 20).map((r) => r.id));
  return rows;
}

/** The same page by scanning: newest first in scope, title or body LIKE the term. */
async function likePage(db: Database, actor: Actor, q: string) {
  const like = `%${q}%`;
  return db.selectFrom('issues').select(['issues.id'])
    .where((eb) => issueInScope(eb, actor))
    .where((eb) => eb.or([sql<boolean>`${eb.ref('issues.title')} like ${like}`, sql<boolean>`${eb.ref('issues.body')} like ${like}`]))
    .orderBy('issues.receivedAt', 'desc').orderBy('issues.id', 'desc').limit(21).execute();
}

function line(name: string, ms: number[]): string {
  return `${name.padEnd(44)} p50 ${percentile(ms, 50).toFixed(2).padStart(8)} ms   p95 ${percentile(ms, 95).toFixed(2).padStart(8)} ms   (${ms.length} queries)`;
}

async function run() {
  const server = process.env.BENCH_DATABASE_URL;
  const file = server ? await benchDatabasePg(server) : await benchDatabase();
  const db = openDatabase(file);
  const now = new Date().toISOString();
  const count = (await db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  console.log(`search benchmark on ${server ? 'PostgreSQL' : 'SQLite'}, ${count.toLocaleString()} issues (${server ? new URL(file).pathname.slice(1) : file})`);
  const actorOf = async (u: string) => (await actorByUsername(db, u))!;
  const actors = { 'cadre (城关镇)': await actorOf('cadre'), 'handler (住建局)': await actorOf('handler'), 'clerk (县信访局)': await actorOf('clerk') };

  const results: string[] = [];
  let worstSearch = 0;
  let worstLike = 0;
  for (const [label, terms] of [['2-character', TERMS2], ['4-character', TERMS4]] as const) {
    const s: number[] = [];
    const l: number[] = [];
    let mismatches = 0;
    // Warm-up: the first query of a shape prepares statements and pages in the index.
    for (const actor of Object.values(actors)) await searchPage(db, actor, terms[0]!, now);
    for (let rep = 0; rep < REPEAT; rep++) {
      for (const actor of Object.values(actors)) {
        for (const term of terms) {
          const [ms, rows] = await time(() => searchPage(db, actor, term, now));
          s.push(ms);
          const [lms, lrows] = await time(() => likePage(db, actor, term));
          l.push(lms);
          // Same page both ways (the index adds replies to what is searched, so it may find more, never fewer).
          if (rep === 0 && !lrows.every((r) => rows.some((x) => x.id === r.id) || rows.length === 21)) mismatches++;
        }
      }
    }
    results.push(line(`search ${label} terms, 3 scopes`, s), line(`LIKE scan ${label} terms, 3 scopes`, l));
    results.push(`  ratio LIKE/search p95: ${(percentile(l, 95) / percentile(s, 95)).toFixed(1)}×   pages that disagreed: ${mismatches}`);
    worstSearch = Math.max(worstSearch, percentile(s, 95));
    worstLike = Math.max(worstLike, percentile(l, 95));
  }
  for (const r of results) console.log(r);

  // Similar issues: new texts (bodies recombined the way the ledger's were, with a different seed) at a random place.
  const { titles, bodies } = corpus();
  const random = prng(777);
  const places = await db.selectFrom('orgUnits').select('id').where('level', 'in', ['village', 'grid']).execute();
  const clerk = actors['clerk (县信访局)'];
  const sim: number[] = [];
  let found = 0;
  for (let i = 0; i < 200; i++) {
    const q = { title: titles[Math.floor(random() * titles.length)]!, body: bodies[Math.floor(random() * bodies.length)]!, orgUnitId: places[Math.floor(random() * places.length)]!.id };
    if (i < 5) await findSimilar(db, clerk, q); // warm-up (the first call samples token frequencies)
    const [ms, items] = await time(() => findSimilar(db, clerk, q));
    sim.push(ms);
    if (items.length) found++;
  }
  console.log(line('similar issues (top 5), county scope', sim), `  with results: ${found}/200`);
  console.log(`search p95 ${worstSearch.toFixed(2)} ms (target ≤ 20), LIKE p95 ${worstLike.toFixed(2)} ms, similar p95 ${percentile(sim, 95).toFixed(2)} ms (target ≤ 10)`);
  console.log(`rows: ${ROWS.toLocaleString()}`);
  await db.destroy();
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
