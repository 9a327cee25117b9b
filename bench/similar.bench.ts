/**
 * Similar-issue quality on real messages: ../shared/data/tipdm2020c/messages.csv (4,326 messages, many of them the
 * same problem posted again and again by different people: a mixing plant next to 丽发新城, parking spaces bundled with
 * the flats of 伊景园滨河苑, the 58车贷 case…).
 *
 * Ground truth: bench/similar-pairs.csv (columns a,b,part: message ids, `tune` or `held`), pairs of messages about
 * the same problem at the same place, built by rules (a place and a problem named in the message) and checked by
 * reading (bench/README.md). Every message goes into a fresh SQLite ledger through the product's search index; then
 * each message of a pair is looked up (itself excluded) and we count how many of its partners come back.
 *
 * recall@k of a query = |top k ∩ partners| / min(k, |partners|), averaged over the queries of each part. The baseline,
 * computed in the same run over the same messages: a character 1–3-gram TF-IDF cosine (title + body, whitespace
 * removed, sublinear tf, smooth idf, brute force over every message). Also prints the product's lookup time here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { readCsv, searchDoc } from '../src/server/nlp/index.ts';
import { writeSearchDoc } from '../src/server/modules/search/index.ts';
import { findSimilar } from '../src/server/modules/intel/index.ts';
import { actorByUsername } from '../src/server/modules/org/index.ts';
import { percentile } from './search-data.ts';

const FILE = path.resolve(import.meta.dirname, '../../shared/data/tipdm2020c/messages.csv');
const PAIRS = process.argv[2] ?? path.resolve(import.meta.dirname, 'similar-pairs.csv');

/** Character 1–3-gram TF-IDF vectors (unit length) of every text, and a brute-force top-k by cosine. */
class CharTfidf {
  private readonly vecs: Array<Map<string, number>>;
  constructor(texts: string[]) {
    const grams = texts.map((t) => {
      const s = t.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
      const tf = new Map<string, number>();
      for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= s.length; i++) { const g = s.slice(i, i + n); tf.set(g, (tf.get(g) ?? 0) + 1); }
      return tf;
    });
    const df = new Map<string, number>();
    for (const tf of grams) for (const g of tf.keys()) df.set(g, (df.get(g) ?? 0) + 1);
    const N = texts.length;
    this.vecs = grams.map((tf) => {
      const v = new Map<string, number>();
      let norm = 0;
      for (const [g, c] of tf) { const w = (1 + Math.log(c)) * (Math.log((1 + N) / (1 + df.get(g)!)) + 1); v.set(g, w); norm += w * w; }
      norm = Math.sqrt(norm) || 1;
      for (const [g, w] of v) v.set(g, w / norm);
      return v;
    });
  }
  /** The k most similar texts to text `i` (itself excluded), best first (through an inverted index of the grams). */
  top(i: number, k: number): number[] {
    if (!this.postings) {
      this.postings = new Map();
      this.vecs.forEach((v, j) => { for (const [g, w] of v) (this.postings!.get(g) ?? this.postings!.set(g, []).get(g)!).push([j, w]); });
    }
    const acc = new Float64Array(this.vecs.length);
    for (const [g, w] of this.vecs[i]!) for (const [j, x] of this.postings.get(g)!) acc[j]! += w * x;
    acc[i] = -1;
    return [...acc.keys()].sort((a, b) => acc[b]! - acc[a]! || a - b).slice(0, k);
  }
  private postings?: Map<string, Array<[number, number]>>;
}

/** recall@k of one query: the share of its partners (at most k of them) in its top k. */
function recallAt(found: readonly number[], partners: ReadonlySet<number>, k: number): number {
  let hit = 0;
  for (const f of found.slice(0, k)) if (partners.has(f)) hit++;
  return hit / Math.min(k, partners.size);
}

async function run() {
  const { records } = readCsv(FILE);
  const index = new Map(records.map((r, i) => [String(r.id), i]));
  const partners = new Map<number, { part: string; set: Set<number> }>();
  for (const p of readCsv(PAIRS).records) {
    const a = index.get(String(p.a)), b = index.get(String(p.b));
    if (a === undefined || b === undefined || a === b) continue;
    const part = String(p.part || 'all');
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const e = partners.get(x) ?? partners.set(x, { part, set: new Set() }).get(x)!;
      e.set.add(y);
    }
  }
  console.log(`similar-issue quality on ${records.length} messages: ${partners.size} messages in pairs (${PAIRS})`);

  const t0 = performance.now();
  const tfidf = new CharTfidf(records.map((r) => `${r.title ?? ''}\n${r.body ?? ''}`));
  console.log(`baseline: character 1–3-gram TF-IDF vectors in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'yixian-similar-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    await migrateToLatest(db);
    await seedDemo(db, { issues: 0 });
    const tenant = (await db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id;
    const place = (await db.selectFrom('orgUnits').select('id').where('level', '=', 'village').executeTakeFirstOrThrow()).id;
    const now = new Date().toISOString();
    const ids: number[] = [];
    await db.transaction().execute(async (trx) => {
      for (const [i, r] of records.entries()) {
        const title = (r.title ?? '').slice(0, 200) || '（无标题）';
        const row = await trx.insertInto('issues').values({
          tenantId: tenant, trackingCode: `YX-M-${i}`, title, body: r.body ?? '', kind: 'complaint', channel: 'online', urgency: 'normal',
          status: 'registered', version: 1, orgUnitId: place, anonymous: 0, policyFamily: 'petition', receivedAt: now, reviewRound: 0,
          extensionUsed: 0, createdAt: now, updatedAt: now,
        }).returning('id').executeTakeFirstOrThrow();
        ids.push(row.id);
        await writeSearchDoc(trx, tenant, row.id, now, searchDoc([title, r.body]), 'nothing');
      }
    });
    const clerk = (await actorByUsername(db, 'clerk'))!;
    const byId = new Map(ids.map((id, i) => [id, i]));
    const sums = new Map<string, { n: number; p5: number; p10: number; b5: number; b10: number; empty: number }>();
    const ms: number[] = [];
    for (const [i, { part, set }] of partners) {
      const r = records[i]!;
      const q = { title: r.title ?? '', body: r.body ?? '', orgUnitId: place, excludeId: ids[i]! };
      const s0 = performance.now();
      const items = await findSimilar(db, clerk, q, 10);
      ms.push(performance.now() - s0);
      const found = items.map((x) => byId.get(x.id)!);
      const base = tfidf.top(i, 10);
      for (const key of [part, 'all']) {
        const s = sums.get(key) ?? sums.set(key, { n: 0, p5: 0, p10: 0, b5: 0, b10: 0, empty: 0 }).get(key)!;
        s.n++;
        s.p5 += recallAt(found, set, 5); s.p10 += recallAt(found, set, 10);
        s.b5 += recallAt(base, set, 5); s.b10 += recallAt(base, set, 10);
        if (items.length === 0) s.empty++;
      }
    }
    const f = (x: number) => x.toFixed(3);
    for (const [part, s] of [...sums].sort()) {
      console.log(`${part.padEnd(5)} ${String(s.n).padStart(4)} queries   product recall@5 ${f(s.p5 / s.n)} recall@10 ${f(s.p10 / s.n)}` +
        `   TF-IDF 1–3-gram baseline recall@5 ${f(s.b5 / s.n)} recall@10 ${f(s.b10 / s.n)}   product returned nothing: ${s.empty}`);
    }
    console.log(`product lookup at ${records.length} issues: p50 ${percentile(ms, 50).toFixed(2)} ms, p95 ${percentile(ms, 95).toFixed(2)} ms`);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
