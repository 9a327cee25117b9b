/** Org units and users: Kysely lives here and nowhere else in the org module. */
import type { Kysely } from 'kysely';
import type { DB, OrgUnit } from '../../db/types.ts';
import type { Actor, Binding } from '../../actor.ts';
import type { OrgLevel, Role } from '../../../shared/enums.ts';

type Db = Kysely<DB>;

/** The org units in the actor's subtrees, ordered by code. */
export async function listUnitsInScope(db: Db, actor: Actor): Promise<OrgUnit[]> {
  if (actor.bindings.length === 0) return [];
  return db.selectFrom('orgUnits').selectAll()
    .where('tenantId', '=', actor.tenantId)
    .where((eb) => eb.or(actor.bindings.map((b) => eb('path', 'like', `${b.path}%`))))
    .orderBy('code').execute();
}

/** One unit of a tenant, or undefined. */
export async function getUnit(db: Db, tenantId: number, id: number): Promise<OrgUnit | undefined> {
  return db.selectFrom('orgUnits').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** One unit by its code, or undefined. */
export async function getUnitByCode(db: Db, tenantId: number, code: string): Promise<OrgUnit | undefined> {
  return db.selectFrom('orgUnits').selectAll().where('tenantId', '=', tenantId).where('code', '=', code).executeTakeFirst();
}

/** Fields of a new unit. */
export interface NewUnit {
  tenantId: number;
  parentId: number | null;
  code: string;
  name: string;
  level: OrgLevel;
  sort?: number;
}

/** Insert a unit and set its materialized path from its parent's. */
export async function insertUnit(db: Db, u: NewUnit, now: string): Promise<OrgUnit> {
  const parent = u.parentId == null ? undefined : await getUnit(db, u.tenantId, u.parentId);
  const row = await db.insertInto('orgUnits').values({
    tenantId: u.tenantId, parentId: u.parentId, code: u.code, name: u.name, level: u.level, path: '',
    sort: u.sort ?? 0, active: 1, createdAt: now, updatedAt: now,
  }).returning('id').executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${row.id}/`;
  await db.updateTable('orgUnits').set({ path }).where('id', '=', row.id).execute();
  return (await getUnit(db, u.tenantId, row.id))!;
}

/** The role bindings of a user with their units' paths. */
export async function bindingsOf(db: Db, userId: number): Promise<Binding[]> {
  const rows = await db.selectFrom('roleBindings as rb').innerJoin('orgUnits as u', 'u.id', 'rb.orgUnitId')
    .select(['rb.role', 'rb.orgUnitId', 'u.path']).where('rb.userId', '=', userId).orderBy('rb.id').execute();
  return rows.map((r) => ({ role: r.role as Role, orgUnitId: r.orgUnitId, path: r.path }));
}

/** Fields of a new user. */
export interface NewUser {
  tenantId: number;
  username: string;
  displayName: string;
  passwordHash: string;
  phone?: string | null;
  mustChangePassword?: boolean;
  bindings: { role: Role; orgUnitId: number }[];
}

/** Insert a user with its role bindings. */
export async function insertUser(db: Db, u: NewUser, now: string): Promise<number> {
  const row = await db.insertInto('users').values({
    tenantId: u.tenantId, username: u.username, displayName: u.displayName, passwordHash: u.passwordHash,
    phone: u.phone ?? null, active: 1, mustChangePassword: u.mustChangePassword ? 1 : 0,
    passwordChangedAt: now, createdAt: now, updatedAt: now,
  }).returning('id').executeTakeFirstOrThrow();
  if (u.bindings.length) {
    await db.insertInto('roleBindings').values(u.bindings.map((b) => ({
      tenantId: u.tenantId, userId: row.id, role: b.role, orgUnitId: b.orgUnitId, createdAt: now,
    }))).execute();
  }
  return row.id;
}

/** Users with a binding inside the actor's subtrees (admins manage the people under them). */
export async function listUsersInScope(db: Db, actor: Actor) {
  const users = await db.selectFrom('users').select(['id', 'username', 'displayName', 'phone', 'active'])
    .where('tenantId', '=', actor.tenantId)
    .where((eb) => eb.exists(eb.selectFrom('roleBindings as rb').innerJoin('orgUnits as u', 'u.id', 'rb.orgUnitId')
      .select('rb.id').whereRef('rb.userId', '=', 'users.id')
      // Only the actor's admin bindings count: a town admin who is also a county clerk administers the town only.
      .where((w) => w.or(actor.bindings.filter((b) => b.role === 'admin').map((b) => w('u.path', 'like', `${b.path}%`))))))
    .orderBy('username').execute();
  const ids = users.map((u) => u.id);
  // With the unit's name: a user may also be bound to a unit outside the admin's subtree (not in its unit list).
  const bindings = ids.length === 0 ? [] : await db.selectFrom('roleBindings as rb').innerJoin('orgUnits as ou', 'ou.id', 'rb.orgUnitId')
    .select(['rb.userId', 'rb.role', 'rb.orgUnitId', 'ou.name as orgUnitName'])
    .where('rb.userId', 'in', ids).orderBy('rb.id').execute();
  return users.map((u) => ({
    ...u,
    active: u.active === 1,
    roles: bindings.filter((b) => b.userId === u.id).map((b) => ({ role: b.role as Role, orgUnitId: b.orgUnitId, orgUnitName: b.orgUnitName })),
  }));
}

/** The actor for a user name (CLI, seeding and jobs act as a real user with real bindings). */
export async function actorByUsername(db: Db, username: string): Promise<Actor | undefined> {
  const u = await db.selectFrom('users').select(['id', 'tenantId', 'username', 'displayName']).where('username', '=', username).executeTakeFirst();
  if (!u) return undefined;
  return { userId: u.id, tenantId: u.tenantId, username: u.username, displayName: u.displayName, bindings: await bindingsOf(db, u.id), ip: null };
}

/** Change a unit's name or active flag. */
export async function updateUnit(db: Db, id: number, set: { name?: string; active?: boolean }, now: string): Promise<void> {
  await db.updateTable('orgUnits').set({
    ...(set.name !== undefined ? { name: set.name } : {}), ...(set.active !== undefined ? { active: set.active ? 1 : 0 } : {}), updatedAt: now,
  }).where('id', '=', id).execute();
}

/** A user by id within a tenant. */
export async function getUser(db: Db, tenantId: number, id: number) {
  return db.selectFrom('users').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Change a user's profile fields. */
export async function updateUser(db: Db, id: number, set: { displayName?: string; phone?: string | null; active?: boolean }, now: string): Promise<void> {
  await db.updateTable('users').set({
    ...(set.displayName !== undefined ? { displayName: set.displayName } : {}),
    ...(set.phone !== undefined ? { phone: set.phone } : {}),
    ...(set.active !== undefined ? { active: set.active ? 1 : 0 } : {}),
    updatedAt: now,
  }).where('id', '=', id).execute();
}

/** Replace a user's role bindings. */
export async function replaceBindings(db: Db, tenantId: number, userId: number, bindings: readonly { role: Role; orgUnitId: number }[], now: string): Promise<void> {
  await db.deleteFrom('roleBindings').where('userId', '=', userId).execute();
  if (bindings.length) {
    await db.insertInto('roleBindings').values(bindings.map((b) => ({ tenantId, userId, role: b.role, orgUnitId: b.orgUnitId, createdAt: now }))).execute();
  }
}

/** Every tenant's id. */
export async function tenantIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('tenants').select('id').orderBy('id').execute()).map((r) => r.id);
}

/** Tenants (id and code), or the one with this code. */
export async function tenantsByCode(db: Db, code?: string): Promise<{ id: number; code: string }[]> {
  return db.selectFrom('tenants').select(['id', 'code']).$if(!!code, (q) => q.where('code', '=', code!)).orderBy('id').execute();
}
