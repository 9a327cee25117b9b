/** /auth: login, logout, who am I, change password. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LIMITS } from '../../../shared/limits.ts';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import { errorResponses } from '../../../shared/api/common.ts';
import { LoginOut, MeOut, SessionOut } from '../../../shared/api/auth.ts';
import { changePassword, login, loginHurdles, logout, makeChallenge, resolveSession } from './auth.service.ts';
import { AppError } from '../../plugins/errors.ts';
import type { Config } from '../../config.ts';
import type { ModuleManifest } from '../types.ts';

/** The device cookie: this browser logged in to this account before (signed; sent only to the login). */
export const DEVICE_COOKIE = 'yx_device';
const DEVICE_COOKIE_DAYS = 180;

const routes: FastifyPluginAsync<{ config: Config }> = async (app0, opts) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/auth/login', {
    schema: {
      tags: ['auth'], summary: '登录', security: [],
      description: '多次失败后：同一账号在同一地址需等待（429 login_slowed，Retry-After）；失败很多时需附带工作量证明（429 login_proof_needed：先取 GET /auth/login-challenge，求得 nonce 使 SHA-256(`challenge:nonce`) 前 bits 位为 0）。正确的密码不会被锁死。',
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: LIMITS.usernameMax }),
        password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
        proof: Type.Optional(Type.Object({
          challenge: Type.String({ minLength: 1, maxLength: 500 }),
          nonce: Type.String({ minLength: 1, maxLength: 12, pattern: '^[0-9]+$' }),
        }, { additionalProperties: false })),
      }, { additionalProperties: false }),
      response: { 200: LoginOut, ...errorResponses },
    },
  }, async (req, reply) => {
    // A browser this account logged in from before carries its signed device cookie: it is not slowed by failures
    // others make (an attacker behind the same address cannot keep the owner out).
    const device = req.cookies[DEVICE_COOKIE];
    const unsigned = device ? req.unsignCookie(device) : undefined;
    const trustedDevice = !!unsigned?.valid && unsigned.value === `d1:${req.body.username}`;
    const { token, expiresAt } = await login(app.db, {
      username: req.body.username, password: req.body.password, ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
      proof: req.body.proof, secret: opts.config.sessionSecret, trustedDevice,
    }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'login_slowed') void reply.header('retry-after', String(err.params.seconds));
      throw err;
    });
    app.setSessionCookie(reply, token);
    void reply.setCookie(DEVICE_COOKIE, `d1:${req.body.username}`, {
      path: '/api/v1/auth/login', httpOnly: true, sameSite: 'strict', secure: opts.config.secureCookies, signed: true,
      maxAge: DEVICE_COOKIE_DAYS * 86_400,
    });
    const actor = (await resolveSession(app.db, token, req.ip))!;
    return {
      user: { id: actor.userId, username: actor.username, displayName: actor.displayName, mustChangePassword: actor.mustChangePassword,
        roles: actor.bindings.map((b) => ({ role: b.role, orgUnitId: b.orgUnitId })) },
      expiresAt,
    };
  });

  app.get('/auth/login-challenge', {
    schema: {
      tags: ['auth'], summary: '登录安全校验题（失败较多时登录需附带其解）', security: [],
      querystring: Type.Object({ username: Type.String({ minLength: 1, maxLength: LIMITS.usernameMax }) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          bits: Type.Integer({ description: '需要的前导零位数；0 表示此时无需校验' }),
          challenge: Type.String(),
          waitSeconds: Type.Integer({ description: '下次尝试前需等待的秒数' }),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const { waitSeconds, bits } = await loginHurdles(app.db, req.query.username, req.ip);
    return { bits, waitSeconds, challenge: makeChallenge(opts.config.sessionSecret, req.query.username, req.ip, bits) };
  });

  app.post('/auth/logout', {
    schema: { tags: ['auth'], summary: '退出登录', response: { 204: Type.Null(), ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    await logout(app.db, req.sessionToken!);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/auth/me', {
    schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeOut, ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => {
    const a = req.actor as typeof req.actor & { mustChangePassword?: boolean };
    return {
      id: a.userId, username: a.username, displayName: a.displayName, mustChangePassword: !!a.mustChangePassword,
      roles: a.bindings.map((b) => ({ role: b.role, orgUnitId: b.orgUnitId })),
    };
  });

  app.get('/auth/session', {
    schema: { tags: ['auth'], summary: '当前会话（未登录时 user 为 null，不返回 401）', security: [], response: { 200: SessionOut, ...errorResponses } },
  }, async (req) => {
    try {
      await app.authenticate(req, null as never);
    } catch {
      return { user: null };
    }
    const a = req.actor as typeof req.actor & { mustChangePassword?: boolean };
    return { user: { id: a.userId, username: a.username, displayName: a.displayName, mustChangePassword: !!a.mustChangePassword, roles: a.bindings.map((b) => ({ role: b.role, orgUnitId: b.orgUnitId })) } };
  });

  app.post('/auth/password', {
    schema: {
      tags: ['auth'], summary: '修改密码',
      body: Type.Object({
        oldPassword: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
        newPassword: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
      }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errorResponses },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    await changePassword(app.db, req.actor, req.sessionId!, req.body.oldPassword, req.body.newPassword);
    return reply.status(204).send(null);
  });
};

/** Authentication. */
export const authModule: ModuleManifest = { name: 'auth', routes };
