/**
 * `yixian similar eval --file pairs.csv`: how well similar issues find the pairs someone labelled as the same problem,
 * over the issues in the database. Columns a,b name two issues each (the source id an import kept — e.g. the message
 * ids of an imported TipDM file — or a tracking code); other columns are ignored. Each issue of a pair is looked up
 * as at intake (its title, body, place and category; itself left out) for a user who sees the whole tenant, and
 * recall@k = |top k ∩ its partners| / min(k, |partners|) is averaged over the issues found.
 */
import { migrateToLatest } from '../../db/migrate.ts';
import type { Database } from '../../db/connect.ts';
import type { Actor } from '../../actor.ts';
import { readCsv } from '../../nlp/index.ts';
import { actorByUsername } from '../org/index.ts';
import { optionText as str, type ModuleCommand } from '../types.ts';
import { issuesByRef } from './intel.repo.ts';
import { findSimilar } from './similar.ts';

/** What an evaluation measured: pairs given, pairs whose two issues are both in the database, issues looked up. */
export interface SimilarEval { pairs: number; pairsFound: number; queries: number; recall5: number; recall10: number; empty: number; p50Ms: number; p95Ms: number }

/** Evaluate similar issues on labelled pairs of issue references (source ids or tracking codes). */
export async function evaluateSimilar(db: Database, actor: Actor, pairs: Array<[string, string]>): Promise<SimilarEval> {
  const refs = [...new Set(pairs.flat())];
  const issues = new Map((await issuesByRef(db, actor.tenantId, refs)).map((r) => [r.ref, r]));
  const partners = new Map<number, Set<number>>();
  let pairsFound = 0;
  for (const [a, b] of pairs) {
    const x = issues.get(a), y = issues.get(b);
    if (!x || !y || x.id === y.id) continue;
    pairsFound++;
    (partners.get(x.id) ?? partners.set(x.id, new Set()).get(x.id)!).add(y.id);
    (partners.get(y.id) ?? partners.set(y.id, new Set()).get(y.id)!).add(x.id);
  }
  const byId = new Map([...issues.values()].map((r) => [r.id, r]));
  let r5 = 0, r10 = 0, empty = 0;
  const ms: number[] = [];
  for (const [id, mine] of partners) {
    const q = byId.get(id)!;
    const t0 = performance.now();
    const found = (await findSimilar(db, actor, { title: q.title, body: q.body, orgUnitId: q.orgUnitId, categoryId: q.categoryId, excludeId: id }, 10)).map((s) => s.id);
    ms.push(performance.now() - t0);
    if (found.length === 0) empty++;
    const hits = (k: number) => found.slice(0, k).filter((f) => mine.has(f)).length / Math.min(k, mine.size);
    r5 += hits(5);
    r10 += hits(10);
  }
  const n = partners.size;
  ms.sort((a, b) => a - b);
  const pct = (p: number) => ms.length ? ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]! : 0;
  return { pairs: pairs.length, pairsFound, queries: n, recall5: n ? r5 / n : 0, recall10: n ? r10 / n : 0, empty, p50Ms: pct(50), p95Ms: pct(95) };
}

/** The pairs of a CSV file with columns a,b. */
export function readPairs(file: string): Array<[string, string]> {
  const { columns, records } = readCsv(file);
  if (!columns.includes('a') || !columns.includes('b')) throw new Error(`CSV 文件 ${file} 需要列 a,b（两件问题的原系统编号或问题编号）`);
  return records.map((r) => [String(r.a ?? '').trim(), String(r.b ?? '').trim()] as [string, string]).filter(([a, b]) => a && b);
}

export const similarCommand: ModuleCommand = {
  name: 'similar',
  help: [
    'similar eval --file PAIRS.csv [--username U]',
    '                               评估相似问题：CSV 列 a,b 为同一问题的两件（导入时的原系统编号或问题编号），输出 recall@5、recall@10',
  ],
  options: { file: { type: 'string' }, username: { type: 'string' } },
  run: async ({ db, args, values }) => {
    const [sub] = args;
    if (sub !== 'eval') throw new Error(`未知子命令 similar ${sub ?? ''}（可用：eval）`);
    const file = str(values.file);
    if (!file) throw new Error('similar eval 需要 --file PAIRS.csv');
    await migrateToLatest(db);
    const username = str(values.username) ?? 'admin';
    const actor = await actorByUsername(db, username);
    if (!actor) throw new Error(`用户 ${username} 不存在（用 --username 指定）`);
    const r = await evaluateSimilar(db, actor, readPairs(file));
    console.log(`标注对 ${r.pairs}，两件都在库中 ${r.pairsFound}；查询 ${r.queries} 件，无结果 ${r.empty} 件`);
    console.log(`recall@5 ${r.recall5.toFixed(3)}  recall@10 ${r.recall10.toFixed(3)}  （查询耗时 p50 ${r.p50Ms.toFixed(1)} ms，p95 ${r.p95Ms.toFixed(1)} ms）`);
  },
};
