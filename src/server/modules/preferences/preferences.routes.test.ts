import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import { LIMITS } from '../../../shared/limits.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
type Saved = { id: number; name: string; query: string; createdAt: string; updatedAt: string };
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
const URL = '/api/v1/saved-filters';
const list = async (c: Client) => json<{ items: Saved[] }>(await c.get(URL)).items;
const del = (c: Client, id: number) => c.raw({ method: 'DELETE', url: `${URL}/${id}` });

describe('saved filters: who may call it', () => {
  it('requires authentication', async () => {
    for (const r of [await t.anonymous.get(URL), await t.anonymous.post(URL, { name: 'x', query: 'overdue=true' }), await t.anonymous.raw({ method: 'DELETE', url: `${URL}/1` })]) {
      expect(r.statusCode).toBe(401);
      expect(json<ErrorJson>(r).error).toEqual({ code: 'unauthenticated', message: '请先登录' });
    }
  });

  it('shows and deletes only the user’s own filters; another user’s look missing', async () => {
    const clerk = await t.as('clerk');
    const mine = json<Saved>(await clerk.post(URL, { name: '我的超期件', query: 'overdue=true' }));
    const leader = await t.as('leader');
    expect((await list(leader)).map((f) => f.id)).not.toContain(mine.id);
    const r = await del(leader, mine.id);
    expect(r.statusCode).toBe(404);
    expect(json<ErrorJson>(r).error).toEqual({ code: 'not_found', message: '筛选条件不存在或您无权查看' });
    expect((await list(clerk)).map((f) => f.id)).toContain(mine.id);
    // The same name is free for every user.
    expect((await leader.post(URL, { name: '我的超期件', query: 'overdue=true&sort=due_asc' })).statusCode).toBe(201);
    expect((await list(clerk)).find((f) => f.name === '我的超期件')!.query).toBe('overdue=true');
  });
});

describe('saved filters: saving, listing, replacing, deleting', () => {
  it('saves, lists by name, replaces by name and deletes', async () => {
    const c = await t.as('cadre');
    const a = await c.post(URL, { name: '已交办', query: '?status=assigned&sort=due_asc' });
    expect(a.statusCode, a.body).toBe(201);
    const saved = json<Saved>(a);
    expect(saved).toMatchObject({ name: '已交办', query: 'status=assigned&sort=due_asc' });
    expect((await c.post(URL, { name: '  本月来信 ', query: 'channel=letter&from=2026-11-01' })).statusCode).toBe(201);
    expect((await list(c)).map((f) => f.name).sort()).toEqual(['已交办', '本月来信'].sort());
    const again = await c.post(URL, { name: '已交办', query: 'status=assigned,accepted' });
    expect(again.statusCode).toBe(200);
    expect(json<Saved>(again)).toMatchObject({ id: saved.id, query: 'status=assigned,accepted' });
    expect(await list(c)).toHaveLength(2);
    expect((await del(c, saved.id)).statusCode).toBe(204);
    expect((await list(c)).map((f) => f.name)).toEqual(['本月来信']);
    expect((await del(c, saved.id)).statusCode).toBe(404);
  });

  it(`keeps at most ${LIMITS.savedFiltersPerUser} per user`, async () => {
    const c = await t.as('inspector');
    for (let i = 0; i < LIMITS.savedFiltersPerUser; i++) {
      expect((await c.post(URL, { name: `筛选${i}`, query: `q=${i}` })).statusCode).toBe(201);
    }
    const r = await c.post(URL, { name: '再来一个', query: '' });
    expect(r.statusCode).toBe(422);
    expect(json<ErrorJson>(r).error.code).toBe('saved_filters_full');
    // Replacing one by name still works when full.
    expect((await c.post(URL, { name: '筛选0', query: 'overdue=true' })).statusCode).toBe(200);
  });
});

describe('saved filters: bad input', () => {
  it.each([
    ['a missing name', { query: 'overdue=true' }, 'name'],
    ['an empty name', { name: '', query: '' }, 'name'],
    ['a blank name', { name: '   ', query: '' }, 'name'],
    ['a long name', { name: '长'.repeat(LIMITS.savedFilterNameMax + 1), query: '' }, 'name'],
    ['a long query', { name: '长查询', query: 'q='.padEnd(LIMITS.savedFilterQueryMax + 1, 'x') }, 'query'],
    ['a query with control characters', { name: '怪', query: 'q=a\nb' }, 'query'],
    ['a query with a fragment', { name: '怪', query: 'q=a#b' }, 'query'],
    ['an unknown field', { name: '多', query: '', colour: 'red' }, 'colour'],
    ['a wrong type', { name: '类型', query: 5 }, 'query'],
  ])('refuses %s with 400 naming the field', async (_name, body, field) => {
    const c = await t.as('handler');
    const r = await c.post(URL, body);
    expect(r.statusCode).toBe(400);
    const err = json<ErrorJson>(r).error;
    expect(err.code).toBe('validation');
    expect(Object.keys(err.fields ?? {})).toContain(field);
    expect(await list(c)).toEqual([]);
  });

  it('refuses a bad id with 400', async () => {
    expect((await del(await t.as('handler'), 0)).statusCode).toBe(400);
  });
});
