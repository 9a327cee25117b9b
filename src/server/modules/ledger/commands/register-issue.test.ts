/** registerIssue, the intake command that activities, the portal and Open311 will call (the route's tests are in ledger.routes.test.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../../test/helpers.ts';
import { actorByUsername } from '../../org/index.ts';
import { deadlineContext } from '../../deadlines/index.ts';
import type { Actor } from '../../../actor.ts';
import type { CreateIssueInput } from '../../../../shared/api/issues.ts';
import { registerIssue } from './register-issue.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const actor = async (username: string): Promise<Actor> => (await actorByUsername(t.db, username))!;
const body = (unit: string, extra: Record<string, unknown> = {}) => intake(t.unit(unit), extra) as CreateIssueInput;
const register = async (username: string, input: CreateIssueInput, opts: Partial<Parameters<typeof registerIssue>[4]> = {}) => {
  const a = await actor(username);
  return registerIssue(t.app.tx, await deadlineContext(t.db, a.tenantId), a, input, { now: new Date().toISOString(), ...opts });
};
const issue = (id: number) => t.db.selectFrom('issues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('registerIssue', () => {
  it('refuses an actor without an intake role, and a place outside the actor\'s scope', async () => {
    await expect(register('handler', body('解放路社区'))).rejects.toMatchObject({ statusCode: 403, code: 'forbidden' });
    // The cadre works in 城关镇; 湖滨社区 lies in 东湖街道.
    await expect(register('cadre', body('湖滨社区'))).rejects.toMatchObject({ statusCode: 400, code: 'issue_place_out_of_scope' });
    await expect(register('cadre', { ...body('湖滨社区'), orgUnitId: 999_999 })).rejects.toMatchObject({ statusCode: 400, code: 'unknown_reference' });
    expect(Number((await t.db.selectFrom('issues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('registers with the activity it was heard at, its clock, timeline and search row, and answers what it wrote', async () => {
    const r = await register('cadre', body('解放路社区'), { sourceActivityId: 42 });
    expect(r.replayed).toBe(false);
    expect(r.created?.row.trackingCode).toMatch(/^YX-\d{4}-\d{6}$/);
    const row = await issue(r.id);
    expect(row.sourceActivityId).toBe(42);
    expect(row.trackingCode).toBe(r.created!.row.trackingCode);
    const events = await t.db.selectFrom('timelineEvents').select('type').where('subjectType', '=', 'issue').where('subjectId', '=', r.id).execute();
    expect(events.map((e) => e.type)).toEqual(['create']);
    const clocks = await t.db.selectFrom('clocks').select('kind').where('subjectType', '=', 'issue').where('subjectId', '=', r.id).execute();
    expect(clocks.map((c) => c.kind)).toEqual(['accept']);
  });

  it('runs once per idempotency key: the same input is a replay, another input a 422', async () => {
    const input = body('解放路社区', { title: '同一件事只登记一次' });
    const first = await register('clerk', input, { idempotencyKey: 'visit-7-item-1', idempotencyScope: 'activity 7' });
    const again = await register('clerk', input, { idempotencyKey: 'visit-7-item-1', idempotencyScope: 'activity 7' });
    expect(again).toEqual({ id: first.id, replayed: true });
    await expect(register('clerk', { ...input, title: '另一件事' }, { idempotencyKey: 'visit-7-item-1', idempotencyScope: 'activity 7' }))
      .rejects.toMatchObject({ statusCode: 422, code: 'idempotency_mismatch' });
    // The activity is part of what the key stands for.
    await expect(register('clerk', input, { idempotencyKey: 'visit-7-item-1', idempotencyScope: 'activity 7', sourceActivityId: 7 }))
      .rejects.toMatchObject({ statusCode: 422 });
  });

  it('links a repeat, or merges into the open issue it repeats, in the same transaction', async () => {
    const open = await register('clerk', body('解放路社区', { title: '路灯又坏了' }));
    const linked = await register('clerk', body('解放路社区', { relatedIssueId: open.id }));
    const links = await t.db.selectFrom('timelineEvents').select(['type', 'subjectId']).where('type', 'in', ['linked', 'linked_from'])
      .where('subjectId', 'in', [open.id, linked.id]).orderBy('id').execute();
    expect(links).toEqual([{ type: 'linked', subjectId: linked.id }, { type: 'linked_from', subjectId: open.id }]);

    const merged = await register('clerk', body('解放路社区', { mergeIntoId: open.id }));
    expect(merged.created).toBeUndefined();
    expect((await issue(merged.id)).mergedIntoId).toBe(open.id);
    // A merge that cannot happen (into an issue that does not exist) leaves nothing behind.
    const before = (await t.db.selectFrom('issues').select('id').execute()).length;
    await expect(register('clerk', body('解放路社区', { mergeIntoId: 999_999 }))).rejects.toMatchObject({ statusCode: 400, code: 'unknown_reference' });
    expect((await t.db.selectFrom('issues').select('id').execute()).length).toBe(before);
  });
});
