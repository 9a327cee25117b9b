/** Categories' keywords (issue 15): GET /categories returns them, an administrator's edit saves them, validated and audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupApp, type TestContext } from '../../../../test/helpers.ts';
import { CATEGORY_KEYWORDS_MAX, CATEGORY_KEYWORD_LENGTH_MAX } from '../../../shared/api/issues.ts';
import { DEFAULT_CATEGORIES } from './default-categories.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

type CategoryJson = { id: number; name: string; parentId: number | null; active: boolean; keywords: string[] };
const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
const list = async (username = 'clerk') => json<{ items: CategoryJson[] }>(await (await t.as(username)).get('/api/v1/categories')).items;
const byName = (items: CategoryJson[], name: string) => items.find((c) => c.name === name)!;
const stored = async (id: number) => (await t.db.selectFrom('categories').select('keywords').where('id', '=', id).executeTakeFirstOrThrow()).keywords;

describe('category keywords', () => {
  it('are behind a login, and only an administrator edits them', async () => {
    const cat = t.category('城乡规划');
    expect((await t.anonymous.get('/api/v1/categories')).statusCode).toBe(401);
    expect((await t.anonymous.patch(`/api/v1/categories/${cat}`, { keywords: ['规划'] })).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/v1/categories', { name: '新类', keywords: ['x'] })).statusCode).toBe(401);
    const before = await stored(cat);
    for (const who of ['clerk', 'cadre']) {
      const c = await t.as(who);
      expect((await c.patch(`/api/v1/categories/${cat}`, { keywords: ['改了'] })).statusCode, who).toBe(403);
      expect((await c.post('/api/v1/categories', { name: '新类', keywords: ['x'] })).statusCode, who).toBe(403);
    }
    expect(await stored(cat)).toBe(before);
  });

  it('come with every category, seeded for the default tree (排水 finds the municipal category)', async () => {
    const items = await list();
    expect(byName(items, '城市建设和市政管理').keywords).toEqual(expect.arrayContaining(['排水', '下水道', '污水', '积水', '内涝']));
    expect(byName(items, '环境污染').keywords).toContain('噪音');
    expect(byName(items, '水利水电').keywords).toContain('灌溉');
    expect(items.filter((c) => c.name === '其他').every((c) => c.keywords.length === 0)).toBe(true);
    // Every default category but the 其他 ones has some, within the limits an edit has.
    const named = items.filter((c) => c.name !== '其他');
    expect(named.length).toBe(DEFAULT_CATEGORIES.reduce((n, top) => n + 1 + top.children.filter((c) => c !== '其他').length, 0));
    for (const c of named) {
      expect(c.keywords.length, c.name).toBeGreaterThan(0);
      expect(c.keywords.length, c.name).toBeLessThanOrEqual(CATEGORY_KEYWORDS_MAX);
      for (const k of c.keywords) expect(k.length, `${c.name}: ${k}`).toBeLessThanOrEqual(CATEGORY_KEYWORD_LENGTH_MAX);
    }
  });

  it('are replaced by an administrator\'s edit, trimmed and without repeats, with an audit entry', async () => {
    const admin = await t.as('admin');
    const cat = t.category('城乡规划');
    const r = await admin.patch(`/api/v1/categories/${cat}`, { keywords: [' 违建 ', '规划许可', '违建', '   ', '选址'] });
    expect(r.statusCode, r.body).toBe(200);
    expect(json<CategoryJson>(r)).toMatchObject({ id: cat, name: '城乡规划', active: true, keywords: ['违建', '规划许可', '选址'] });
    expect(byName(await list(), '城乡规划').keywords).toEqual(['违建', '规划许可', '选址']);
    const audit = await t.db.selectFrom('auditLog').select(['action', 'entityType', 'entityId', 'data']).where('action', '=', 'category.update')
      .where('entityId', '=', String(cat)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entityType: 'category', entityId: String(cat) });
    expect(JSON.parse(audit.data)).toEqual({ keywords: ['违建', '规划许可', '选址'] });
    // A rename leaves them; an empty list clears them.
    expect(json<CategoryJson>(await admin.patch(`/api/v1/categories/${cat}`, { name: '城乡规划管理' })).keywords).toEqual(['违建', '规划许可', '选址']);
    expect(json<CategoryJson>(await admin.patch(`/api/v1/categories/${cat}`, { keywords: [] })).keywords).toEqual([]);
  });

  it('refuses too many, too long, empty or non-text keywords, and changes nothing', async () => {
    const admin = await t.as('admin');
    const cat = t.category('工程质量');
    const before = await stored(cat);
    const tooMany = Array.from({ length: CATEGORY_KEYWORDS_MAX + 1 }, (_, i) => `词${i}`);
    for (const keywords of [tooMany, ['好'.repeat(CATEGORY_KEYWORD_LENGTH_MAX + 1)], [''], [1], '排水']) {
      const r = await admin.patch(`/api/v1/categories/${cat}`, { keywords });
      expect(r.statusCode, JSON.stringify(keywords)).toBe(400);
      expect(json<{ error: { code: string } }>(r).error.code).toBe('validation');
    }
    // A bad keyword is named by the list and its place, not by its bare index.
    const long = ['排水', '好'.repeat(CATEGORY_KEYWORD_LENGTH_MAX + 1)];
    const zh = json<{ error: { message: string } }>(await admin.patch(`/api/v1/categories/${cat}`, { keywords: long })).error.message;
    expect(zh).toContain('关键词（第 2 项）');
    const en = json<{ error: { message: string } }>(await (await t.as('admin', 'en')).patch(`/api/v1/categories/${cat}`, { keywords: long })).error.message;
    expect(en).toContain('keywords (item 2)');
    const max = Array.from({ length: CATEGORY_KEYWORDS_MAX }, (_, i) => `${i}`.padEnd(CATEGORY_KEYWORD_LENGTH_MAX, '词'));
    expect(await stored(cat)).toBe(before);
    const ok = await admin.patch(`/api/v1/categories/${cat}`, { keywords: max });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<CategoryJson>(ok).keywords).toEqual(max);
  });

  it('can be given to a new category', async () => {
    const admin = await t.as('admin');
    const r = await admin.post('/api/v1/categories', { parentId: t.category('城乡建设'), name: '老旧小区改造', keywords: ['加装电梯', '外墙'] });
    expect(r.statusCode, r.body).toBe(201);
    expect(json<CategoryJson>(r).keywords).toEqual(['加装电梯', '外墙']);
    expect(json<CategoryJson>(await admin.post('/api/v1/categories', { name: '无关键词' })).keywords).toEqual([]);
    const audit = await t.db.selectFrom('auditLog').select('data').where('action', '=', 'category.create').where('entityId', '=', String(json<CategoryJson>(r).id)).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data)).toMatchObject({ keywords: ['加装电梯', '外墙'] });
  });
});
