import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupApp, type TestContext } from '../../../../test/helpers.ts';
import type { Activity } from '../../../shared/api/activities.ts';
import type { QuestionnaireView } from '../../../shared/api/questionnaires.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Send the same create 20 times at once with one key (a phone retrying over a flaky link): all answered, one made. */
async function twenty(url: string, body: unknown, key: string) {
  const cadre = await t.as('cadre');
  const rs = await Promise.all(Array.from({ length: 20 }, () => cadre.post(url, body, { 'idempotency-key': key })));
  for (const r of rs) expect(r.statusCode, r.body).toBe(201);
  expect(rs.filter((r) => r.headers['idempotency-replayed'] === 'true')).toHaveLength(19);
  return rs.map((r) => json<{ id: number }>(r).id);
}

describe('creates a phone sends twice are made once (Idempotency-Key)', () => {
  it('an activity, a visit, a finding, a suggestion, a questionnaire and a response, under 20 concurrent duplicates', async () => {
    const cadre = await t.as('cadre');
    const start = Date.now() - 5 * H;
    const body = { kind: 'research', title: '离线记录的调研', orgUnitId: t.unit('东关村'), startsAt: iso(start), endsAt: iso(start + 3 * H), cadreIds: [] };
    const ids = await twenty('/api/v1/activities', body, 'offline-activity-1');
    expect(new Set(ids).size).toBe(1);
    const id = ids[0]!;
    expect(await t.db.selectFrom('activities').select('id').where('title', '=', '离线记录的调研').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'activity.create').where('entityId', '=', String(id)).execute()).toHaveLength(1);
    // The same key with another body is refused, not a second record.
    const other = await cadre.post('/api/v1/activities', { ...body, title: '另一个' }, { 'idempotency-key': 'offline-activity-1' });
    expect(other.statusCode).toBe(422);
    expect(json<{ error: { code: string } }>(other).error.code).toBe('idempotency_mismatch');

    await twenty(`/api/v1/activities/${id}/visits`, { kind: 'household', placeText: '东关村二组' }, 'offline-visit-1');
    expect(await t.db.selectFrom('activityVisits').select('id').where('activityId', '=', id).execute()).toHaveLength(1);
    await twenty(`/api/v1/activities/${id}/findings`, { text: '二组水渠堵塞' }, 'offline-finding-1');
    expect(await t.db.selectFrom('activityFindings').select('id').where('activityId', '=', id).execute()).toHaveLength(1);
    await twenty('/api/v1/ideas', { text: '建议设村级水管员', source: 'resident', activityId: id }, 'offline-idea-1');
    expect(await t.db.selectFrom('ideas').select('id').where('activityId', '=', id).execute()).toHaveLength(1);
    const qs = await twenty(`/api/v1/activities/${id}/questionnaires`, { title: '饮水问卷', questions: [{ type: 'scale', title: '满意度', required: true }] }, 'offline-q-1');
    const q = json<QuestionnaireView>(await cadre.get(`/api/v1/questionnaires/${qs[0]}`));
    await cadre.post(`/api/v1/questionnaires/${q.id}/status`, { status: 'open' });
    await twenty(`/api/v1/questionnaires/${q.id}/responses`, { answers: { [q.questions[0]!.id]: 4 } }, 'offline-r-1');
    expect(json<QuestionnaireView>(await cadre.get(`/api/v1/questionnaires/${q.id}`)).responseCount).toBe(1);
    // Without a key, two sends are two records (the key is what makes a retry safe).
    await cadre.post(`/api/v1/activities/${id}/visits`, { kind: 'farm' });
    await cadre.post(`/api/v1/activities/${id}/visits`, { kind: 'farm' });
    expect(await t.db.selectFrom('activityVisits').select('id').where('activityId', '=', id).execute()).toHaveLength(3);
    expect(json<Activity>(await cadre.get(`/api/v1/activities/${id}`)).title).toBe('离线记录的调研');
  });
});
