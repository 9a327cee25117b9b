/** /org-units and /users: the org tree and its people. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ORG_LEVELS } from '../../../shared/enums.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { AppError } from '../../plugins/errors.ts';
import { Id, IdParams, Nullable, StringEnum, errorResponses } from '../../../shared/api/common.ts';
import { OrgUnitOut, RoleBinding, UserOut } from '../../../shared/api/org.ts';
import type { ModuleManifest } from '../types.ts';
import { isAdmin } from './org.policy.ts';
import * as repo from './org.repo.ts';
import { createUnit, createUser, resetPassword, unlockUserLogin, updateUnitCommand, updateUserCommand } from './org.service.ts';

const Password = Type.String({ minLength: 1, maxLength: LIMITS.passwordMax });

const toUnit = (u: { id: number; code: string; name: string; level: string; parentId: number | null; active: number }) =>
  ({ id: u.id, code: u.code, name: u.name, level: u.level as (typeof ORG_LEVELS)[number], parentId: u.parentId, active: u.active === 1 });

const routes: FastifyPluginAsync = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const requireAdmin = async (req: { actor: Parameters<typeof isAdmin>[0] }) => {
    if (!isAdmin(req.actor)) throw new AppError(403, 'forbidden');
  };

  app.get('/org-units', {
    schema: { tags: ['org'], summary: '可见的组织单位', response: { 200: Type.Object({ items: Type.Array(OrgUnitOut) }), ...errorResponses } },
    preHandler: app.authenticate,
  }, async (req) => ({ items: (await repo.listUnitsInScope(app.db, req.actor)).map(toUnit) }));

  app.post('/org-units', {
    schema: {
      tags: ['org'], summary: '新建组织单位（管理员）',
      body: Type.Object({
        parentId: Id,
        code: Type.String({ pattern: '^\\d{12}(\\d{3})?$', description: '12 位统计用区划代码风格；网格为 15 位' }),
        name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax }),
        level: StringEnum(ORG_LEVELS),
      }, { additionalProperties: false }),
      response: { 201: OrgUnitOut, ...errorResponses },
    },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req, reply) => reply.status(201).send(toUnit(await createUnit(app.db, req.actor, req.body))));

  app.patch('/org-units/:id', {
    schema: {
      tags: ['org'], summary: '修改组织单位名称或停用（管理员）', params: IdParams,
      body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.nameMax })), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: OrgUnitOut, ...errorResponses },
    },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req) => toUnit(await updateUnitCommand(app.db, req.actor, req.params.id, req.body)));

  app.get('/users', {
    schema: { tags: ['org'], summary: '用户列表（管理员）', response: { 200: Type.Object({ items: Type.Array(UserOut) }), ...errorResponses } },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req) => ({ items: await repo.listUsersInScope(app.db, req.actor) }));

  app.post('/users', {
    schema: {
      tags: ['org'], summary: '新建用户（管理员）',
      body: Type.Object({
        username: Type.String({ minLength: LIMITS.usernameMin, maxLength: LIMITS.usernameMax }),
        displayName: Type.String({ minLength: 1, maxLength: LIMITS.nameMax }),
        password: Password,
        phone: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.phoneMax }))),
        roles: Type.Array(RoleBinding, { minItems: 1, maxItems: 20 }),
      }, { additionalProperties: false }),
      response: { 201: UserOut, ...errorResponses },
    },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req, reply) => {
    const id = await createUser(app.db, req.actor, req.actor.tenantId, req.body);
    const user = (await repo.listUsersInScope(app.db, req.actor)).find((u) => u.id === id)!;
    return reply.status(201).send(user);
  });

  app.patch('/users/:id', {
    schema: {
      tags: ['org'], summary: '修改用户、停用或调整角色（管理员）', params: IdParams,
      body: Type.Object({
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.nameMax })),
        phone: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.phoneMax }))),
        active: Type.Optional(Type.Boolean()),
        roles: Type.Optional(Type.Array(RoleBinding, { minItems: 1, maxItems: 20 })),
      }, { additionalProperties: false }),
      response: { 200: UserOut, ...errorResponses },
    },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req) => {
    await updateUserCommand(app.db, req.actor, req.params.id, req.body);
    const user = (await repo.listUsersInScope(app.db, req.actor)).find((u) => u.id === req.params.id);
    if (!user) throw new AppError(404, 'not_found', { what: '用户', what_en: 'User' });
    return user;
  });

  app.post('/users/:id/password', {
    schema: {
      tags: ['org'], summary: '重置用户密码（管理员）', params: IdParams,
      body: Type.Object({ password: Password }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errorResponses },
    },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req, reply) => {
    const user = (await repo.listUsersInScope(app.db, req.actor)).find((u) => u.id === req.params.id);
    if (!user) throw new AppError(404, 'not_found', { what: '用户', what_en: 'User' });
    await resetPassword(app.db, req.actor, user.username, req.body.password);
    return reply.status(204).send(null);
  });

  app.post('/users/:id/login-unlock', {
    schema: {
      tags: ['org'], summary: '解除登录限制（管理员）：此前的登录失败不再使该账号等待或需要安全校验', params: IdParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
    preHandler: [app.authenticate, requireAdmin],
  }, async (req, reply) => {
    await unlockUserLogin(app.db, req.actor, req.params.id);
    return reply.status(204).send(null);
  });
};

/** The org tree and its people. */
export const orgModule: ModuleManifest = { name: 'org', routes };
