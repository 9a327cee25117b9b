/**
 * `yixian similar eval`: a small pairs file over a few imported messages (their source ids), a pair naming an issue
 * that is not in the database, and the command's output.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupApp, type TestContext } from '../../../../test/helpers.ts';
import { actorByUsername } from '../org/index.ts';
import { runImport, type ImportMapping } from '../imports/index.ts';
import { indexPending } from '../search/index.ts';
import { evaluateSimilar, readPairs, similarCommand } from './similar.cli.ts';

let t: TestContext;
const dir = mkdtempSync(path.join(os.tmpdir(), 'yixian-similar-eval-'));
const mapping: ImportMapping = {
  columns: { id: 'sourceId', title: 'title', body: 'body', time: 'receivedAt', place: 'orgUnit' },
  defaults: { channel: 'online', kind: 'complaint' },
};
/** [source id, title, body]: 1xx, 2xx, 3xx are three problems; 9xx unrelated. */
const MESSAGES: Array<[string, string, string]> = [
  ['101', '丽发新城附近建搅拌站噪音扰民', '丽发新城小区旁边新建了一个搅拌站，日夜施工，噪音和灰尘很大，居民无法休息。'],
  ['102', '丽发新城小区旁的搅拌站严重影响生活', '搅拌站就建在丽发新城小区边上，粉尘大，运渣车吵得人睡不着。'],
  ['103', '投诉小区附近搅拌站噪音', '丽发新城附近搅拌站晚上还在生产，噪音污染严重，请环保部门处理。'],
  ['201', '伊景园滨河苑捆绑销售车位', '伊景园滨河苑要求购房者必须同时购买车位，不买车位就不能买房。'],
  ['202', '投诉伊景园滨河苑强制捆绑车位', '伊景园滨河苑开发商强行捆绑车位销售，每户多花十几万，请政府管一管。'],
  ['301', '解放路路灯不亮', '解放路北段的路灯坏了半个月，晚上出行很不安全，请尽快维修。'],
  ['302', '解放路北段路灯坏了', '解放路北段有三盏路灯一直不亮，已经半个多月了。'],
  ['901', '社保卡补办', '社保卡丢了怎么补办，需要带什么材料？'],
  ['902', '公积金贷款咨询', '公积金贷款的额度怎么计算，首付要多少？'],
  ['903', '学校食堂卫生', '学校食堂的饭菜不干净，孩子吃了拉肚子。'],
];

beforeAll(async () => {
  t = await setupApp();
  const clerk = (await actorByUsername(t.db, 'clerk'))!;
  const file = path.join(dir, 'm.csv');
  writeFileSync(file, ['id,title,body,time,place', ...MESSAGES.map(([id, title, body]) => `${id},${title},${body},2019/3/1 10:00,解放路社区`)].join('\n') + '\n');
  expect((await runImport(t.db, clerk, file, 'm.csv', mapping)).report.created).toBe(MESSAGES.length);
  await indexPending(t.db);
}, 60_000);
afterAll(async () => { vi.restoreAllMocks(); await t.close(); rmSync(dir, { recursive: true, force: true }); });

describe('similar eval', () => {
  const pairs = 'a,b\n101,102\n101,103\n102,103\n201,202\n301,302\n301,999\n';

  it('finds the imported issues by source id and measures recall@5 and recall@10', async () => {
    const file = path.join(dir, 'pairs.csv');
    writeFileSync(file, pairs);
    expect(readPairs(file)).toHaveLength(6);
    const r = await evaluateSimilar(t.db, (await actorByUsername(t.db, 'admin'))!, readPairs(file));
    expect(r).toMatchObject({ pairs: 6, pairsFound: 5, queries: 7, empty: 0 });
    expect(r.recall5).toBe(1);
    expect(r.recall10).toBe(1);
  });

  it('prints them from the command line, and refuses a file without columns a,b', async () => {
    const file = path.join(dir, 'pairs.csv');
    writeFileSync(file, pairs);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: string) => { lines.push(s); });
    await similarCommand.run({ db: t.db, config: t.config, args: ['eval'], values: { file } });
    expect(lines.join('\n')).toMatch(/两件都在库中 5；查询 7 件[\s\S]*recall@5 1\.000  recall@10 1\.000/);
    writeFileSync(file, 'x,y\n1,2\n');
    await expect(similarCommand.run({ db: t.db, config: t.config, args: ['eval'], values: { file } })).rejects.toThrow(/a,b/);
  });
});
