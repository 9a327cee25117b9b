/** Commands of the org module: create units and users, reset passwords. Each writes its audit entry. */
import type { Database } from '../../db/connect.ts';
import { transactorOf } from '../../db/transaction.ts';
import { AppError } from '../../plugins/errors.ts';
import type { OrgLevel, Role } from '../../../shared/enums.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { writeAudit } from '../audit/index.ts';
import { hashPassword, strongEnough, deleteUserSessions, findUserByUsername, setPasswordHash, unlockLogin } from '../auth/index.ts';
import type { Actor } from '../../actor.ts';
import { canAdminister } from './org.policy.ts';
import * as repo from './org.repo.ts';

const LEVEL_ORDER: readonly OrgLevel[] = ['province', 'city', 'county', 'township', 'village', 'grid'];

/** Whether a unit of `child` level may sit under a `parent`: one step down the tree, or a department anywhere above grid. */
export function fitsUnder(parent: OrgLevel, child: OrgLevel): boolean {
  if (parent === 'department') return child === 'department';
  if (child === 'department') return parent !== 'grid';
  return LEVEL_ORDER.indexOf(child) === LEVEL_ORDER.indexOf(parent) + 1;
}

/** Create an org unit under a parent the actor administers. */
export async function createUnit(db: Database, actor: Actor, input: { parentId: number; code: string; name: string; level: OrgLevel }) {
  const parent = await repo.getUnit(db, actor.tenantId, input.parentId);
  if (!parent || !canAdminister(actor, parent.path)) {
    throw new AppError(400, 'unknown_reference', { field: '上级单位', field_en: 'parentId', id: input.parentId }, { parentId: '上级单位不存在或不在管辖范围内' });
  }
  if (!fitsUnder(parent.level as OrgLevel, input.level)) {
    throw new AppError(400, 'validation', { detail: `「${parent.name}」下不能建立该层级的单位`, detail_en: 'this level cannot sit under that parent' }, { level: '层级与上级单位不匹配' });
  }
  if ((input.level === 'grid') !== (input.code.length === 15)) {
    throw new AppError(400, 'validation', { detail: '网格代码为 15 位，其他单位为 12 位', detail_en: 'grid codes have 15 digits, others 12' }, { code: '网格代码为 15 位，其他单位为 12 位' });
  }
  if (await repo.getUnitByCode(db, actor.tenantId, input.code)) {
    throw new AppError(409, 'code_taken', { code: input.code }, { code: '代码已被使用' });
  }
  const now = new Date().toISOString();
  return transactorOf(db)(async (trx) => {
    const unit = await repo.insertUnit(trx, { tenantId: actor.tenantId, ...input }, now);
    await writeAudit(trx, { tenantId: actor.tenantId, actorId: actor.userId, action: 'org_unit.create', entityType: 'org_unit', entityId: unit.id, ip: actor.ip, at: now, data: input });
    return unit;
  });
}

/** Fields of a new user from the admin screen or the CLI. */
export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  phone?: string | null;
  roles: { role: Role; orgUnitId: number }[];
}

/** Create a user; the actor must administer every unit the roles are bound to (null actor: the CLI). */
export async function createUser(db: Database, actor: Actor | null, tenantId: number, input: CreateUserInput): Promise<number> {
  if (!/^[A-Za-z0-9_.-]+$/.test(input.username)) {
    throw new AppError(400, 'validation', { detail: '用户名只能包含字母、数字、下划线、点和短横线', detail_en: 'username may contain letters, digits, _ . -' },
      { username: '只能包含字母、数字、下划线、点和短横线' });
  }
  if (!strongEnough(input.password)) {
    throw new AppError(400, 'weak_password', { min: LIMITS.passwordMin }, { password: `至少 ${LIMITS.passwordMin} 个字符，含字母和数字` });
  }
  for (const r of input.roles) {
    const unit = await repo.getUnit(db, tenantId, r.orgUnitId);
    if (!unit || (actor && !canAdminister(actor, unit.path))) {
      throw new AppError(400, 'unknown_reference', { field: '角色所在单位', field_en: 'role unit', id: r.orgUnitId }, { roles: `单位 ${r.orgUnitId} 不存在或不在管辖范围内` });
    }
  }
  if (await findUserByUsername(db, input.username)) {
    throw new AppError(409, 'username_taken', { username: input.username }, { username: '用户名已被使用' });
  }
  const hash = await hashPassword(input.password);
  const now = new Date().toISOString();
  return transactorOf(db)(async (trx) => {
    const id = await repo.insertUser(trx, {
      tenantId, username: input.username, displayName: input.displayName, passwordHash: hash, phone: input.phone ?? null,
      mustChangePassword: actor !== null, bindings: input.roles,
    }, now);
    await writeAudit(trx, { tenantId, actorId: actor?.userId ?? null, action: 'user.create', entityType: 'user', entityId: id, ip: actor?.ip ?? null, at: now,
      data: { username: input.username, roles: input.roles } });
    return id;
  });
}

