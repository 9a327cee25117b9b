import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { setupApp, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const DEMO = 'yixian-demo';
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
type MeJson = { id: number; username: string; displayName: string; mustChangePassword: boolean; roles: { role: string; orgUnitId: number }[] };

/**
 * Every failing login in this file comes from its own address (X-Forwarded-For; the app trusts the proxy), so
 * the per-address throttle never reaches 127.0.0.1, from which `t.as` logs in.
 */
let ipSeq = 0;
const freshIp = () => { ipSeq += 1; return `10.9.${Math.floor(ipSeq / 250)}.${(ipSeq % 250) + 1}`; };

function login(username: string, password: string, ip?: string): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST', url: '/api/v1/auth/login', payload: { username, password },
    headers: ip ? { 'x-forwarded-for': ip } : {},
  });
}

/** The `cookie` header value of a login response's session. */
function sessionOf(r: LightMyRequestResponse): string {
  const c = r.cookies.find((k) => k.name === 'yx_session');
  if (!c) throw new Error(`no session cookie: ${r.statusCode} ${r.body}`);
  return `yx_session=${c.value}`;
}

const withCookie = (cookie: string) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
  post: (url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) }),
});

/** A user of its own, created by the admin, so throttling and password changes touch no demo account. */
async function newUser(username: string, password = 'Start-pass-2026'): Promise<number> {
  const admin = await t.as('admin');
  const r = await admin.post('/api/v1/users', {
    username, displayName: `测试 ${username}`, password, roles: [{ role: 'clerk', orgUnitId: t.unit('示例县信访局') }],
  });
  expect(r.statusCode, r.body).toBe(201);
  return json<{ id: number }>(r).id;
}

describe('auth API: no session', () => {
  it('requires a session for me, logout and password change', async () => {
    for (const r of [
      await t.anonymous.get('/api/v1/auth/me'),
      await t.anonymous.post('/api/v1/auth/logout'),
      await t.anonymous.post('/api/v1/auth/password', { oldPassword: DEMO, newPassword: 'Another-pass-1' }),
    ]) {
      expect(r.statusCode).toBe(401);
      expect(json<ErrorJson>(r).error).toEqual({ code: 'unauthenticated', message: '请先登录' });
    }
  });

  it('refuses a cookie that is not signed by the server, or names no session', async () => {
    const ok = await login('clerk', DEMO);
    const value = ok.cookies.find((k) => k.name === 'yx_session')!.value;
    const token = value.slice(0, value.lastIndexOf('.'));
    // The bare token without the signature, a tampered signature, and a well-signed cookie of an unknown token.
    expect((await withCookie(`yx_session=${token}`).get('/api/v1/auth/me')).statusCode).toBe(401);
    const sig = value.slice(value.lastIndexOf('.') + 1);
    expect((await withCookie(`yx_session=${token}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`).get('/api/v1/auth/me')).statusCode).toBe(401);
    const signed = t.app.signCookie('no-such-token');
    expect((await withCookie(`yx_session=${signed}`).get('/api/v1/auth/me')).statusCode).toBe(401);
    // …while the cookie as issued works.
    expect((await withCookie(`yx_session=${value}`).get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('validates the login body', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerk', password: DEMO, remember: true } });
    expect(r.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(r).error.fields ?? {})).toEqual(['remember']);
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'clerk', password: '' } });
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(empty).error.fields ?? {})).toEqual(['password']);
  });
});

