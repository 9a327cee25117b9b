/**
 * The intake screen's help (POST /suggestions, POST /issues/similar) works on any text the create accepts: a title
 * and a body at their limits are answered, and one character more is refused with a short message naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/limits.ts';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => {
  t = await setupApp();
  // Something to be similar to.
  const r = await (await t.as('clerk')).post('/api/v1/issues', intake(t.unit('东关村'), { title: '东关村路灯坏了', body: '东关村路灯坏了半个月，晚上出行不安全。' }));
  expect(r.statusCode, r.body).toBe(201);
});
afterAll(async () => { await t?.close(); });

const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };

/** Text of exactly `n` characters, varied enough to make many search tokens. */
function text(n: number, seed = '东关村路灯坏了半个月晚上出行不安全请尽快维修小区电梯停运楼顶漏水物业不修'): string {
  let s = '';
  for (let i = 0; s.length < n; i++) s += seed[(i * 7) % seed.length]! + (i % 13 === 0 ? '，' : '');
  return s.slice(0, n);
}

const HELP = ['/api/v1/suggestions', '/api/v1/issues/similar'] as const;

describe('intake help at the length limits', () => {
  it('requires a session', async () => {
    for (const url of HELP) expect((await t.anonymous.post(url, { body: '东关村路灯坏了半个月' })).statusCode).toBe(401);
  });

  it('refuses a role that does not register issues (suggestions)', async () => {
    expect((await (await t.as('handler')).post('/api/v1/suggestions', { body: '东关村路灯坏了半个月' })).statusCode).toBe(403);
  });

  it('answers a title and a body of the longest length the create accepts', async () => {
    const clerk = await t.as('clerk');
    const title = text(LIMITS.titleMax);
    const body = text(LIMITS.bodyMax);
    expect([...title]).toHaveLength(LIMITS.titleMax);
    const s = await clerk.post('/api/v1/suggestions', { title, body });
    expect(s.statusCode, s.body).toBe(200);
    const sim = await clerk.post('/api/v1/issues/similar', { title, body, orgUnitId: t.unit('东关村'), limit: 5 });
    expect(sim.statusCode, sim.body).toBe(200);
    expect(Array.isArray(json<{ items: unknown[] }>(sim).items)).toBe(true);
    // …and the create takes the same text.
    const created = await clerk.post('/api/v1/issues', intake(t.unit('东关村'), { title, body }));
    expect(created.statusCode, created.body).toBe(201);
  });

  it('refuses one character more with a short message that names the field', async () => {
    const clerk = await t.as('clerk');
    for (const url of [...HELP, '/api/v1/issues']) {
      const long = await clerk.post(url, { ...(url === '/api/v1/issues' ? intake(t.unit('东关村')) : {}), title: text(LIMITS.titleMax + 1), body: '东关村路灯坏了半个月' });
      expect(long.statusCode, `${url} ${long.body}`).toBe(400);
      expect(json<ErrorJson>(long).error.fields).toEqual({ title: `「标题」不能超过 ${LIMITS.titleMax} 个字符` });
      const longBody = await clerk.post(url, { ...(url === '/api/v1/issues' ? intake(t.unit('东关村')) : {}), body: text(LIMITS.bodyMax + 1) });
      expect(longBody.statusCode, `${url} ${longBody.body}`).toBe(400);
      expect(json<ErrorJson>(longBody).error.fields).toEqual({ body: `「内容」不能超过 ${LIMITS.bodyMax} 个字符` });
    }
    const en = await (await t.as('clerk', 'en')).post('/api/v1/suggestions', { title: text(LIMITS.titleMax + 1), body: '东关村路灯坏了半个月' });
    expect(json<ErrorJson>(en).error.fields).toEqual({ title: `"title" may have at most ${LIMITS.titleMax} characters` });
  });
});
