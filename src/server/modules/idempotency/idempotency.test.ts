/** Idempotency-Key on creates: a retried create makes one record (SQLite and PostgreSQL). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t.close(); });

const issuesTitled = async (title: string) =>
  Number((await t.db.selectFrom('issues').select((eb) => eb.fn.countAll().as('n')).where('title', '=', title).executeTakeFirstOrThrow()).n);

describe('Idempotency-Key on POST /issues', () => {
  it('is 401 without a session and records nothing', async () => {
    const res = await t.anonymous.post('/api/v1/issues', intake(t.unit('城关镇'), { title: '未登录的重试' }), { 'idempotency-key': 'anon-1' });
    expect(res.statusCode).toBe(401);
    expect(await t.db.selectFrom('idempotencyKeys').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a key that is not 1–200 visible ASCII characters', async () => {
    const clerk = await t.as('clerk');
    for (const key of ['', 'x'.repeat(201), '含中文', 'a b']) {
      const res = await clerk.raw({ method: 'POST', url: '/api/v1/issues', payload: JSON.stringify(intake(t.unit('城关镇'))), headers: { 'content-type': 'application/json', 'idempotency-key': encodeURI(key) === key ? key : Buffer.from(key).toString('latin1') } });
      expect(res.statusCode, JSON.stringify(key)).toBe(400);
    }
  });

  it('answers the first result again for the same key and body, and makes one issue', async () => {
    const clerk = await t.as('clerk');
    const body = intake(t.unit('城关镇'), { title: '重发两次的登记' });
    const first = await clerk.post('/api/v1/issues', body, { 'idempotency-key': 'phone-retry-1' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    const again = await clerk.post('/api/v1/issues', body, { 'idempotency-key': 'phone-retry-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    expect(await issuesTitled('重发两次的登记')).toBe(1);
    // The same request with its fields in another order (a client that serialises anew) is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse().map(([k, v]) => [k, v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse()) : v]));
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body));
    const third = await clerk.post('/api/v1/issues', reordered, { 'idempotency-key': 'phone-retry-1' });
    expect(third.statusCode).toBe(201);
    expect(third.json().id).toBe(first.json().id);
    // Without a key, the same body is a new issue (a clerk may register two letters that read the same).
    expect((await clerk.post('/api/v1/issues', body)).json().id).not.toBe(first.json().id);
  });

  it('is a 422 for the same key with another body, in Chinese or English', async () => {
    const clerk = await t.as('clerk');
    await clerk.post('/api/v1/issues', intake(t.unit('城关镇'), { title: '第一份内容' }), { 'idempotency-key': 'k-mismatch' });
    const res = await clerk.post('/api/v1/issues', intake(t.unit('城关镇'), { title: '另一份内容' }), { 'idempotency-key': 'k-mismatch' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('idempotency_mismatch');
    expect(res.json().error.message).toContain('Idempotency-Key');
    expect(await issuesTitled('另一份内容')).toBe(0);
    const en = await (await t.as('clerk', 'en')).post('/api/v1/issues', intake(t.unit('城关镇'), { title: '另一份内容' }), { 'idempotency-key': 'k-mismatch' });
    expect(en.json().error.message).toMatch(/already used for a different request/);
  });

  it('makes one issue from 20 concurrent duplicates', async () => {
    const clerk = await t.as('clerk');
    const body = intake(t.unit('城关镇'), { title: '二十个并发的重复请求' });
    const results = await Promise.all(Array.from({ length: 20 }, () => clerk.post('/api/v1/issues', body, { 'idempotency-key': 'burst-20' })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotency-replayed'] === 'true')).toHaveLength(19);
    expect(await issuesTitled('二十个并发的重复请求')).toBe(1);
  });

  it('keeps keys per user, and for 24 hours', async () => {
    const clerk = await t.as('clerk');
    const leader = await t.as('leader');
    const body = intake(t.unit('城关镇'), { title: '两个人用了同一个 Key' });
    const a = await clerk.post('/api/v1/issues', body, { 'idempotency-key': 'shared-key' });
    const b = await leader.post('/api/v1/issues', body, { 'idempotency-key': 'shared-key' });
    expect(b.headers['idempotency-replayed']).toBeUndefined();
    expect(b.json().id).not.toBe(a.json().id);
    // 25 hours later the key is forgotten: the same request registers again.
    await t.db.updateTable('idempotencyKeys').set({ createdAt: new Date(Date.now() - 25 * 3600_000).toISOString() }).where('key', '=', 'shared-key').execute();
    const later = await clerk.post('/api/v1/issues', body, { 'idempotency-key': 'shared-key' });
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotency-replayed']).toBeUndefined();
    expect(later.json().id).not.toBe(a.json().id);
    expect(await t.db.selectFrom('idempotencyKeys').selectAll().where('key', '=', 'shared-key').execute()).toHaveLength(1);
  });

  it('keeps no key for a create that failed, so the retry can succeed', async () => {
    const cadre = await t.as('cadre');
    const outside = intake(t.unit('示例县住房和城乡建设局'), { title: '辖区外的登记' });
    const res = await cadre.post('/api/v1/issues', outside, { 'idempotency-key': 'failed-once' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(await t.db.selectFrom('idempotencyKeys').selectAll().where('key', '=', 'failed-once').execute()).toHaveLength(0);
  });
});
