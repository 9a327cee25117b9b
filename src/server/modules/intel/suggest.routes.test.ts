/**
 * Category and unit suggestions: access, no model before training, training from closed issues (here and in a worker
 * thread), top-3 suggestions with confidences, and the clerk's choice recorded at intake and at assignment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';
import { trainIfDue, trainInWorker, trainSuggestionModels, trainingExamples } from './suggest.ts';

let t: TestContext;
const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
type Suggested = { modelId: number; calibrated: boolean; items: Array<{ id: number; name: string; path: string; confidence: number; lowConfidence: boolean }> } | null;

/** Made-up closed cases: [category, unit, title, body]. */
const CASES: Array<[string, string, string, string]> = [];
const THEMES: Array<[string, string, string[]]> = [
  ['城乡建设', '示例县住房和城乡建设局', ['小区电梯停运', '楼顶漏水物业不修', '违章搭建挡住采光', '老旧小区改造进度慢', '小区路面塌陷']],
  ['环境保护', '示例县生态环境局', ['工厂排放黑烟', '河道有死鱼发臭', '饭店油烟扰民', '夜间施工噪音', '垃圾焚烧有异味']],
  ['教育文体', '示例县教育局', ['学校乱收补课费', '幼儿园收费过高', '学生午餐质量差', '校车超载', '学位分配不公']],
];
for (const [category, unit, titles] of THEMES) {
  for (const [i, title] of titles.entries()) {
    for (const place of ['东关村', '西关村']) CASES.push([category, unit, title, `${place}群众反映：${title}，已持续${i + 2}周，请相关部门尽快处理。`]);
  }
}

beforeAll(async () => {
  t = await setupApp();
  const clerk = await t.as('clerk');
  for (const [category, unit, title, body] of CASES) {
    const r = await clerk.post('/api/v1/issues', intake(t.unit('东关村'), { title, body, categoryId: t.category(category) }));
    expect(r.statusCode, r.body).toBe(201);
    const id = json<{ id: number }>(r).id;
    // Closed straight away (declined is not training data; closing through the lifecycle would take many steps).
    await t.db.updateTable('issues').set({ status: 'closed', closedAt: new Date().toISOString(), responsibleUnitId: t.unit(unit) }).where('id', '=', id).execute();
  }
}, 60_000);
afterAll(async () => { await t.close(); });

