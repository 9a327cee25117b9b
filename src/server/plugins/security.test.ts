/** Web security every route inherits: body parsing limits, cross-site refusal, security headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../test/helpers.ts';
import { jsonDepthExceeds } from './body.ts';
import { crossSiteOrigin, sameOrigin } from './security.ts';
import { unstorablePath } from './errors.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t.close(); });

const count = async () => Number((await t.db.selectFrom('issues').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('deeply nested JSON', () => {
  const nested = (levels: number) => `{"x":${'['.repeat(levels)}${']'.repeat(levels)}}`;

  it('is a clear 400 before login, on any JSON route, in Chinese or English', async () => {
    for (const url of ['/api/v1/auth/login', '/api/v1/issues', '/api/v1/issues/1/transitions']) {
      const res = await t.anonymous.raw({ method: 'POST', url, payload: nested(5000), headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('json_too_deep');
      expect(res.json().error.message).toContain('嵌套过深');
    }
    const en = await t.anonymous.raw({ method: 'POST', url: '/api/v1/issues', payload: nested(100_000), headers: { 'content-type': 'application/json', 'accept-language': 'en' } });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toMatch(/nested too deeply/);
  });

  it('counts brackets inside strings as text, and allows ordinary nesting', async () => {
    expect(jsonDepthExceeds('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', 32)).toBe(false);
    expect(jsonDepthExceeds('{"a":"\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', 32)).toBe(false);
    expect(jsonDepthExceeds(`${'['.repeat(32)}${']'.repeat(32)}`, 32)).toBe(false);
    expect(jsonDepthExceeds(`${'['.repeat(33)}${']'.repeat(33)}`, 32)).toBe(true);
    const clerk = await t.as('clerk');
    const res = await clerk.post('/api/v1/issues', intake(t.unit('城关镇'), { title: '标题里有括号[[[{{{' }));
    expect(res.statusCode).toBe(201);
  });

  it('the check for unstorable text walks a deep value without recursion', () => {
    let v: unknown = 'a\u0000b';
    for (let i = 0; i < 200_000; i++) v = [v];
    expect(unstorablePath({ x: v })).toMatch(/^x(\.0)+$/);
    expect(unstorablePath({ a: 'ok', b: { c: ['x', '\ud800'] } })).toBe('b.c.1');
  });
});

describe('field names', () => {
  it('a field named like an object\'s own property still gets its message', async () => {
    const res = await t.anonymous.post('/api/v1/auth/login', { username: 'x', password: 'y', constructor: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ constructor: '不允许的字段「constructor」' });
  });
});

describe('invalid UTF-8', () => {
  it('is refused with a clear 400, not stored as U+FFFD', async () => {
    const clerk = await t.as('clerk');
    const before = await count();
    const body = Buffer.concat([Buffer.from(JSON.stringify(intake(t.unit('城关镇'))).slice(0, -1)), Buffer.from(',"x":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
    const res = await clerk.raw({ method: 'POST', url: '/api/v1/issues', payload: body, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_utf8');
    expect(res.json().error.message).toBe('请求内容不是有效的 UTF-8 文本');
    // An overlong encoding and a lone continuation byte are not UTF-8 either.
    for (const bad of [[0xc0, 0xaf], [0x80], [0xed, 0xa0, 0x80]]) {
      const r = await clerk.raw({ method: 'POST', url: '/api/v1/issues', payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, ...bad, 0x22, 0x7d]), headers: { 'content-type': 'application/json' } });
      expect(r.json().error.code).toBe('invalid_utf8');
    }
    const text = await clerk.raw({ method: 'POST', url: '/api/v1/auth/logout', payload: Buffer.from([0xff]), headers: { 'content-type': 'text/plain' } });
    expect(text.json().error.code).toBe('invalid_utf8');
    expect(await count()).toBe(before);
    // Valid UTF-8 Chinese still goes through.
    expect((await clerk.post('/api/v1/issues', intake(t.unit('城关镇')))).statusCode).toBe(201);
  });
});

describe('cross-site requests', () => {
  it('compares an Origin with the Host it was sent to', () => {
    expect(sameOrigin('http://localhost:3000', 'localhost:3000')).toBe(true);
    expect(sameOrigin('http://localhost', 'localhost')).toBe(true);
    expect(sameOrigin('https://yixian.example.gov.cn', 'yixian.example.gov.cn')).toBe(true);
    expect(sameOrigin('http://localhost:3001', 'localhost:3000')).toBe(false);
    expect(sameOrigin('http://evil.localhost:3000', 'localhost:3000')).toBe(false);
    expect(sameOrigin('https://evil.example', 'localhost:3000')).toBe(false);
    expect(sameOrigin('http://localhost:8080', 'localhost')).toBe(false);
    expect(sameOrigin('null', 'localhost')).toBe(false);
    expect(sameOrigin('http://localhost', undefined)).toBe(false);
    const req = (method: string, headers: Record<string, string>) => ({ method, headers, host: 'yx.example:3000' });
    expect(crossSiteOrigin(req('GET', { origin: 'https://evil.example' }), new Set())).toBeUndefined();
    expect(crossSiteOrigin(req('DELETE', { 'sec-fetch-site': 'same-site' }), new Set())).toBe('same-site');
    expect(crossSiteOrigin(req('POST', { origin: 'https://app.example' }), new Set(['https://app.example']))).toBeUndefined();
    expect(crossSiteOrigin(req('POST', {}), new Set())).toBeUndefined();
  });

  it('refuses a JSON create, a multipart upload and a text/plain logout from another origin, with a session', async () => {
    const clerk = await t.as('clerk');
    const evil = { origin: 'https://evil.example' };
    const before = await count();
    const create = await clerk.post('/api/v1/issues', intake(t.unit('城关镇')), evil);
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('cross_origin');
    expect(create.json().error.message).toContain('https://evil.example');
    expect(await count()).toBe(before);

    const ok = await clerk.post('/api/v1/issues', intake(t.unit('城关镇')));
    const id = ok.json().id as number;
    const boundary = 'xBOUNDARYx';
    const multipart = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`);
    const upload = await clerk.raw({ method: 'POST', url: `/api/v1/issues/${id}/attachments`, payload: multipart, headers: { ...evil, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(upload.statusCode).toBe(403);
    expect((await clerk.get(`/api/v1/issues/${id}/attachments`)).json().items).toHaveLength(0);

    // Another port of the same host, and a sibling subdomain (SameSite=Lax lets their cookies through).
    for (const headers of <Record<string, string>[]>[{ origin: 'http://localhost:8080' }, { origin: 'http://a.localhost:80' }, { 'sec-fetch-site': 'same-site' }, { 'sec-fetch-site': 'cross-site' }]) {
      const r = await clerk.raw({ method: 'POST', url: '/api/v1/auth/logout', payload: 'x', headers: { ...headers, 'content-type': 'text/plain' } });
      expect(r.statusCode, JSON.stringify(headers)).toBe(403);
    }
    const logout = await clerk.raw({ method: 'POST', url: '/api/v1/auth/logout', payload: 'x', headers: { ...evil, 'content-type': 'text/plain' } });
    expect(logout.statusCode).toBe(403);
    // Still logged in.
    expect((await clerk.get('/api/v1/auth/me')).statusCode).toBe(200);
    // The login form cannot be posted from elsewhere either (login CSRF).
    const login = await t.anonymous.post('/api/v1/auth/login', { username: 'clerk', password: 'yixian-demo' }, evil);
    expect(login.statusCode).toBe(403);
  });

  it('lets the origins in ALLOWED_ORIGINS through, however they were written', async () => {
    const { buildApp } = await import('../app.ts');
    const app = await buildApp({ config: { ...t.config, allowedOrigins: ['HTTPS://Yixian.Example.gov.cn:443/'] }, db: t.db, logger: false });
    const post = (origin: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' }, headers: { origin } });
    expect((await post('https://yixian.example.gov.cn')).statusCode).toBe(401);
    expect((await post('https://other.example.gov.cn')).statusCode).toBe(403);
    await app.close();
  });

  it('lets the same origin and clients that are not browsers through', async () => {
    const clerk = await t.as('clerk');
    // light-my-request sends Host: localhost:80.
    const same = await clerk.post('/api/v1/issues', intake(t.unit('城关镇')), { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' });
    expect(same.statusCode).toBe(201);
    const noHeaders = await clerk.post('/api/v1/issues', intake(t.unit('城关镇')));
    expect(noHeaders.statusCode).toBe(201);
    // Reads are not state-changing: an Origin on a GET is fine.
    expect((await clerk.raw({ method: 'GET', url: '/api/v1/auth/me', headers: { origin: 'https://evil.example' } })).statusCode).toBe(200);
  });
});

describe('security headers', () => {
  it('are on the API, the web app and errors', async () => {
    for (const url of ['/api/health', '/api/v1/auth/me', '/api/v1/nope']) {
      const res = await t.anonymous.get(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      // Not behind HTTPS in tests: no HSTS (it would pin plain-http local installs).
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    const refused = await t.anonymous.post('/api/v1/auth/login', { username: 'x', password: 'y' }, { origin: 'https://evil.example' });
    expect(refused.headers['x-frame-options']).toBe('DENY');
  });

  it('keep API answers, and above all an unmasked petitioner, out of every cache', async () => {
    const clerk = await t.as('clerk');
    const id = (await clerk.post('/api/v1/issues', intake(t.unit('城关镇')))).json().id as number;
    const reveal = await clerk.post(`/api/v1/issues/${id}/petitioner/reveal`);
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json().masked).toBe(false);
    expect(reveal.headers['cache-control']).toBe('no-store');
    expect((await clerk.get(`/api/v1/issues/${id}`)).headers['cache-control']).toBe('no-store');
    expect((await clerk.get('/api/v1/issues?limit=1')).headers['cache-control']).toBe('no-store');
  });

  it('send HSTS behind HTTPS', async () => {
    const { buildApp } = await import('../app.ts');
    const app = await buildApp({ config: { ...t.config, secureCookies: true }, db: t.db, logger: false });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    await app.close();
  });
});
