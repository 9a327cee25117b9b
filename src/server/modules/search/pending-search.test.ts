/**
 * Imported cases waiting for their searchable text are found exactly as their NFKC text would find them: random
 * substrings of random texts (full-width and ASCII punctuation, full-width letters and digits, ㎡, ①, accented
 * capitals, LIKE's own % _ \) compared with a scan in JavaScript, in every plan and order, before and after
 * `indexPending`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupApp, type TestContext } from '../../../../test/helpers.ts';
import { actorByUsername } from '../org/index.ts';
import type { Actor } from '../../actor.ts';
import { listIssuesInScope } from '../ledger/index.ts';
import { runImport, type ImportMapping } from '../imports/index.ts';
import { indexPending, eventSearchText } from './search.repo.ts';
import { normalize, parseQuery, searchDoc } from '../../nlp/index.ts';
import { prng } from '../../../shared/random.ts';

let t: TestContext;
let clerk: Actor;
const dir = mkdtempSync(path.join(os.tmpdir(), 'yixian-fuzz-'));
const NOW = '2026-11-29T00:00:00.000Z';
const mapping: ImportMapping = {
  columns: { 编号: 'sourceId', 标题: 'title', 留言内容: 'body', 留言时间: 'receivedAt', 地点: 'orgUnit', 答复意见: 'replyText' },
  defaults: { channel: 'online', kind: 'complaint' },
};
const csv = (rows: string[][]) => ['编号,标题,留言内容,留言时间,地点,答复意见', ...rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join('\r\n') + '\r\n';

beforeAll(async () => {
  t = await setupApp();
  clerk = (await actorByUsername(t.db, 'clerk'))!;
}, 60_000);
afterAll(async () => { await t.close(); rmSync(dir, { recursive: true, force: true }); });

describe('pending search fuzz', () => {
  it('matches a JS scan of the NFKC text', async () => {
    const random = prng(11);
    const plain = ['路', '灯', '水', 'a', 'B', 'c', '1', '2', ',', '.', ' ', '，', '…', '\u3000', '！', '%', '％', '_', '\\', '(', '（', '-', '－', ':', '：', 'é', 'É', '\u00a0', '?', '？'];
    const wide = [...plain, '１', 'Ａ', '㎡', '①', '～', '／'];
    const pick = (pool: string[], n: number) => Array.from({ length: n }, () => pool[Math.floor(random() * pool.length)]!).join('');
    const rows: string[][] = [];
    for (let i = 1; i <= 80; i++) {
      const pool = i % 4 === 0 ? wide : plain;
      rows.push([`F-${i}`, `题${pick(pool, 6)}`, `容${pick(pool, 14)}`, `2019/3/${(i % 28) + 1} 10:00`, '东关村', i % 2 ? `复${pick(pool, 8)}` : '']);
    }
    const file = path.join(dir, 'f.csv');
    writeFileSync(file, csv(rows));
    const r = await runImport(t.db, clerk, file, 'f.csv', mapping, { now: NOW });
    expect(r.report.created).toBe(80);
    const issues = await t.db.selectFrom('issues').select(['id', 'title', 'body']).execute();
    const events = await t.db.selectFrom('timelineEvents').select(['subjectId as issueId', 'data']).orderBy('id').execute();
    const docs = new Map(issues.map((i) => [i.id, normalize(searchDoc([i.title, i.body, ...events.filter((e) => e.issueId === i.id).map((e) => eventSearchText(JSON.parse(e.data) as Record<string, unknown>))]))]));
    const queries = new Set<string>();
    const all = [...docs.values()];
    while (queries.size < 150) {
      const d = all[Math.floor(random() * all.length)]!;
      const len = 1 + Math.floor(random() * 4);
      const at = Math.floor(random() * Math.max(1, d.length - len));
      const sub = d.slice(at, at + len);
      if (/[\n"“”「」]/.test(sub)) continue;
      queries.add(/\s/.test(sub) ? `"${sub}"` : sub);
    }
    const failures: string[] = [];
    const check = async (when: string) => {
      for (const q of queries) {
        const terms = parseQuery(q);
        if (terms.length === 0) continue;
        const want = [...docs].filter(([, d]) => terms.every((tm) => d.includes(tm.text))).map(([id]) => id).sort((a, b) => a - b);
        for (const plan of ['index', 'scan'] as const) {
          const got = (await listIssuesInScope(t.db, clerk, { q, searchPlan: plan }, NOW, 500)).map((x) => x.id).sort((a, b) => a - b);
          if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${when} ${plan} ${JSON.stringify(q)}: got ${got.length} want ${want.length}`);
        }
        for (const sort of ['relevance', 'due_asc', 'received_asc'] as const) {
          const got = (await listIssuesInScope(t.db, clerk, { q }, NOW, 500, sort)).map((x) => x.id).sort((a, b) => a - b);
          if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${when} ${sort} ${JSON.stringify(q)}: got ${got.length} want ${want.length}`);
        }
      }
    };
    await check('pending');
    await indexPending(t.db, { tenantId: clerk.tenantId });
    await check('indexed');
    expect(failures).toEqual([]);
  }, 120_000);
});
