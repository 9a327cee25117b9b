/** /auth: login, logout, who am I, change password. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LIMITS } from '../../../shared/limits.ts';
import { ROLES } from '../../../shared/enums.ts';
import { SESSION_COOKIE } from '../../plugins/auth.ts';
import { StringEnum, errorResponses } from '../../schemas.ts';
import { changePassword, login, logout, resolveSession } from './auth.service.ts';
import type { ModuleManifest } from '../types.ts';

const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  mustChangePassword: Type.Boolean(),
  roles: Type.Array(Type.Object({ role: StringEnum(ROLES), orgUnitId: Type.Integer() })),
});

const routes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/auth/login', {
    schema: {
      tags: ['auth'], summary: '登录', security: [],
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: LIMITS.usernameMax }),
        password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ user: Me, expiresAt: Type.String() }), ...errorResponses },
    },
  }, async (req, reply) => {
    const { token, expiresAt } = await login(app.db, {
      username: req.body.username, password: req.body.password, ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
    });
    app.setSessionCookie(reply, token);
    const actor = (await resolveSession(app.db, token, req.ip))!;
    return {
      user: { id: actor.userId, username: actor.username, displayName: actor.displayName, mustChangePassword: actor.mustChangePassword,
        roles: actor.bindings.map((b) => ({ role: b.role, orgUnitId: b.orgUnitId })) },
      expiresAt,
    };
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
    schema: { tags: ['auth'], summary: '当前用户', response: { 200: Me, ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => {
    const a = req.actor as typeof req.actor & { mustChangePassword?: boolean };
    return {
      id: a.userId, username: a.username, displayName: a.displayName, mustChangePassword: !!a.mustChangePassword,
      roles: a.bindings.map((b) => ({ role: b.role, orgUnitId: b.orgUnitId })),
    };
  });

  app.get('/auth/session', {
    schema: { tags: ['auth'], summary: '当前会话（未登录时 user 为 null，不返回 401）', security: [], response: { 200: Type.Object({ user: Type.Union([Me, Type.Null()]) }), ...errorResponses } },
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