describe('login', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the user with roles', async () => {
    const r = await login('clerk', DEMO);
    expect(r.statusCode, r.body).toBe(200);
    const c = r.cookies.find((k) => k.name === 'yx_session');
    expect(c).toBeDefined();
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const header = ([] as string[]).concat(r.headers['set-cookie'] ?? []).find((h) => h.startsWith('yx_session='))!;
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Lax/i);
    const body = json<{ user: MeJson; expiresAt: string }>(r);
    expect(body.user).toMatchObject({ username: 'clerk', displayName: '信访局 周敏', mustChangePassword: false });
    expect(body.user.roles).toEqual([
      { role: 'clerk', orgUnitId: t.unit('示例县') },
      { role: 'clerk', orgUnitId: t.unit('示例县信访局') },
    ]);
    const hours = (Date.parse(body.expiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    // The cookie opens a session of that user.
    const me = await withCookie(sessionOf(r)).get('/api/v1/auth/me');
    expect(json<MeJson>(me).username).toBe('clerk');
  });

  it('records the client address from X-Forwarded-For (trustProxy) and otherwise from the socket', async () => {
    await login('nobody-ip-check', 'x', '10.77.0.1');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody-ip-check-2', password: 'x' }, remoteAddress: '10.77.0.2' });
    const rows = await t.db.selectFrom('loginAttempts').select(['username', 'ip', 'ok']).where('username', 'like', 'nobody-ip-check%').orderBy('id').execute();
    expect(rows).toEqual([
      { username: 'nobody-ip-check', ip: '10.77.0.1', ok: 0 },
      { username: 'nobody-ip-check-2', ip: '10.77.0.2', ok: 0 },
    ]);
  });

  it('answers a wrong password with 401 and a Chinese message, and sets no cookie', async () => {
    const r = await login('leader', 'wrong-password-1', freshIp());
    expect(r.statusCode).toBe(401);
    expect(json<ErrorJson>(r).error).toEqual({ code: 'login_failed', message: '用户名或密码错误' });
    expect(r.cookies.find((k) => k.name === 'yx_session')).toBeUndefined();
  });

  it('answers an unknown user exactly as a wrong password', async () => {
    const wrong = await login('leader', 'wrong-password-2', freshIp());
    const unknown = await login('no-such-user', DEMO, freshIp());
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.cookies.find((k) => k.name === 'yx_session')).toBeUndefined();
  });

  it('throttles an account after 5 failures, even with the right password, from any address', async () => {
    await newUser('lock-a');
    for (let i = 0; i < 5; i++) {
      const r = await login('lock-a', `wrong-${i}`, freshIp());
      expect(r.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const sixth = await login('lock-a', 'Start-pass-2026', freshIp());
    expect(sixth.statusCode).toBe(429);
    const err = json<ErrorJson>(sixth).error;
    expect(err.code).toBe('login_throttled');
    expect(err.message).toMatch(/\d+ 分钟/);
    expect(err.message).toMatch(/15 分钟/);
    expect(sixth.cookies.find((k) => k.name === 'yx_session')).toBeUndefined();
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lock-a', password: 'Start-pass-2026' }, headers: { 'accept-language': 'en', 'x-forwarded-for': freshIp() } });
    expect(json<ErrorJson>(en).error.message).toMatch(/minutes/);
    // Another account is not affected.
    expect((await login('inspector', DEMO, freshIp())).statusCode).toBe(200);
  });

  it('throttles an address after 20 failures across usernames, for every account', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      const r = await login(`spray-${i}`, 'guess-123456', ip);
      expect(r.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const blocked = await login('inspector', DEMO, ip);
    expect(blocked.statusCode).toBe(429);
    expect(json<ErrorJson>(blocked).error.message).toMatch(/分钟/);
    // The same account from another address is fine.
    expect((await login('inspector', DEMO, freshIp())).statusCode).toBe(200);
  });

  it('does not let a success from an address reset that address\'s failure count', async () => {
    await newUser('spray-ok');
    const ip = freshIp();
    for (let i = 0; i < 19; i++) expect((await login(`victim-${i}`, 'guess-123456', ip)).statusCode).toBe(401);
    // A valid login from the same address must not wipe the 19 failures…
    expect((await login('spray-ok', 'Start-pass-2026', ip)).statusCode).toBe(200);
    expect((await login('victim-x', 'guess-123456', ip)).statusCode).toBe(401);
    // …so the address is now throttled for everyone.
    expect((await login('spray-ok', 'Start-pass-2026', ip)).statusCode).toBe(429);
  });

  it('resets the per-account count after a success', async () => {
    await newUser('lock-b');
    for (let i = 0; i < 4; i++) expect((await login('lock-b', `wrong-${i}`, freshIp())).statusCode).toBe(401);
    expect((await login('lock-b', 'Start-pass-2026', freshIp())).statusCode).toBe(200);
    // Four more failures: eight in the window, but only four since the success.
    for (let i = 0; i < 4; i++) expect((await login('lock-b', `wrong-again-${i}`, freshIp())).statusCode).toBe(401);
    expect((await login('lock-b', 'Start-pass-2026', freshIp())).statusCode).toBe(200);
    // Five failures since that success throttle again.
    for (let i = 0; i < 5; i++) expect((await login('lock-b', `wrong-third-${i}`, freshIp())).statusCode).toBe(401);
    expect((await login('lock-b', 'Start-pass-2026', freshIp())).statusCode).toBe(429);
  });
});

