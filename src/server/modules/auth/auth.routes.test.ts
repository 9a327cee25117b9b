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

  /** Move every recorded attempt of a user back in time, as if `seconds` had passed. */
  async function age(username: string, seconds: number) {
    const rows = await t.db.selectFrom('loginAttempts').select(['id', 'at']).where('username', '=', username).execute();
    for (const r of rows) {
      await t.db.updateTable('loginAttempts').set({ at: new Date(Date.parse(r.at) - seconds * 1000).toISOString() }).where('id', '=', r.id).execute();
    }
  }
  const loginWithProof = (username: string, password: string, ip: string, proof: { challenge: string; nonce: string }) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, proof }, headers: { 'x-forwarded-for': ip } });
  const challengeFor = async (username: string, ip: string) => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/auth/login-challenge?username=${encodeURIComponent(username)}`, headers: { 'x-forwarded-for': ip } });
    expect(r.statusCode, r.body).toBe(200);
    return json<{ bits: number; challenge: string; waitSeconds: number }>(r);
  };

  it('slows an account from one address after 5 failures, without locking its owner out', async () => {
    await newUser('lock-a');
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const r = await login('lock-a', `wrong-${i}`, ip);
      expect(r.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    // From that address the next attempt waits a second — even with the right password, which is not checked now.
    const sixth = await login('lock-a', 'Start-pass-2026', ip);
    expect(sixth.statusCode).toBe(429);
    const err = json<ErrorJson>(sixth).error;
    expect(err.code).toBe('login_slowed');
    expect(err.message).toMatch(/请 1 秒后再试/);
    expect(sixth.headers['retry-after']).toBe('1');
    expect(sixth.cookies.find((k) => k.name === 'yx_session')).toBeUndefined();
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lock-a', password: 'Start-pass-2026' }, headers: { 'accept-language': 'en', 'x-forwarded-for': ip } });
    expect(json<ErrorJson>(en).error.message).toMatch(/try again in 1 seconds/);
    // The owner elsewhere logs in at once (the old lockout refused the right password from everywhere for 15 minutes).
    expect((await login('lock-a', 'Start-pass-2026', freshIp())).statusCode).toBe(200);
    // Another account is not affected.
    expect((await login('inspector', DEMO, freshIp())).statusCode).toBe(200);
  });

  it('doubles the wait with each further failure from that address, up to a minute, and lets the owner in after it', async () => {
    await newUser('lock-wait');
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await login('lock-wait', `wrong-${i}`, ip)).statusCode).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const slowed = await login('lock-wait', 'wrong-again', ip);
      expect(slowed.statusCode).toBe(429);
      expect(json<ErrorJson>(slowed).error.code).toBe('login_slowed');
      waits.push(Number(slowed.headers['retry-after']));
      await age('lock-wait', waits.at(-1)!);
      expect((await login('lock-wait', `wrong-after-wait-${i}`, ip)).statusCode).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    // Ten failures of the account: from now on a proof of work is asked for too, and the wait goes on doubling to a minute.
    const { loginHurdles } = await import('./auth.service.ts');
    expect((await loginHurdles(t.db, 'lock-wait', ip)).waitSeconds).toBe(32);
    await age('lock-wait', 32);
    const { bits, challenge, waitSeconds } = await challengeFor('lock-wait', ip);
    expect(waitSeconds).toBe(0);
    expect(bits).toBe(16);
    const { solveWork } = await import('../../../shared/proof-of-work.ts');
    expect((await loginWithProof('lock-wait', 'wrong-with-proof', ip, { challenge, nonce: await solveWork(challenge, bits) })).statusCode).toBe(401);
    expect((await loginHurdles(t.db, 'lock-wait', ip)).waitSeconds).toBe(60);
    await age('lock-wait', 60);
    const next = await challengeFor('lock-wait', ip);
    expect(next.bits).toBe(16);
    // The owner there still gets in, with the right password and a proof.
    expect((await loginWithProof('lock-wait', 'Start-pass-2026', ip, { challenge: next.challenge, nonce: await solveWork(next.challenge, next.bits) })).statusCode).toBe(200);
    // After the success this address waits no more; the account's count stands until it ages out or is unlocked.
    expect(await loginHurdles(t.db, 'lock-wait', ip)).toEqual({ waitSeconds: 0, bits: 16 });
  });

  it('asks for a proof of work, never a lockout, from an address with 20 failures across accounts (an office behind one NAT)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      const r = await login(`spray-${i}`, 'guess-123456', ip);
      expect(r.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const plain = await login('inspector', DEMO, ip);
    expect(plain.statusCode).toBe(429);
    expect(json<ErrorJson>(plain).error.code).toBe('login_proof_needed');
    const { bits, challenge } = await challengeFor('inspector', ip);
    expect(bits).toBe(16);
    const { solveWork } = await import('../../../shared/proof-of-work.ts');
    const nonce = await solveWork(challenge, bits);
    expect((await loginWithProof('inspector', DEMO, ip, { challenge, nonce })).statusCode).toBe(200);
    // A proof counts once.
    expect(json<ErrorJson>(await loginWithProof('inspector', DEMO, ip, { challenge, nonce })).error.code).toBe('login_proof_needed');
    // A wrong nonce, a challenge made for another address or account, or a forged one are refused.
    const other = await challengeFor('inspector', ip);
    expect(json<ErrorJson>(await loginWithProof('inspector', DEMO, ip, { challenge: other.challenge, nonce: '1' })).error.code).toBe('login_proof_needed');
    const elsewhere = await challengeFor('inspector', freshIp());
    expect(elsewhere.bits).toBe(0);
    const forged = `${Buffer.from(JSON.stringify({ u: 'inspector', ip, b: 1, exp: Date.now() + 60_000, r: 'x' })).toString('base64url')}.AAAA`;
    expect(json<ErrorJson>(await loginWithProof('inspector', DEMO, ip, { challenge: forged, nonce: await solveWork(forged, 1) })).error.code).toBe('login_proof_needed');
    // The same account from another address needs nothing.
    expect((await login('inspector', DEMO, freshIp())).statusCode).toBe(200);
  });

  it('asks for a proof of work for an account guessed at from many addresses, and a success from one address does not wipe it', async () => {
    await newUser('spread');
    for (let i = 0; i < 10; i++) expect((await login('spread', `wrong-${i}`, freshIp())).statusCode).toBe(401);
    const ip = freshIp();
    expect(json<ErrorJson>(await login('spread', 'Start-pass-2026', ip)).error.code).toBe('login_proof_needed');
    const { bits, challenge } = await challengeFor('spread', ip);
    const { solveWork } = await import('../../../shared/proof-of-work.ts');
    expect((await loginWithProof('spread', 'Start-pass-2026', ip, { challenge, nonce: await solveWork(challenge, bits) })).statusCode).toBe(200);
    // The owner's success does not wipe the account's count (the challenge would tell anyone that the owner logged in):
    // unknown and real accounts look the same, before and after.
    expect((await challengeFor('spread', freshIp())).bits).toBe(16);
    for (let i = 0; i < 10; i++) await login('ghost-user-x', `wrong-${i}`, freshIp());
    expect((await challengeFor('ghost-user-x', freshIp())).bits).toBe(16);
  });

  it('counts a burst of concurrent guesses as if they came one after another, and spends a proof once', async () => {
    await newUser('burst');
    const ip = freshIp();
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => login('burst', `wrong-${i}`, ip)));
    const codes = burst.map((r) => r.statusCode);
    // Five are checked; the rest wait (the old code checked all thirty).
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(25);
    // Thirty guesses sharing one solved proof, from an address that needs one: one is checked.
    const spray = freshIp();
    for (let i = 0; i < 20; i++) await login(`sprayed-${i}`, 'guess', spray);
    const { bits, challenge } = await challengeFor('inspector', spray);
    const { solveWork } = await import('../../../shared/proof-of-work.ts');
    const nonce = await solveWork(challenge, bits);
    const shared = await Promise.all(Array.from({ length: 30 }, () => loginWithProof('inspector', 'wrong-guess', spray, { challenge, nonce })));
    expect(shared.filter((r) => r.statusCode === 401)).toHaveLength(1);
    expect(shared.filter((r) => json<ErrorJson>(r).error?.code === 'login_proof_needed')).toHaveLength(29);
    // A challenge with a part added is not a fresh one.
    expect(json<ErrorJson>(await loginWithProof('inspector', DEMO, spray, { challenge: `${challenge}.x`, nonce: await solveWork(`${challenge}.x`, bits) })).error.code).toBe('login_proof_needed');
  });

  it('does not slow a browser the owner logged in from before, whatever an attacker behind the same address does', async () => {
    await newUser('owner-dev');
    const ip = freshIp();
    const first = await login('owner-dev', 'Start-pass-2026', ip);
    expect(first.statusCode).toBe(200);
    const device = first.cookies.find((c) => c.name === 'yx_device')!;
    expect(device.httpOnly).toBe(true);
    expect(device.sameSite).toBe('Strict');
    expect(device.path).toBe('/api/v1/auth/login');
    // The attacker, same address, keeps the account slowed and proof-bound.
    for (let i = 0; i < 12; i++) {
      await login('owner-dev', `wrong-${i}`, ip);
      await age('owner-dev', 60);
    }
    const withoutDevice = await login('owner-dev', 'Start-pass-2026', ip);
    expect(withoutDevice.statusCode).toBe(429);
    const withDevice = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'owner-dev', password: 'Start-pass-2026' }, headers: { 'x-forwarded-for': ip, cookie: `yx_device=${device.value}` } });
    expect(withDevice.statusCode, withDevice.body).toBe(200);
    // The cookie is this account's: for another account, or forged, it counts for nothing.
    await newUser('other-dev');
    for (let i = 0; i < 5; i++) await login('other-dev', `wrong-${i}`, ip);
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'other-dev', password: 'Start-pass-2026' }, headers: { 'x-forwarded-for': ip, cookie: `yx_device=${device.value}` } });
    expect(other.statusCode).toBe(429);
    const forged = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'other-dev', password: 'Start-pass-2026' }, headers: { 'x-forwarded-for': ip, cookie: 'yx_device=d1:other-dev.AAAA' } });
    expect(forged.statusCode).toBe(429);
  });

  it('counts an IPv6 client by its /64, and believes only the proxy\'s own entry of X-Forwarded-For', async () => {
    const { networkOf } = await import('./auth.service.ts');
    expect(networkOf('10.1.2.3')).toBe('10.1.2.3');
    expect(networkOf('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(networkOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
    await newUser('v6-user');
    for (let i = 0; i < 5; i++) expect((await login('v6-user', `wrong-${i}`, `2001:db8:aa:bb::${i + 1}`)).statusCode).toBe(401);
    // Another address of the same /64 is the same client.
    expect((await login('v6-user', 'Start-pass-2026', '2001:db8:aa:bb::99')).statusCode).toBe(429);
    expect((await login('v6-user', 'Start-pass-2026', '2001:db8:aa:cc::1')).statusCode).toBe(200);
    // A client that writes its own X-Forwarded-For before the proxy's entry is still the address the proxy saw.
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'xff-check', password: 'x' }, headers: { 'x-forwarded-for': '6.6.6.6, 10.0.0.99' } });
    const row = await t.db.selectFrom('loginAttempts').select(['ip', 'net']).where('username', '=', 'xff-check').executeTakeFirstOrThrow();
    expect(row).toEqual({ ip: '10.0.0.99', net: '10.0.0.99' });
  });

  it('does not let a success from an address reset that address\'s failure count', async () => {
    await newUser('spray-ok');
    const ip = freshIp();
    for (let i = 0; i < 19; i++) expect((await login(`victim-${i}`, 'guess-123456', ip)).statusCode).toBe(401);
    // A valid login from the same address must not wipe the 19 failures…
    expect((await login('spray-ok', 'Start-pass-2026', ip)).statusCode).toBe(200);
    expect((await login('victim-x', 'guess-123456', ip)).statusCode).toBe(401);
    // …so the address now needs a proof of work for everyone.
    expect(json<ErrorJson>(await login('spray-ok', 'Start-pass-2026', ip)).error.code).toBe('login_proof_needed');
  });

  it('resets the count of an account at an address after a success there', async () => {
    await newUser('lock-b');
    const ip = freshIp();
    for (let i = 0; i < 4; i++) expect((await login('lock-b', `wrong-${i}`, ip)).statusCode).toBe(401);
    expect((await login('lock-b', 'Start-pass-2026', ip)).statusCode).toBe(200);
    // Four more failures: eight in the window, but only four since the success.
    for (let i = 0; i < 4; i++) expect((await login('lock-b', `wrong-again-${i}`, ip)).statusCode).toBe(401);
    expect((await login('lock-b', 'Start-pass-2026', ip)).statusCode).toBe(200);
  });

  it('lets an administrator end the slowing of an account (audited); others may not', async () => {
    const id = await newUser('lock-c');
    const ip = freshIp();
    for (let i = 0; i < 12; i++) {
      expect((await login('lock-c', `wrong-${i}`, ip)).statusCode).toBe(i < 10 ? 401 : 429);
      await age('lock-c', 60);
    }
    expect(json<ErrorJson>(await login('lock-c', 'Start-pass-2026', ip)).error.code).toMatch(/login_slowed|login_proof_needed/);
    expect((await t.anonymous.post(`/api/v1/users/${id}/login-unlock`)).statusCode).toBe(401);
    expect((await (await t.as('clerk')).post(`/api/v1/users/${id}/login-unlock`)).statusCode).toBe(403);
    expect((await (await t.as('admin')).post('/api/v1/users/999999/login-unlock')).statusCode).toBe(404);
    const r = await (await t.as('admin')).post(`/api/v1/users/${id}/login-unlock`);
    expect(r.statusCode, r.body).toBe(204);
    expect((await login('lock-c', 'Start-pass-2026', ip)).statusCode).toBe(200);
    const audit = await t.db.selectFrom('auditLog').select(['action', 'entityId']).where('action', '=', 'user.unlock_login').execute();
    expect(audit).toEqual([{ action: 'user.unlock_login', entityId: String(id) }]);
  });

  it('lets a town administrator clear only the limits of users all of whose roles lie in the town', async () => {
    const admin = await t.as('admin');
    const town = t.unit('城关镇');
    const county = t.unit('示例县');
    const mk = async (username: string, roles: { role: string; orgUnitId: number }[]) => {
      const r = await admin.post('/api/v1/users', { username, displayName: username, password: 'Start-pass-2026', roles });
      expect(r.statusCode, r.body).toBe(201);
      return json<{ id: number }>(r).id;
    };
    // A town admin who is also a clerk at county level, and a county admin who is also a cadre in the town.
    await mk('town-admin', [{ role: 'admin', orgUnitId: town }, { role: 'clerk', orgUnitId: county }]);
    const countyAdmin = await mk('county-admin-2', [{ role: 'admin', orgUnitId: county }, { role: 'cadre', orgUnitId: town }]);
    const townCadre = await mk('town-cadre-2', [{ role: 'cadre', orgUnitId: town }]);
    const townAdmin = withCookie(sessionOf(await login('town-admin', 'Start-pass-2026', freshIp())));
    const demoAdminId = (await t.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    for (const target of [demoAdminId, countyAdmin]) {
      const r = await townAdmin.post(`/api/v1/users/${target}/login-unlock`);
      expect(r.statusCode, `user ${target}`).toBe(404);
    }
    expect((await townAdmin.post(`/api/v1/users/${townCadre}/login-unlock`)).statusCode).toBe(204);
    // Its users list is the town's: its clerk role at county level administers nothing.
    const users = json<{ items: { username: string }[] }>(await townAdmin.get('/api/v1/users')).items.map((u) => u.username);
    expect(users).toContain('town-cadre-2');
    expect(users).not.toContain('admin');
    expect(users).not.toContain('clerk');
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
