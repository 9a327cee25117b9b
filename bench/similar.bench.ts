/**
 * Similar-issue quality on real messages: ../shared/data/tipdm2020c/messages.csv (4,326 messages with exact and near
 * duplicates — the same complaint posted twice, or again in a few changed words).
 *
 * Ground truth, computed independently of the product's scoring: two messages are duplicates when the Jaccard
 * similarity of their 5-character shingles (title + body, whitespace removed) is ≥ 0.5 (a brute-force pass over
 * the shingle index). Every message goes into a fresh SQLite ledger through the product's search index; then each
 * message that has a duplicate is looked up (itself excluded) and we count whether a duplicate is the first result
 * (precision@1 / recall@1) and among the five (recall@5); messages without any duplicate measure the false alarm
 * rate (a first result with text similarity ≥ 0.5). Also prints the lookup time at this size.
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
const DUP_JACCARD = 0.5;

function shingles(s: string, k = 5): Set<string> {
  const t = s.replace(/\s+/g, '');
  const out = new Set<string>();
  for (let i = 0; i + k <= t.length; i++) out.add(t.slice(i, i + k));
  if (out.size === 0) out.add(t);
  return out;
}

/** Duplicate pairs by shingle Jaccard (candidates share a shingle that is in fewer than 30 messages). */
function duplicatePairs(texts: string[]): Map<number, Set<number>> {
  const sets = texts.map((t) => shingles(t));
  const index = new Map<string, number[]>();
  sets.forEach((s, i) => { for (const g of s) (index.get(g) ?? index.set(g, []).get(g)!).push(i); });
  const seen = new Set<string>();
  const dups = new Map<number, Set<number>>();
  for (const list of index.values()) {
    if (list.length < 2 || list.length >= 30) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = list[x]!;
        const b = list[y]!;
        const key = `${a}:${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        let common = 0;
        for (const g of sets[a]!) if (sets[b]!.has(g)) common++;
        if (common / (sets[a]!.size + sets[b]!.size - common) >= DUP_JACCARD) {
          (dups.get(a) ?? dups.set(a, new Set()).get(a)!).add(b);
          (dups.get(b) ?? dups.set(b, new Set()).get(b)!).add(a);
        }
      }
    }
  }
  return dups;
}

async function run() {
  const { records } = readCsv(FILE);
  const texts = records.map((r) => `${r.title ?? ''}\n${r.body ?? ''}`);
  const t0 = performance.now();
  const dups = duplicatePairs(texts);
  const pairCount = [...dups.values()].reduce((a, s) => a + s.size, 0) / 2;
  console.log(`similar-issue quality on ${records.length} messages: ${pairCount} duplicate pairs (5-gram Jaccard ≥ ${DUP_JACCARD}), ${dups.size} messages with a duplicate (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

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
    let hit1 = 0;
    let hit5 = 0;
    let falseAlarms = 0;
    let loners = 0;
    const ms: number[] = [];
    for (const [i, r] of records.entries()) {
      const q = { title: r.title ?? '', body: r.body ?? '', orgUnitId: place, excludeId: ids[i]! };
      const s0 = performance.now();
      const items = await findSimilar(db, clerk, q, 5);
      ms.push(performance.now() - s0);
      const mine = dups.get(i);
      if (mine) {
        const found = items.map((x) => byId.get(x.id)!);
        if (found[0] !== undefined && mine.has(found[0])) hit1++;
        if (found.some((f) => mine.has(f))) hit5++;
      } else {
        loners++;
        if (items[0] && items[0].textSimilarity >= 0.5) falseAlarms++;
      }
    }
    const n = dups.size;
    console.log(`messages with a duplicate: ${n}`);
    console.log(`  duplicate ranked first (recall@1): ${(hit1 / n * 100).toFixed(1)} %   among the top 5 (recall@5): ${(hit5 / n * 100).toFixed(1)} %`);
    console.log(`messages without one: ${loners}; first result with text similarity ≥ 0.5 anyway: ${(falseAlarms / loners * 100).toFixed(1)} %`);
    console.log(`lookup time at ${records.length} issues: p50 ${percentile(ms, 50).toFixed(2)} ms, p95 ${percentile(ms, 95).toFixed(2)} ms`);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
