/**
 * Import runs: the dry-run report, good rows in and bad rows reported without stopping them, a second import of
 * the same file creating nothing, a resumed import after an interruption, original times kept, imported cases found
 * by search before and after their tokens are indexed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ON_POSTGRES, setupApp, type TestContext } from '../../../../test/helpers.ts';
import { actorByUsername } from '../org/index.ts';
import type { Actor } from '../../actor.ts';
import { listIssuesInScope } from '../ledger/index.ts';
import { dryRun, IMPORT_PARENT_TABLES, runImport, type ImportProgress } from './import.service.ts';
import { docsOf, hasPendingSearch, indexPending } from '../search/index.ts';
import { rawSqlite } from '../../db/connect.ts';
import type { ImportMapping } from './mapping.ts';

let t: TestContext;
let clerk: Actor;
const dir = mkdtempSync(path.join(os.tmpdir(), 'yixian-import-'));
const NOW = '2026-11-29T00:00:00.000Z';
const mapping: ImportMapping = {
  columns: { 编号: 'sourceId', 标题: 'title', 留言内容: 'body', 留言时间: 'receivedAt', 地点: 'orgUnit', 分类: 'category', 状态: 'status', 答复意见: 'replyText', 答复时间: 'replyAt', 电话: 'petitionerPhone' },
  values: { status: { 已办结: 'closed', 处理中: 'in_progress' } },
  defaults: { channel: 'online', kind: 'complaint' },
};
/** The plan that reads the index alone in received order (SQLite only; PostgreSQL looks the tokens up). */
const INDEX_ONLY = ON_POSTGRES ? 'index' : 'stream';
const HEADER = '编号,标题,留言内容,留言时间,地点,分类,状态,答复意见,答复时间,电话,来源';

