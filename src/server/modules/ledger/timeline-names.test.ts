/**
 * Units are shown by name, never by id: the timeline names the places and units its events refer to (also those
 * outside the user's scope, which the user's unit list does not hold), and the users list names each role's unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;
type IssueJson = { id: number; version: number };
type Timeline = { items: { type: string; data: Record<string, unknown> }[]; unitNames: Record<string, string> };

async function assigned(): Promise<IssueJson> {
  const clerk = await t.as('clerk');
  let r = await clerk.post('/api/v1/issues', intake(t.unit('解放路社区')));
  expect(r.statusCode, r.body).toBe(201);
  let issue = json<IssueJson>(r);
  r = await clerk.post(`/api/v1/issues/${issue.id}/transitions`, { version: issue.version, action: 'accept' });
  issue = json<IssueJson>(r);
  r = await clerk.post(`/api/v1/issues/${issue.id}/transitions`, { version: issue.version, action: 'assign', unitId: t.unit('示例县住房和城乡建设局') });
  expect(r.statusCode, r.body).toBe(200);
  return json<IssueJson>(r);
}

describe('GET /issues/{id}/timeline names its units', () => {
  it('requires authentication, and hides an issue outside the scope', async () => {
    const issue = await assigned();
    expect((await t.anonymous.get(`/api/v1/issues/${issue.id}/timeline`)).statusCode).toBe(401);
    expect((await (await t.as('handler-jyj')).get(`/api/v1/issues/${issue.id}/timeline`)).statusCode).toBe(404);
  });

  it('gives the department handler the name of the place, which lies outside its unit list', async () => {
    const issue = await assigned();
    const handler = await t.as('handler');
    const units = json<{ items: { id: number }[] }>(await handler.get('/api/v1/org-units')).items.map((u) => u.id);
    expect(units).not.toContain(t.unit('解放路社区'));
    const r = await handler.get(`/api/v1/issues/${issue.id}/timeline`);
    expect(r.statusCode, r.body).toBe(200);
    const tl = json<Timeline>(r);
    const create = tl.items.find((e) => e.type === 'create')!;
    expect(create.data.orgUnitId).toBe(t.unit('解放路社区'));
    expect(tl.unitNames[String(t.unit('解放路社区'))]).toBe('解放路社区');
    expect(tl.unitNames[String(t.unit('示例县住房和城乡建设局'))]).toBe('示例县住房和城乡建设局');
    // Only the units the events mention.
    expect(Object.keys(tl.unitNames).sort()).toEqual([String(t.unit('解放路社区')), String(t.unit('示例县住房和城乡建设局'))].sort());
  });
});

describe('GET /users names the unit of each role', () => {
  it('requires authentication and an admin', async () => {
    expect((await t.anonymous.get('/api/v1/users')).statusCode).toBe(401);
    expect((await (await t.as('clerk')).get('/api/v1/users')).statusCode).toBe(403);
  });

  it('lists each binding with its unit name', async () => {
    const r = await (await t.as('admin')).get('/api/v1/users');
    expect(r.statusCode, r.body).toBe(200);
    const users = json<{ items: { username: string; roles: { orgUnitId: number; orgUnitName: string }[] }[] }>(r).items;
    const handler = users.find((u) => u.username === 'handler')!;
    expect(handler.roles).toEqual([expect.objectContaining({ orgUnitId: t.unit('示例县住房和城乡建设局'), orgUnitName: '示例县住房和城乡建设局' })]);
  });
});
