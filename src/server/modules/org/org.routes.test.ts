import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { setupApp, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
type UnitJson = { id: number; code: string; name: string; level: string; parentId: number | null };
type UserJson = { id: number; username: string; displayName: string; phone: string | null; active: boolean; roles: { role: string; orgUnitId: number }[] };

const TOWNSHIPS = ['城关镇', '东湖街道', '青山乡', '柳河镇', '白石镇'];
const CHENGGUAN_VILLAGES = ['解放路社区', '人民路社区', '北门社区', '东关村', '西关村'];
const DEPARTMENTS = [
  '示例县信访局', '示例县住房和城乡建设局', '示例县人力资源和社会保障局', '示例县教育局', '示例县卫生健康局',
  '示例县生态环境局', '示例县交通运输局', '示例县市场监督管理局', '示例县城市管理局',
];

async function units(username: string): Promise<UnitJson[]> {
  const r = await (await t.as(username)).get('/api/v1/org-units');
  expect(r.statusCode, r.body).toBe(200);
  return json<{ items: UnitJson[] }>(r).items;
}

function login(username: string, password: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
}

const newUserBody = (username: string, extra: Record<string, unknown> = {}) => ({
  username, displayName: '测试用户', password: 'Start-pass-2026', roles: [{ role: 'clerk', orgUnitId: t.unit('示例县信访局') }], ...extra,
});

const userCount = async () => Number((await t.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const clerkRow = () => t.db.selectFrom('users').select(['id', 'passwordHash', 'displayName']).where('username', '=', 'clerk').executeTakeFirstOrThrow();
const unitCount = async () => Number((await t.db.selectFrom('orgUnits').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('org API: who may call it', () => {
  it('requires authentication', async () => {
    for (const r of [
      await t.anonymous.get('/api/v1/org-units'),
      await t.anonymous.post('/api/v1/org-units', { parentId: 1, code: '990101001299', name: '新村', level: 'village' }),
      await t.anonymous.get('/api/v1/users'),
      await t.anonymous.post('/api/v1/users', newUserBody('anon-made')),
      await t.anonymous.post('/api/v1/users/1/password', { password: 'Another-pass-1' }),
    ]) {
      expect(r.statusCode).toBe(401);
      expect(json<ErrorJson>(r).error).toEqual({ code: 'unauthenticated', message: '请先登录' });
    }
  });

  it.each(['clerk', 'leader', 'cadre', 'handler', 'inspector'])('refuses user and unit management to %s with 403', async (username) => {
    const c = await t.as(username);
    const users = await c.get('/api/v1/users');
    expect(users.statusCode).toBe(403);
    expect(json<ErrorJson>(users).error).toEqual({ code: 'forbidden', message: '您没有执行此操作的权限' });
    const beforeUsers = await userCount();
    const beforeUnits = await unitCount();
    expect((await c.post('/api/v1/users', newUserBody(`made-by-${username}`))).statusCode).toBe(403);
    expect((await c.post('/api/v1/org-units', { parentId: t.unit('城关镇'), code: '990101001298', name: '越权村', level: 'village' })).statusCode).toBe(403);
    const clerk = await clerkRow();
    expect((await c.post(`/api/v1/users/${clerk.id}/password`, { password: 'Hijacked-pass-1' })).statusCode).toBe(403);
    expect(await userCount()).toBe(beforeUsers);
    expect(await unitCount()).toBe(beforeUnits);
    expect((await clerkRow()).passwordHash).toBe(clerk.passwordHash);
  });
});

describe('a township administrator', () => {
  let townAdmin: { get: (url: string) => Promise<LightMyRequestResponse>; post: (url: string, body: object) => Promise<LightMyRequestResponse> };
  beforeAll(async () => {
    const r = await (await t.as('admin')).post('/api/v1/users', newUserBody('town-admin', { roles: [{ role: 'admin', orgUnitId: t.unit('城关镇') }] }));
    expect(r.statusCode, r.body).toBe(201);
    const li = await login('town-admin', 'Start-pass-2026');
    const cookie = `yx_session=${li.cookies.find((k) => k.name === 'yx_session')!.value}`;
    townAdmin = {
      get: (url) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
      post: (url, payload) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload }),
    };
  });

  it('manages only the people and units of its township', async () => {
    const users = json<{ items: UserJson[] }>(await townAdmin.get('/api/v1/users')).items.map((u) => u.username);
    expect(users).toEqual(expect.arrayContaining(['cadre', 'handler-town1', 'town-admin']));
    expect(users).not.toContain('clerk');
    expect(users).not.toContain('handler-town2');
    const before = await userCount();
    const outside = await townAdmin.post('/api/v1/users', newUserBody('east-lake-clerk', { roles: [{ role: 'cadre', orgUnitId: t.unit('东湖街道') }] }));
    expect(outside.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(outside).error.fields ?? {})).toEqual(['roles']);
    expect(await userCount()).toBe(before);
    const unit = await townAdmin.post('/api/v1/org-units', { parentId: t.unit('东湖街道'), code: '990101002299', name: '越界村', level: 'village' });
    expect(unit.statusCode).toBe(400);
    const clerk = await clerkRow();
    expect((await townAdmin.post(`/api/v1/users/${clerk.id}/password`, { password: 'Hijacked-pass-1' })).statusCode).toBe(404);
    expect((await clerkRow()).passwordHash).toBe(clerk.passwordHash);
    // Inside the township it works.
    const inside = await townAdmin.post('/api/v1/users', newUserBody('gl-grid-1', { roles: [{ role: 'cadre', orgUnitId: t.unit('解放路社区') }] }));
    expect(inside.statusCode, inside.body).toBe(201);
  });
});

describe('GET /org-units', () => {
  it('returns id, code, name, level and parentId of each unit', async () => {
    const items = await units('admin');
    expect(items.length).toBeGreaterThan(0);
    for (const u of items) {
      expect(Object.keys(u).sort()).toEqual(['active', 'code', 'id', 'level', 'name', 'parentId']);
      expect(u.code).toMatch(u.level === 'grid' ? /^\d{15}$/ : /^\d{12}$/);
    }
    const codes = items.map((u) => u.code);
    expect(codes).toEqual([...codes].sort());
  });

  it.each(['admin', 'clerk', 'leader', 'inspector'])('shows %s (bound at the county) the whole county and nothing above it', async (username) => {
    const items = await units(username);
    const names = items.map((u) => u.name);
    // county + 5 townships + 21 villages/communities + 42 grids + 9 departments, each once.
    expect(items).toHaveLength(78);
    expect(new Set(items.map((u) => u.id)).size).toBe(78);
    expect(names).toEqual(expect.arrayContaining(['示例县', ...TOWNSHIPS, ...DEPARTMENTS]));
    expect(names).not.toContain('示例市');
    expect(names).not.toContain('示例省');
    const county = items.find((u) => u.name === '示例县')!;
    expect(county).toMatchObject({ code: '990101000000', level: 'county' });
    for (const name of TOWNSHIPS) expect(items.find((u) => u.name === name)).toMatchObject({ level: 'township', parentId: county.id });
    for (const name of DEPARTMENTS) expect(items.find((u) => u.name === name)).toMatchObject({ level: 'department', parentId: county.id });
    expect(items.filter((u) => u.level === 'grid')).toHaveLength(42);
  });

  it('shows a township cadre only its township subtree', async () => {
    const items = await units('cadre');
    const town = items.find((u) => u.name === '城关镇')!;
    expect(town).toMatchObject({ level: 'township', code: '990101001000' });
    // 城关镇, its 5 villages/communities and their 10 grids.
    expect(items).toHaveLength(16);
    expect(items.filter((u) => u.level === 'village').map((u) => u.name).sort()).toEqual([...CHENGGUAN_VILLAGES].sort());
    expect(items.filter((u) => u.level === 'grid')).toHaveLength(10);
    const ids = new Set(items.map((u) => u.id));
    for (const u of items) if (u.id !== town.id) expect(ids.has(u.parentId!)).toBe(true);
    for (const u of items) expect(u.code.startsWith('990101001')).toBe(true);
    const names = items.map((u) => u.name);
    for (const other of TOWNSHIPS.slice(1)) expect(names).not.toContain(other);
    expect(names).not.toContain('湖滨社区');
    expect(names).not.toContain('示例县');
    expect(items.some((u) => u.level === 'department')).toBe(false);
  });

  it('shows a department handler only its department', async () => {
    expect(await units('handler')).toEqual([
      { id: t.unit('示例县住房和城乡建设局'), code: '990101902000', name: '示例县住房和城乡建设局', level: 'department', parentId: t.unit('示例县'), active: true },
    ]);
    expect((await units('handler-jyj')).map((u) => u.name)).toEqual(['示例县教育局']);
  });
});

describe('POST /org-units', () => {
  it('creates a village under a township; the township cadre then sees it, others do not', async () => {
    const admin = await t.as('admin');
    const r = await admin.post('/api/v1/org-units', { parentId: t.unit('城关镇'), code: '990101001210', name: '南关村', level: 'village' });
    expect(r.statusCode, r.body).toBe(201);
    const created = json<UnitJson>(r);
    expect(created).toEqual({ id: expect.any(Number) as number, code: '990101001210', name: '南关村', level: 'village', parentId: t.unit('城关镇'), active: true });
    expect((await units('cadre')).map((u) => u.id)).toContain(created.id);
    expect((await units('handler')).map((u) => u.id)).not.toContain(created.id);
    expect((await units('admin')).map((u) => u.id)).toContain(created.id);
    const audit = await t.db.selectFrom('auditLog').select(['action', 'entityType']).where('entityId', '=', String(created.id))
      .where('action', '=', 'org_unit.create').execute();
    expect(audit).toEqual([{ action: 'org_unit.create', entityType: 'org_unit' }]);
  });

  it('keeps a unit created under another township out of the cadre list', async () => {
    const admin = await t.as('admin');
    const r = await admin.post('/api/v1/org-units', { parentId: t.unit('东湖街道'), code: '990101002210', name: '东湖新村', level: 'village' });
    expect(r.statusCode, r.body).toBe(201);
    expect((await units('cadre')).map((u) => u.name)).not.toContain('东湖新村');
  });

  it.each([
    ['a short code', { code: '99010100121' }, 'code'],
    ['a 13-digit code', { code: '9901010012101' }, 'code'],
    ['a code with letters', { code: '99010100121A' }, 'code'],
    ['an unknown level', { level: 'hamlet' }, 'level'],
    ['an empty name', { name: '' }, 'name'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('rejects %s with 400 naming the field', async (_name, patch, field) => {
    const before = await unitCount();
    const r = await (await t.as('admin')).post('/api/v1/org-units', { parentId: t.unit('城关镇'), code: '990101001220', name: '北关村', level: 'village', ...patch });
    expect(r.statusCode).toBe(400);
    const err = json<ErrorJson>(r).error;
    expect(err.code).toBe('validation');
    expect(Object.keys(err.fields ?? {})).toContain(field);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await unitCount()).toBe(before);
  });

  it('refuses a taken code and an unknown parent', async () => {
    const admin = await t.as('admin');
    const before = await unitCount();
    const dup = await admin.post('/api/v1/org-units', { parentId: t.unit('城关镇'), code: '990101001001', name: '重复社区', level: 'village' });
    expect(dup.statusCode).toBe(409);
    expect(json<ErrorJson>(dup).error.code).toBe('code_taken');
    expect(Object.keys(json<ErrorJson>(dup).error.fields ?? {})).toEqual(['code']);
    const orphan = await admin.post('/api/v1/org-units', { parentId: 999999, code: '990101001230', name: '无主村', level: 'village' });
    expect(orphan.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(orphan).error.fields ?? {})).toEqual(['parentId']);
    expect(await unitCount()).toBe(before);
  });
});

describe('users', () => {
  it('lists users for the admin with their roles', async () => {
    const r = await (await t.as('admin')).get('/api/v1/users');
    expect(r.statusCode).toBe(200);
    const items = json<{ items: UserJson[] }>(r).items;
    expect(items.find((u) => u.username === 'cadre')).toMatchObject({ active: true, roles: [{ role: 'cadre', orgUnitId: t.unit('城关镇') }] });
    expect(items.find((u) => u.username === 'clerk')!.roles).toHaveLength(2);
    for (const u of items) expect(u).not.toHaveProperty('passwordHash');
  });

  it('creates a user who can log in and must change the password', async () => {
    const admin = await t.as('admin');
    const r = await admin.post('/api/v1/users', newUserBody('new-clerk', { displayName: '信访局 新人', phone: '13900001111' }));
    expect(r.statusCode, r.body).toBe(201);
    const user = json<UserJson>(r);
    expect(user).toEqual({
      id: expect.any(Number) as number, username: 'new-clerk', displayName: '信访局 新人', phone: '13900001111', active: true,
      roles: [{ role: 'clerk', orgUnitId: t.unit('示例县信访局'), orgUnitName: '示例县信访局' }],
    });
    const li = await login('new-clerk', 'Start-pass-2026');
    expect(li.statusCode, li.body).toBe(200);
    expect(json<{ user: { id: number; mustChangePassword: boolean; roles: unknown[] } }>(li).user)
      .toMatchObject({ id: user.id, mustChangePassword: true, roles: [{ role: 'clerk', orgUnitId: t.unit('示例县信访局') }] });
    const audit = await t.db.selectFrom('auditLog').select(['action', 'actorId']).where('entityType', '=', 'user').where('entityId', '=', String(user.id))
      .where('action', '=', 'user.create').execute();
    const adminId = (await t.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    expect(audit).toEqual([{ action: 'user.create', actorId: adminId }]);
  });

  it('refuses a taken username with 409', async () => {
    const before = await userCount();
    const clerk = await clerkRow();
    const r = await (await t.as('admin')).post('/api/v1/users', newUserBody('clerk'));
    expect(r.statusCode).toBe(409);
    const err = json<ErrorJson>(r).error;
    expect(err.code).toBe('username_taken');
    expect(err.message).toBe('用户名「clerk」已被使用');
    expect(await userCount()).toBe(before);
    // The existing account keeps its password and its roles.
    expect(await clerkRow()).toEqual(clerk);
    expect(await t.db.selectFrom('roleBindings').select('id').where('userId', '=', clerk.id).execute()).toHaveLength(2);
  });

  it.each([
    ['a weak password', { password: 'password' }, 400, 'weak_password', 'password'],
    ['a role at a unit that does not exist', { roles: [{ role: 'clerk', orgUnitId: 999999 }] }, 400, 'unknown_reference', 'roles'],
    ['an unknown role', { roles: [{ role: 'mayor', orgUnitId: 1 }] }, 400, 'validation', 'roles.0.role'],
    ['no role at all', { roles: [] }, 400, 'validation', 'roles'],
    ['an unknown field', { email: 'x@example.com' }, 400, 'validation', 'email'],
    ['a username with spaces', { username: 'bad name' }, 400, 'validation', 'username'],
  ])('refuses %s', async (_name, patch, status, code, field) => {
    const before = await userCount();
    const r = await (await t.as('admin')).post('/api/v1/users', newUserBody('refused-user', patch));
    expect(r.statusCode).toBe(status);
    const err = json<ErrorJson>(r).error;
    expect(err.code).toBe(code);
    expect(Object.keys(err.fields ?? {})).toContain(field);
    expect(await userCount()).toBe(before);
  });

  it('resets a password: the user\'s sessions end, the new password works and must be changed', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/v1/users', newUserBody('reset-me', { password: 'Before-reset-1' }));
    expect(created.statusCode, created.body).toBe(201);
    const id = json<UserJson>(created).id;
    // The user changes the initial password, then forgets it.
    const first = await login('reset-me', 'Before-reset-1');
    const cookie = `yx_session=${first.cookies.find((k) => k.name === 'yx_session')!.value}`;
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie }, payload: { oldPassword: 'Before-reset-1', newPassword: 'Own-choice-2026' } });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);

    const weak = await admin.post(`/api/v1/users/${id}/password`, { password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(weak).error.fields ?? {})).toEqual(['password']);
    expect((await admin.post('/api/v1/users/999999/password', { password: 'After-reset-2026' })).statusCode).toBe(404);

    const r = await admin.post(`/api/v1/users/${id}/password`, { password: 'After-reset-2026' });
    expect(r.statusCode, r.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect(await t.db.selectFrom('sessions').select('id').where('userId', '=', id).execute()).toHaveLength(0);
    expect((await login('reset-me', 'Own-choice-2026')).statusCode).toBe(401);
    const after = await login('reset-me', 'After-reset-2026');
    expect(after.statusCode).toBe(200);
    expect(json<{ user: { mustChangePassword: boolean } }>(after).user.mustChangePassword).toBe(true);
    const audit = await t.db.selectFrom('auditLog').select('action').where('entityType', '=', 'user').where('entityId', '=', String(id))
      .where('action', '=', 'user.reset_password').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('editing users, units and categories', () => {
  it('requires authentication and the admin role', async () => {
    expect((await t.anonymous.patch('/api/v1/users/1', { displayName: 'x' })).statusCode).toBe(401);
    expect((await t.anonymous.patch('/api/v1/org-units/1', { name: 'x' })).statusCode).toBe(401);
    expect((await t.anonymous.patch('/api/v1/categories/1', { name: 'x' })).statusCode).toBe(401);
    const clerk = await t.as('clerk');
    const me = (await clerkRow()).id;
    expect((await clerk.patch(`/api/v1/users/${me}`, { displayName: '改名' })).statusCode).toBe(403);
    expect((await clerk.patch(`/api/v1/org-units/${t.unit('东关村')}`, { name: '改名' })).statusCode).toBe(403);
    expect((await clerk.patch(`/api/v1/categories/${t.category('城乡建设')}`, { name: '改名' })).statusCode).toBe(403);
    expect((await clerkRow()).displayName).not.toBe('改名');
  });

  it('disables a user, which ends the user\'s sessions and refuses new logins', async () => {
    const admin = await t.as('admin');
    const created = json<UserJson>(await admin.post('/api/v1/users', newUserBody('to-disable')));
    const li = await login('to-disable', 'Start-pass-2026');
    const cookie = `yx_session=${li.cookies.find((c) => c.name === 'yx_session')!.value}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const r = await admin.patch(`/api/v1/users/${created.id}`, { active: false });
    expect(r.statusCode, r.body).toBe(200);
    expect(json<UserJson>(r).active).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await login('to-disable', 'Start-pass-2026')).statusCode).toBe(403);
  });

  it('replaces role bindings, which changes what the user sees', async () => {
    const admin = await t.as('admin');
    const created = json<UserJson>(await admin.post('/api/v1/users', newUserBody('moving-cadre', { roles: [{ role: 'cadre', orgUnitId: t.unit('城关镇') }] })));
    const r = await admin.patch(`/api/v1/users/${created.id}`, { roles: [{ role: 'cadre', orgUnitId: t.unit('青山乡') }], displayName: '调任干部' });
    expect(r.statusCode, r.body).toBe(200);
    expect(json<UserJson>(r)).toMatchObject({ displayName: '调任干部', roles: [{ role: 'cadre', orgUnitId: t.unit('青山乡') }] });
    const li = await login('moving-cadre', 'Start-pass-2026');
    const cookie = `yx_session=${li.cookies.find((c) => c.name === 'yx_session')!.value}`;
    const seen = json<{ items: UnitJson[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/org-units', headers: { cookie } })).items.map((u) => u.name);
    expect(seen).toContain('青山乡');
    expect(seen).not.toContain('城关镇');
    const bad = await admin.patch(`/api/v1/users/${created.id}`, { roles: [{ role: 'cadre', orgUnitId: 999999 }] });
    expect(bad.statusCode).toBe(400);
  });

  it('does not let an admin lock itself out', async () => {
    const admin = await t.as('admin');
    const me = json<{ id: number }>(await admin.get('/api/v1/auth/me')).id;
    expect((await admin.patch(`/api/v1/users/${me}`, { active: false })).statusCode).toBe(400);
    expect((await admin.patch(`/api/v1/users/${me}`, { roles: [{ role: 'clerk', orgUnitId: t.unit('示例县') }] })).statusCode).toBe(400);
    expect((await admin.get('/api/v1/users')).statusCode).toBe(200);
  });

  it('renames and deactivates a unit and a category, with an audit entry each', async () => {
    const admin = await t.as('admin');
    const unit = await admin.patch(`/api/v1/org-units/${t.unit('西关村')}`, { name: '西关社区' });
    expect(unit.statusCode, unit.body).toBe(200);
    expect(json<UnitJson & { active: boolean }>(unit)).toMatchObject({ name: '西关社区', active: true });
    expect((await admin.patch('/api/v1/org-units/999999', { name: 'x' })).statusCode).toBe(404);
    const cat = t.category('城乡规划');
    const off = await admin.patch(`/api/v1/categories/${cat}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    const visible = json<{ items: { id: number }[] }>(await (await t.as('clerk')).get('/api/v1/categories')).items.map((c) => c.id);
    expect(visible).not.toContain(cat);
    const all = json<{ items: { id: number; active: boolean }[] }>(await admin.get('/api/v1/categories?includeInactive=true')).items;
    expect(all.find((c) => c.id === cat)).toMatchObject({ active: false });
    const actions = (await t.db.selectFrom('auditLog').select('action').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['org_unit.update', 'category.update']));
  });
});

describe('tree shape checks', () => {
  it('refuses a unit whose level does not fit under its parent, and a grid code of the wrong length', async () => {
    const admin = await t.as('admin');
    const before = await unitCount();
    const villageUnderCounty = await admin.post('/api/v1/org-units', { parentId: t.unit('示例县'), code: '990101001290', name: '错层村', level: 'village' });
    expect(villageUnderCounty.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(villageUnderCounty).error.fields ?? {})).toEqual(['level']);
    const shortGrid = await admin.post('/api/v1/org-units', { parentId: t.unit('东关村'), code: '990101001201', name: '短码网格', level: 'grid' });
    expect(shortGrid.statusCode).toBe(400);
    expect(await unitCount()).toBe(before);
    const dept = await admin.post('/api/v1/org-units', { parentId: t.unit('城关镇'), code: '990101001901', name: '城关镇综治中心', level: 'department' });
    expect(dept.statusCode, dept.body).toBe(201);
  });

  it('refuses a second category with the same name under one parent', async () => {
    const admin = await t.as('admin');
    const parent = t.category('城乡建设');
    expect((await admin.post('/api/v1/categories', { parentId: parent, name: '老旧小区改造' })).statusCode).toBe(201);
    const dup = await admin.post('/api/v1/categories', { parentId: parent, name: '老旧小区改造' });
    expect(dup.statusCode).toBe(409);
    expect(Object.keys(json<ErrorJson>(dup).error.fields ?? {})).toEqual(['name']);
  });
});