describe('POST /suggestions', () => {
  it('needs a session and an intake role', async () => {
    expect((await t.anonymous.post('/api/v1/suggestions', { body: '电梯停运' })).statusCode).toBe(401);
    expect((await (await t.as('handler')).post('/api/v1/suggestions', { body: '电梯停运' })).statusCode).toBe(403);
    expect((await (await t.as('clerk')).post('/api/v1/suggestions', { body: '' })).statusCode).toBe(400);
  });

  it('says there is no model before the first training', async () => {
    const r = await (await t.as('clerk')).post('/api/v1/suggestions', { body: '小区电梯又停运了' });
    expect(json<{ category: Suggested; unit: Suggested }>(r)).toEqual({ category: null, unit: null });
  });

  it('trains from closed issues (admin only) and suggests the top three with confidences', async () => {
    expect((await (await t.as('clerk')).post('/api/v1/suggestions/train')).statusCode).toBe(403);
    const examples = await trainingExamples(t.db, 1, 'category');
    expect(examples.length).toBe(CASES.length);
    const r = await (await t.as('admin')).post('/api/v1/suggestions/train');
    expect(r.statusCode, r.body).toBe(200);
    const results = json<{ results: Array<{ kind: string; modelId: number | null; classes: number }> }>(r).results;
    expect(results.map((x) => [x.kind, x.classes])).toEqual([['category', 3], ['unit', 3]]);

    const s = json<{ category: Suggested; unit: Suggested }>(await (await t.as('clerk')).post('/api/v1/suggestions', { title: '电梯坏了', body: '小区电梯停运一周，物业不修' }));
    expect(s.category!.items.map((i) => i.name)).toEqual(expect.arrayContaining(['城乡建设']));
    expect(s.category!.items[0]!.name).toBe('城乡建设');
    expect(s.category!.items.length).toBe(3);
    const conf = s.category!.items.map((i) => i.confidence);
    expect([...conf].sort((a, b) => b - a)).toEqual(conf);
    expect(conf.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.001);
    // Calibrated on held-out folds of the closed issues; below 0.5 a suggestion says it is unsure.
    expect(s.category!.calibrated).toBe(true);
    for (const i of [...s.category!.items, ...s.unit!.items]) expect(i.lowConfidence).toBe(i.confidence < 0.5);
    expect(s.category!.items[0]!.confidence).toBeLessThan(1);
    expect(s.category!.items.slice(1).every((i) => i.lowConfidence)).toBe(true);
    expect(s.unit!.items[0]!.name).toBe('示例县住房和城乡建设局');
    const school = json<{ category: Suggested }>(await (await t.as('clerk')).post('/api/v1/suggestions', { body: '学校收取补课费，家长负担重' }));
    expect(school.category!.items[0]!.name).toBe('教育文体');
  });

  it('only suggests units the clerk may assign to (a cadre of 城关镇 is not offered county departments)', async () => {
    const s = json<{ unit: Suggested }>(await (await t.as('cadre')).post('/api/v1/suggestions', { body: '小区电梯停运一周，物业不修' }));
    for (const u of s.unit?.items ?? []) expect(u.name).not.toMatch(/^示例县.*局$/);
  });

  it('records what was shown and what the clerk chose, at intake and at assignment', async () => {
    const clerk = await t.as('clerk');
    const s = json<{ category: Suggested; unit: Suggested }>(await clerk.post('/api/v1/suggestions', { body: '河道有死鱼，气味很大' }));
    const cats = s.category!.items.map((i) => i.id);
    const units = s.unit!.items.map((i) => i.id);
    const r = await clerk.post('/api/v1/issues', intake(t.unit('东关村'), {
      body: '河道有死鱼，气味很大', categoryId: cats[1],
      suggestions: { categoryModelId: s.category!.modelId, categoryIds: cats, unitModelId: s.unit!.modelId, unitIds: units },
    }));
    expect(r.statusCode, r.body).toBe(201);
    const issue = json<{ id: number; version: number }>(r);
    const acc = await clerk.post(`/api/v1/issues/${issue.id}/transitions`, { action: 'accept', version: issue.version });
    expect(acc.statusCode, acc.body).toBe(200);
    const asg = await clerk.post(`/api/v1/issues/${issue.id}/transitions`, { action: 'assign', version: issue.version + 1, unitId: units[0] });
    expect(asg.statusCode, asg.body).toBe(200);
    const rows = await t.db.selectFrom('intakeSuggestions').selectAll().where('issueId', '=', issue.id).orderBy('kind').execute();
    expect(rows.map((x) => [x.kind, x.chosen, x.rank])).toEqual([['category', String(cats[1]), 2], ['unit', String(units[0]), 1]]);
    const m = json<{ models: Array<{ kind: string }>; acceptance: { category: { decided: number; top1: number; top3: number }; unit: { top1: number } } }>(await clerk.get('/api/v1/suggestions/models'));
    expect(m.models.map((x) => x.kind)).toEqual(['category', 'unit']);
    expect(m.acceptance.category).toEqual({ decided: 1, top1: 0, top3: 1 });
    expect(m.acceptance.unit.top1).toBe(1);
  });

  it('trains in a worker thread on schedule only when due', async () => {
    const now = new Date().toISOString();
    // Models are fresh: nothing to do.
    expect(await trainIfDue(t.db, now, 24, trainInWorker)).toEqual([]);
    // A day later, with an issue closed since: both kinds retrained, in the worker.
    const later = new Date(Date.now() + 25 * 3600_000).toISOString();
    await t.db.updateTable('issues').set({ closedAt: new Date(Date.now() + 3600_000).toISOString() }).where('status', '=', 'closed').execute();
    const r = await trainIfDue(t.db, later, 24, trainInWorker);
    expect(r.map((x) => x.kind)).toEqual(['category', 'unit']);
    expect(r.every((x) => x.modelId !== null && x.bytes > 0)).toBe(true);
    const kept = await trainSuggestionModels(t.db, 1, later);
    expect(kept.length).toBe(2);
    const count = await t.db.selectFrom('suggestionModels').select('id').execute();
    expect(count.length).toBe(6);
  }, 60_000);

  it('learns only labels with enough closed issues', async () => {
    const clerk = await t.as('clerk');
    for (const title of ['医院排队太久', '医保报销太慢']) {
      const r = await clerk.post('/api/v1/issues', intake(t.unit('东关村'), { title, body: `${title}，请卫健部门处理。`, categoryId: t.category('卫生计生') }));
      const id = json<{ id: number }>(r).id;
      await t.db.updateTable('issues').set({ status: 'closed', closedAt: new Date().toISOString() }).where('id', '=', id).execute();
    }
    const labels = new Set((await trainingExamples(t.db, 1, 'category')).map((e) => e.label));
    expect(labels.has(String(t.category('卫生计生')))).toBe(false);
    expect(labels.size).toBe(3);
  });
});