/** Set a new password for a user (admin reset or CLI); the user's sessions end. */
export async function resetPassword(db: Database, actor: Actor | null, username: string, password: string): Promise<void> {
  const user = await findUserByUsername(db, username);
  if (!user || (actor && user.tenantId !== actor.tenantId)) throw new AppError(404, 'not_found', { what: '用户', what_en: 'User' });
  if (actor) {
    const bindings = await repo.bindingsOf(db, user.id);
    if (!bindings.every((b) => canAdminister(actor, b.path))) throw new AppError(404, 'not_found', { what: '用户', what_en: 'User' });
  }
  if (!strongEnough(password)) {
    throw new AppError(400, 'weak_password', { min: LIMITS.passwordMin }, { password: `至少 ${LIMITS.passwordMin} 个字符，含字母和数字` });
  }
  const hash = await hashPassword(password);
  const now = new Date().toISOString();
  await transactorOf(db)(async (trx) => {
    await setPasswordHash(trx, user.id, hash, now, actor !== null);
    await deleteUserSessions(trx, user.id);
    await writeAudit(trx, { tenantId: user.tenantId, actorId: actor?.userId ?? null, action: 'user.reset_password', entityType: 'user', entityId: user.id, ip: actor?.ip ?? null, at: now });
  });
}

const USER = { what: '用户', what_en: 'User' };

/** Rename or (de)activate a unit the actor administers. */
export async function updateUnitCommand(db: Database, actor: Actor, id: number, set: { name?: string; active?: boolean }) {
  const unit = await repo.getUnit(db, actor.tenantId, id);
  if (!unit || !canAdminister(actor, unit.path)) throw new AppError(404, 'not_found', { what: '单位', what_en: 'Unit' });
  const now = new Date().toISOString();
  await transactorOf(db)(async (trx) => {
    await repo.updateUnit(trx, id, set, now);
    await writeAudit(trx, { tenantId: actor.tenantId, actorId: actor.userId, action: 'org_unit.update', entityType: 'org_unit', entityId: id, ip: actor.ip, at: now, data: set });
  });
  return (await repo.getUnit(db, actor.tenantId, id))!;
}

/** Change a user's name, phone, active flag or role bindings. Every old and new binding must lie in the actor's subtree. */
export async function updateUserCommand(db: Database, actor: Actor, id: number, set: {
  displayName?: string; phone?: string | null; active?: boolean; roles?: { role: Role; orgUnitId: number }[];
}): Promise<void> {
  const user = await repo.getUser(db, actor.tenantId, id);
  if (!user) throw new AppError(404, 'not_found', USER);
  const current = await repo.bindingsOf(db, id);
  if (!current.every((b) => canAdminister(actor, b.path))) throw new AppError(404, 'not_found', USER);
  if (set.roles) {
    for (const r of set.roles) {
      const unit = await repo.getUnit(db, actor.tenantId, r.orgUnitId);
      if (!unit || !canAdminister(actor, unit.path)) {
        throw new AppError(400, 'unknown_reference', { field: '角色所在单位', field_en: 'role unit', id: r.orgUnitId }, { roles: `单位 ${r.orgUnitId} 不存在或不在管辖范围内` });
      }
    }
  }
  if (id === actor.userId && (set.active === false || (set.roles && !set.roles.some((r) => r.role === 'admin')))) {
    throw new AppError(400, 'validation', { detail: '不能停用自己或取消自己的管理员角色', detail_en: 'you cannot disable yourself or drop your own admin role' }, { roles: '不能取消自己的管理员角色' });
  }
  const now = new Date().toISOString();
  await transactorOf(db)(async (trx) => {
    await repo.updateUser(trx, id, set, now);
    if (set.roles) await repo.replaceBindings(trx, actor.tenantId, id, set.roles, now);
    // A disabled user or one whose roles changed logs in again, so no session keeps the old scope.
    if (set.active === false || set.roles) await deleteUserSessions(trx, id);
    await writeAudit(trx, { tenantId: actor.tenantId, actorId: actor.userId, action: 'user.update', entityType: 'user', entityId: id, ip: actor.ip, at: now, data: set });
  });
}

/**
 * An administrator ends the slowing of a user's logins. Like a password reset, only for a user all of whose roles
 * lie in the administrator's units: a town admin may not clear the limits of a county admin whose password is being
 * guessed.
 */
export async function unlockUserLogin(db: Database, actor: Actor, userId: number): Promise<void> {
  const user = await repo.getUser(db, actor.tenantId, userId);
  const bindings = user ? await repo.bindingsOf(db, user.id) : [];
  if (!user || bindings.length === 0 || !bindings.every((b) => canAdminister(actor, b.path))) throw new AppError(404, 'not_found', USER);
  await unlockLogin(db, actor, { id: user.id, tenantId: user.tenantId, username: user.username });
}