describe('session', () => {
  it('tells who is logged in', async () => {
    const r = await (await t.as('handler')).get('/api/v1/auth/me');
    expect(r.statusCode).toBe(200);
    expect(json<MeJson>(r)).toEqual({
      id: expect.any(Number) as number, username: 'handler', displayName: '住房和城乡建设局 承办人', mustChangePassword: false,
      roles: [{ role: 'handler', orgUnitId: t.unit('示例县住房和城乡建设局') }],
    });
  });

  it('ends the session on logout', async () => {
    const cookie = sessionOf(await login('leader', DEMO));
    const c = withCookie(cookie);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    const out = await c.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((k) => k.name === 'yx_session');
    expect(cleared?.value).toBe('');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(401);
    // Another session of the same user lives on.
    expect((await (await t.as('leader')).get('/api/v1/auth/me')).statusCode).toBe(200);
  });
});

describe('password change', () => {
  let userId: number;
  let current: ReturnType<typeof withCookie>;
  let other: ReturnType<typeof withCookie>;
  beforeAll(async () => {
    userId = await newUser('pw-user', 'First-pass-2026');
    current = withCookie(sessionOf(await login('pw-user', 'First-pass-2026')));
    other = withCookie(sessionOf(await login('pw-user', 'First-pass-2026')));
  });

  it('refuses a wrong old password with 400', async () => {
    const r = await current.post('/api/v1/auth/password', { oldPassword: 'Not-my-pass-1', newPassword: 'Second-pass-2026' });
    expect(r.statusCode).toBe(400);
    const err = json<ErrorJson>(r).error;
    expect(err.code).toBe('wrong_password');
    expect(err.message).toBe('原密码不正确');
    expect(Object.keys(err.fields ?? {})).toEqual(['oldPassword']);
  });

  it.each([
    ['too short', 'abc123'],
    ['without digits', 'onlyletterspassword'],
    ['without letters', '12345678901234'],
  ])('refuses a weak new password (%s) naming newPassword', async (_name, weak) => {
    const r = await current.post('/api/v1/auth/password', { oldPassword: 'First-pass-2026', newPassword: weak });
    expect(r.statusCode).toBe(400);
    const err = json<ErrorJson>(r).error;
    expect(err.code).toBe('weak_password');
    expect(err.message).toMatch(/10 个字符/);
    expect(Object.keys(err.fields ?? {})).toEqual(['newPassword']);
    // Nothing changed: the old password still works.
    expect((await login('pw-user', 'First-pass-2026', freshIp())).statusCode).toBe(200);
  });

  it('changes the password, ends the other sessions and keeps the current one', async () => {
    const me = json<MeJson>(await current.get('/api/v1/auth/me'));
    expect(me.mustChangePassword).toBe(true);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(200);
    const r = await current.post('/api/v1/auth/password', { oldPassword: 'First-pass-2026', newPassword: 'Second-pass-2026' });
    expect(r.statusCode, r.body).toBe(204);
    const after = await current.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(200);
    expect(json<MeJson>(after).mustChangePassword).toBe(false);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login('pw-user', 'First-pass-2026', freshIp())).statusCode).toBe(401);
    expect((await login('pw-user', 'Second-pass-2026', freshIp())).statusCode).toBe(200);
    const audit = await t.db.selectFrom('auditLog').select('action').where('entityType', '=', 'user').where('entityId', '=', String(userId))
      .where('action', '=', 'password_change').execute();
    expect(audit).toHaveLength(1);
  });
});