function csv(rows: string[][]): string {
  return [HEADER, ...rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join('\r\n') + '\r\n';
}

/** n good rows (ids P-1…), closed with replies, at two places. */
const good = (n: number, from = 1) => Array.from({ length: n }, (_, i) => {
  const k = from + i;
  return [`P-${k}`, `第${k}号井盖缺失`, `解放路第${k}号井盖缺失，夜里有人摔倒。`, `2019/3/${(k % 28) + 1} 10:00:00`, k % 2 ? '解放路社区' : '东关村', '城乡建设', '已办结', `已安排更换第${k}号井盖。`, `2019/4/${(k % 28) + 1} 09:30`, `1380000${String(k).padStart(4, '0')}`, '旧系统'];
});
const bad = [
  ['B-1', '日期错', '内容', '2019/2/30', '东关村', '', '已办结', '', '', '', ''],
  ['B-2', '没内容', '', '2019/2/28', '东关村', '', '', '', '', '', ''],
  ['B-3', '分类错', '内容', '2019/2/28', '东关村', '不存在的分类', '', '', '', '', ''],
  ['B-4', 'x'.repeat(250), '内容', '2019/2/28', '东关村', '', '', '', '', '', ''],
];

/** Import rows (all good) from a file of this name: the issue id of each source id. */
async function importRows(name: string, rows: string[][]): Promise<(sourceId: string) => number> {
  const file = path.join(dir, name);
  writeFileSync(file, csv(rows));
  const r = await runImport(t.db, clerk, file, name, mapping, { now: NOW });
  expect(r.report.created).toBe(rows.length);
  const ids = await t.db.selectFrom('importRows').select(['sourceKey', 'issueId']).where('batchId', '=', r.batchId).execute();
  return (sourceId) => ids.find((x) => x.sourceKey === `id:${sourceId}`)!.issueId;
}

beforeAll(async () => {
  t = await setupApp();
  clerk = (await actorByUsername(t.db, 'clerk'))!;
}, 60_000);
afterAll(async () => { await t.close(); rmSync(dir, { recursive: true, force: true }); });

describe('import', () => {
  it('reports every row in a dry run and writes nothing', async () => {
    const file = path.join(dir, 'a.csv');
    writeFileSync(file, csv([...good(6), ...bad]));
    const r = await dryRun(t.db, clerk, file, 'a.csv', mapping, NOW);
    expect([r.total, r.toCreate, r.toSkip, r.failed]).toEqual([10, 6, 0, 4]);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[8, '留言时间'], [9, '留言内容'], [10, '分类'], [11, '标题']]);
    expect(r.errors[0]!.message).toContain('不是有效的日期时间');
    const n = await t.db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('imports the good rows with their original times and reply, keeps going past bad ones, and a second run creates nothing', async () => {
    const file = path.join(dir, 'a.csv');
    const first = await runImport(t.db, clerk, file, 'a.csv', mapping, { now: NOW });
    expect([first.report.total, first.report.created, first.report.failed]).toEqual([10, 6, 4]);
    const issue = await t.db.selectFrom('issues').selectAll().where('title', '=', '第1号井盖缺失').executeTakeFirstOrThrow();
    expect(issue.receivedAt).toBe('2019-03-02T02:00:00.000Z');
    expect(issue.status).toBe('closed');
    expect(issue.closedAt).toBe('2019-04-02T01:30:00.000Z');
    expect(issue.trackingCode).toMatch(/^YX-2019-\d{6}$/);
    // The timeline: what the import knew (kept with the row's key, not an event of its own), then the reply.
    const events = await t.db.selectFrom('timelineEvents').select('type').where('subjectId', '=', issue.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['reply']);
    const res = await (await t.as('clerk')).get(`/api/v1/issues/${issue.id}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    const timeline = (res.json() as { items: Array<{ type: string; at: string; toStatus: string | null; actorName: string | null; data: Record<string, unknown> }> }).items;
    expect(timeline.map((e) => e.type)).toEqual(['imported', 'reply']);
    expect(timeline[0]).toMatchObject({ at: '2019-03-02T02:00:00.000Z', toStatus: 'closed', actorName: clerk.displayName });
    expect(timeline[0]!.data).toEqual({ batchId: first.batchId, row: 2, sourceId: 'P-1', extra: { 来源: '旧系统' }, unknown: ['steps'], importedAt: NOW });
    expect(timeline[1]!.data).toMatchObject({ text: '已安排更换第1号井盖。', imported: true });
    const again = await runImport(t.db, clerk, file, 'a.csv', mapping, { now: NOW });
    expect([again.report.created, again.report.toSkip, again.report.failed]).toEqual([0, 6, 4]);
    const n = await t.db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(6);
    const batch = await t.db.selectFrom('importBatches').selectAll().where('id', '=', first.batchId).executeTakeFirstOrThrow();
    expect([batch.status, batch.created, batch.failed]).toEqual(['done', 6, 4]);
    expect(JSON.parse(batch.errors)).toHaveLength(4);
  });

  it('finds imported cases by words of their body and reply before and after their tokens are indexed, in every plan and order', async () => {
    const find = async (q: string, f: { searchPlan?: 'index' | 'scan' | 'stream' } = {}, sort?: 'received_desc' | 'relevance' | 'due_asc') =>
      (await listIssuesInScope(t.db, clerk, { q, ...f }, NOW, 10, sort)).map((r) => r.title).sort();
    const cadre = (await actorByUsername(t.db, 'cadre'))!;
    const handler = (await actorByUsername(t.db, 'handler'))!;
    const check = async () => {
      for (const [f, sort] of [[{}, undefined], [{ searchPlan: 'index' as const }, undefined], [{ searchPlan: 'scan' as const }, undefined], [{}, 'relevance' as const], [{}, 'due_asc' as const]] as const) {
        expect(await find('第3号井盖', f, sort)).toEqual(['第3号井盖缺失']);
        expect(await find('安排更换第5号', f, sort)).toEqual(['第5号井盖缺失']);
        // Every pending case is a candidate, but only those whose text holds the words are found.
        expect(await find('井盖 摔倒', f, sort)).toEqual(['第1号井盖缺失', '第2号井盖缺失', '第3号井盖缺失', '第4号井盖缺失', '第5号井盖缺失', '第6号井盖缺失']);
        expect(await find('路灯', f, sort)).toEqual([]);
      }
      // Scope holds for cases not indexed yet: the housing bureau's handler (responsible for none of them) sees none,
      // the 城关镇 cadre (both places are its villages) sees them all.
      expect(await listIssuesInScope(t.db, handler, { q: '井盖' }, NOW, 10)).toEqual([]);
      expect(await listIssuesInScope(t.db, cadre, { q: '井盖' }, NOW, 10)).toHaveLength(6);
    };
    // The import wrote the cases' text with their rows; their tokens wait.
    expect(await hasPendingSearch(t.db, clerk.tenantId)).toBe(true);
    await check();
    expect(await indexPending(t.db)).toBe(6);
    expect(await hasPendingSearch(t.db, clerk.tenantId)).toBe(false);
    await check();
    expect(await find('第3号井盖', { searchPlan: INDEX_ONLY })).toEqual(['第3号井盖缺失']);
  });

  it('finds a case waiting for its text exactly as its normalised text would, and shows its snippet', async () => {
    // W-1: full-width punctuation only (searched in its parts as stored, folded); W-2: full-width letters and digits
    // (its normalised text is stored with the row); W-3: an ideographic space inside the reply.
    const idOf = await importRows('wide.csv', [
      ['W-1', '甲巷积水', '甲巷积水严重，行人难以通过！', '2019/5/1 10:00', '东关村', '', '已办结', '已疏通下水道（甲巷段）', '2019/5/3 10:00', '', ''],
      ['W-2', '乙巷路灯', 'ＡＢＣ小区１２号楼路灯不亮', '2019/5/2 10:00', '东关村', '', '已办结', '', '', '', ''],
      ['W-3', '丙巷垃圾', '丙巷垃圾无人清运', '2019/5/3 10:00', '东关村', '', '已办结', '已安排\u3000每日清运', '2019/5/4 10:00', '', ''],
    ]);
    // Only W-2 needed its text stored; all three wait.
    const stored = await t.db.selectFrom('issueSearch').select('issueId').where('issueId', 'in', ['W-1', 'W-2', 'W-3'].map(idOf)).execute();
    expect(stored.map((x) => x.issueId)).toEqual([idOf('W-2')]);
    const find = async (q: string) => (await listIssuesInScope(t.db, clerk, { q }, NOW, 10)).map((i) => i.title).sort();
    const check = async () => {
      // Typed with full-width or ASCII punctuation, found either way (the query is normalised too).
      expect(await find('"积水严重，行人"')).toEqual(['甲巷积水']);
      expect(await find('积水严重,行人')).toEqual(['甲巷积水']);
      expect(await find('下水道(甲巷段)')).toEqual(['甲巷积水']);
      expect(await find('通过!')).toEqual(['甲巷积水']);
      expect(await find('严重,行人难以通过!')).toEqual(['甲巷积水']);
      expect(await find('积水严重;')).toEqual([]);
      expect(await find('abc小区12号楼')).toEqual(['乙巷路灯']);
      expect(await find('ＡＢＣ小区')).toEqual(['乙巷路灯']);
      expect(await find('"已安排 每日"')).toEqual(['丙巷垃圾']);
      expect(await find('安排每日')).toEqual([]);
      const docs = await docsOf(t.db, [idOf('W-1'), idOf('W-3')]);
      expect(docs.get(idOf('W-1'))).toBe('甲巷积水\n甲巷积水严重,行人难以通过!\n已疏通下水道(甲巷段)');
      expect(docs.get(idOf('W-3'))).toBe('丙巷垃圾\n丙巷垃圾无人清运\n已安排 每日清运');
    };
    await check();
    await indexPending(t.db, { tenantId: clerk.tenantId });
    await check();
  });

  it('stores imported text without what the databases cannot hold, and a pending case with other events stays searchable', async () => {
    const idOf = await importRows('nul.csv', [
      ['N-1', '丁巷噪音', '丁巷夜间噪音\u0000扰民', '2019/6/1 10:00', '东关村', '', '已办结', '已处理\u0000完毕', '2019/6/2 10:00', '', ''],
      ['N-2', '戊巷路灯', '戊巷路灯不亮', '2019/6/3 10:00', '东关村', '', '', '', '', '', ''],
    ]);
    expect((await t.db.selectFrom('issues').select('body').where('id', '=', idOf('N-1')).executeTakeFirstOrThrow()).body).toBe('丁巷夜间噪音扰民');
    // A case still waiting for its text gets an event with other fields (a note would index it; a decline does not).
    const c = await t.as('clerk');
    const issue = await t.db.selectFrom('issues').select(['version']).where('id', '=', idOf('N-2')).executeTakeFirstOrThrow();
    const d = await c.post(`/api/v1/issues/${idOf('N-2')}/transitions`, { action: 'decline', version: issue.version, reason: '不属于本县受理范围', properChannel: '市12345' });
    expect(d.statusCode, d.body).toBe(200);
    expect(await hasPendingSearch(t.db, clerk.tenantId)).toBe(true);
    for (const [q, id] of [['夜间噪音扰民', idOf('N-1')], ['处理完毕', idOf('N-1')], ['戊巷路灯', idOf('N-2')]] as const) {
      const res = await c.get(`/api/v1/issues?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as { items: Array<{ id: number }> }).items.map((i) => i.id)).toEqual([id]);
    }
    expect(await indexPending(t.db, { tenantId: clerk.tenantId })).toBeGreaterThanOrEqual(2);
    expect(await hasPendingSearch(t.db, clerk.tenantId)).toBe(false);
  });

  it('resumes an interrupted import: what was committed stays, the rest comes in, nothing twice', async () => {
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, csv(good(35, 100)));
    let calls = 0;
    await expect(runImport(t.db, clerk, file, 'big.csv', mapping, { now: NOW, read: { size: 10, worker: true }, onProgress: () => { if (++calls === 2) throw new Error('power cut'); } })).rejects.toThrow('power cut');
    // The import holds back SQLite's checkpoints while it runs; a failed one gives them back too, and foreign-key checks.
    if (!ON_POSTGRES) expect(rawSqlite(t.db)!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    if (!ON_POSTGRES) expect(rawSqlite(t.db)!.pragma('foreign_keys', { simple: true })).toBe(1);
    const mid = await t.db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).where('title', 'like', '第1__号%').executeTakeFirstOrThrow();
    expect(Number(mid.n)).toBe(20);
    const running = await t.db.selectFrom('importBatches').select(['id', 'status']).where('filename', '=', 'big.csv').execute();
    expect(running.map((b) => b.status)).toEqual(['running']);
    const seen: ImportProgress[] = [];
    // Between its transactions (when other requests run) SQLite checks foreign keys as always.
    const checks: unknown[] = [];
    const done = await runImport(t.db, clerk, file, 'big.csv', mapping, { now: NOW, read: { size: 10 }, onProgress: (p) => {
      seen.push(p);
      if (!ON_POSTGRES) checks.push(rawSqlite(t.db)!.pragma('foreign_keys', { simple: true }));
    } });
    if (!ON_POSTGRES) expect(checks).toEqual(checks.map(() => 1));
    expect(done.batchId).toBe(running[0]!.id);
    // Progress of the rows: all 35 of the file, the 20 from before the crash skipped.
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.at(-1)!.done).toBe(35);
    expect([done.report.created, done.report.toSkip]).toEqual([15, 20]);
    // The batch, over both runs: all 35 created by it, none skipped as imported elsewhere.
    const batch = await t.db.selectFrom('importBatches').select(['status', 'total', 'created', 'skipped']).where('id', '=', done.batchId).executeTakeFirstOrThrow();
    expect(batch).toEqual({ status: 'done', total: 35, created: 35, skipped: 0 });
    const all = await t.db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).where('title', 'like', '第1__号%').executeTakeFirstOrThrow();
    expect(Number(all.n)).toBe(35);
    // The first part was committed before the crash with its text: found by search, then indexed with the rest.
    expect((await listIssuesInScope(t.db, clerk, { q: '第101号井盖' }, NOW, 10)).length).toBe(1);
    expect(await indexPending(t.db, { tenantId: clerk.tenantId })).toBe(35);
    expect((await listIssuesInScope(t.db, clerk, { q: '第101号井盖', searchPlan: INDEX_ONLY }, NOW, 10)).length).toBe(1);
  });

  it('gives SQLite its checkpoints back when the last of two imports at once ends', async () => {
    const files = ['one', 'two'].map((name, k) => {
      const file = path.join(dir, `${name}.csv`);
      writeFileSync(file, csv(good(30, 40_000 + k * 100)));
      return file;
    });
    const runs = files.map((f) => runImport(t.db, clerk, f, path.basename(f), mapping, { now: NOW, read: { size: 10 } }));
    expect((await Promise.all(runs)).map((r) => r.report.created)).toEqual([30, 30]);
    if (!ON_POSTGRES) expect(rawSqlite(t.db)!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(await indexPending(t.db)).toBe(60);
  });

  it('lets the server answer other requests while it indexes imported cases', async () => {
    const file = path.join(dir, 'index.csv');
    writeFileSync(file, csv(good(2500, 5000)));
    const r = await runImport(t.db, clerk, file, 'index.csv', mapping, { now: NOW });
    expect(r.report.created).toBe(2500);
    // Timers only run when the event loop turns; SQLite statements run synchronously in between.
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 0);
    const atIndex: number[] = [];
    try {
      expect(await indexPending(t.db, { onProgress: () => { atIndex.push(ticks); } })).toBe(2500);
    } finally {
      clearInterval(timer);
    }
    expect(atIndex.length).toBeGreaterThanOrEqual(4);
    expect(atIndex.at(-1)! - atIndex[0]!).toBeGreaterThanOrEqual(atIndex.length - 2);
  });

  it('indexes a case noted before its tokens were indexed whole, and two index runs at once write each case once', async () => {
    const file = path.join(dir, 'noted.csv');
    // Open cases (a note is allowed), no reply; the rows are written, the index step is left for later.
    writeFileSync(file, csv(good(1500, 20_000).map((r) => [...r.slice(0, 6), '处理中', '', '', ...r.slice(9)])));
    const r = await runImport(t.db, clerk, file, 'noted.csv', mapping, { now: NOW });
    expect(r.report.created).toBe(1500);
    const target = await t.db.selectFrom('issues').select(['id', 'version']).where('title', '=', '第21499号井盖缺失').executeTakeFirstOrThrow();
    const res = await (await t.as('clerk')).post(`/api/v1/issues/${target.id}/transitions`, { action: 'note', version: target.version, note: '已派人查看窨井' });
    expect(res.statusCode, res.body).toBe(200);
    // The note indexed the whole case, not just the note, and took it off the pending list.
    const doc = await t.db.selectFrom('issueSearch').select('doc').where('issueId', '=', target.id).executeTakeFirstOrThrow();
    expect(doc.doc).toContain('第21499号井盖缺失');
    expect(doc.doc).toContain('已派人查看窨井');
    expect(await t.db.selectFrom('searchPending').select('issueId').where('issueId', '=', target.id).executeTakeFirst()).toBeUndefined();
    // Two index runs at once (an import's and the server's at start): each case once, none lost.
    const counts = await Promise.all([indexPending(t.db, { chunk: 100 }), indexPending(t.db, { chunk: 100 })]);
    expect(counts[0]! + counts[1]!).toBe(1499);
    expect(await hasPendingSearch(t.db, clerk.tenantId)).toBe(false);
    const rows = await t.db.selectFrom('issueSearch as s').innerJoin('importRows as k', 'k.issueId', 's.issueId')
      .select((eb) => eb.fn.countAll<number>().as('n')).where('k.batchId', '=', r.batchId).executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(1500);
    expect((await listIssuesInScope(t.db, clerk, { q: '第21499号井盖', searchPlan: 'index' }, NOW, 10)).map((i) => i.id)).toEqual([target.id]);
    expect((await listIssuesInScope(t.db, clerk, { q: '派人查看窨井', searchPlan: 'index' }, NOW, 10)).map((i) => i.id)).toEqual([target.id]);
    expect((await listIssuesInScope(t.db, clerk, { q: '第20007号井盖', searchPlan: INDEX_ONLY }, NOW, 10))).toHaveLength(1);
  });

  it('makes one petitioner per phone, reuses one already known, and one per named row without a phone', async () => {
    const known = await t.db.insertInto('people').values({ tenantId: clerk.tenantId, name: '老住户', phone: '13999990000', idNumber: null, address: null, createdAt: NOW })
      .returning('id').executeTakeFirstOrThrow();
    const file = path.join(dir, 'people.csv');
    // 1,500 rows: a first group of 500, then one of 1,000 with more than 500 new people. Phone A on rows far apart in
    // both groups, phone B far apart in the second, the known phone, rows with a name only, anonymous rows.
    const rows = Array.from({ length: 1500 }, (_, i) => {
      const phone = i % 100 === 0 ? '13700000001' : i % 100 === 50 && i >= 500 ? '13700000002' : i % 7 === 0 ? '13999990000' : '';
      const name = i % 5 !== 1 && !phone ? `居民${i}` : '';
      return [`R-${i}`, `第${i}号路灯`, `第${i}号路灯不亮`, '2019/3/1', '东关村', name, phone];
    });
    writeFileSync(file, ['编号,标题,内容,时间,地点,姓名,电话', ...rows.map((r) => r.join(','))].join('\n'));
    const m: ImportMapping = { columns: { 编号: 'sourceId', 标题: 'title', 内容: 'body', 时间: 'receivedAt', 地点: 'orgUnit', 姓名: 'petitionerName', 电话: 'petitionerPhone' }, defaults: { channel: 'online', kind: 'complaint' } };
    const r = await runImport(t.db, clerk, file, 'people.csv', m, { now: NOW, read: { size: 1000 } });
    expect(r.report.created).toBe(1500);
    const issues = await t.db.selectFrom('issues as i').innerJoin('importRows as k', 'k.issueId', 'i.id').leftJoin('people as p', 'p.id', 'i.petitionerId')
      .select(['k.sourceKey', 'i.petitionerId', 'i.anonymous', 'p.name', 'p.phone']).where('k.batchId', '=', r.batchId).execute();
    const of = (i: number) => issues.find((x) => x.sourceKey === `id:R-${i}`)!;
    for (const [phone, first, last] of [['13700000001', 0, 1400], ['13700000002', 550, 1450]] as const) {
      expect(new Set(issues.filter((x) => x.phone === phone).map((x) => x.petitionerId)).size).toBe(1);
      expect(of(first).petitionerId).toBe(of(last).petitionerId);
      const made = await t.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where('phone', '=', phone).executeTakeFirstOrThrow();
      expect(Number(made.n)).toBe(1);
    }
    expect(of(7).petitionerId).toBe(known.id);
    expect(of(1393).petitionerId).toBe(known.id);
    expect([of(5).name, of(5).anonymous, of(10).name]).toEqual(['居民5', 0, '居民10']);
    expect(of(5).petitionerId).not.toBe(of(10).petitionerId);
    expect([of(1).petitionerId, of(1).anonymous]).toEqual([null, 1]);
  });

  it('writes only references that hold, to tables nothing deletes from', async () => {
    // Every row the imports above wrote refers to rows that exist (SQLite writes them without checking: see
    // bulkTransaction in db/bulk.ts).
    if (!ON_POSTGRES) expect(rawSqlite(t.db)!.pragma('foreign_key_check')).toEqual([]);
    // … which holds because nothing deletes from the tables they refer to.
    const files = readdirSync(path.resolve(import.meta.dirname, '../..'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(50);
    const camel = (t: string) => t.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
    for (const f of files) {
      const text = readFileSync(path.resolve(import.meta.dirname, '../..', f), 'utf8');
      for (const table of IMPORT_PARENT_TABLES) {
        expect(text, f).not.toMatch(new RegExp(`deleteFrom\\(['"]${camel(table)}['"]|delete\\s+from\\s+"?${table}\\b`, 'i'));
      }
    }
  });

  it('only imports into places within the actor\'s scope', async () => {
    const cadre = (await actorByUsername(t.db, 'cadre'))!;
    const file = path.join(dir, 'scope.csv');
    writeFileSync(file, csv([['S-1', '湖滨', '湖滨路灯坏了', '2019/3/1', '湖滨社区', '', '', '', '', '', '']]));
    const r = await dryRun(t.db, cadre, file, 'scope.csv', mapping, NOW);
    expect(r.errors.map((e) => e.message)).toEqual(['单位「湖滨社区」不存在或不在您的管辖范围内']);
  });
});
