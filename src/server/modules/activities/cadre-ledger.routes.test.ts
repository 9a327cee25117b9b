import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { setupApp, type Client, type TestContext } from '../../../../test/helpers.ts';
import type { Activity, CadreLedger } from '../../../shared/api/activities.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
const H = 3_600_000;
const D = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 10);

async function activity(c: Client, kind: string, place: string, startMs: number, cadreIds: number[], status?: 'planned' | 'done'): Promise<Activity> {
  const r = await c.post('/api/v1/activities', { kind, title: `${place}${kind}`, orgUnitId: t.unit(place), startsAt: iso(startMs), endsAt: iso(startMs + 2 * H), cadreIds, ...(status ? { status } : {}) });
  expect(r.statusCode, r.body).toBe(201);
  return json<Activity>(r);
}

/** An issue heard at the activity, then set by hand to the state the fixture needs (a read model's fixture). */
async function issue(c: Client, activityId: number, status: string, satisfaction: string | null) {
  const r = await c.post(`/api/v1/activities/${activityId}/issues`, { body: `问题 ${status}`, kind: 'help' });
  expect(r.statusCode, r.body).toBe(201);
  const id = json<{ id: number }>(r).id;
  await t.db.updateTable('issues').set({ status, satisfaction }).where('id', '=', id).execute();
}

describe('the 四下基层 ledger', () => {
  const period = { from: day(Date.now() - 30 * D), to: day(Date.now()) };
  const q = (extra = '') => `/api/v1/cadre-ledger?from=${period.from}&to=${period.to}${extra}`;

  it('needs a login, keeps to the actor’s scope, and refuses a period that ends before it starts', async () => {
    expect((await t.anonymous.get(q())).statusCode).toBe(401);
    expect((await t.anonymous.get(`/api/v1/cadre-ledger/export?from=${period.from}&to=${period.to}`)).statusCode).toBe(401);
    const cadre = await t.as('cadre');
    expect((await cadre.get(q(`&unitId=${t.unit('东湖街道')}`))).statusCode).toBe(404);
    expect((await cadre.get(q(`&unitId=${t.unit('示例县')}`))).statusCode).toBe(404);
    expect((await cadre.get(`/api/v1/cadre-ledger?from=${period.to}&to=${period.from}`)).statusCode).toBe(period.from === period.to ? 200 : 422);
    expect((await cadre.get('/api/v1/cadre-ledger?from=2026-13-01&to=2026-12-01')).statusCode).toBe(400);
  });

  it('adds up a hand-computed fixture: outcomes first, a closed-but-unresolved issue not resolved, an unreached village listed', async () => {
    const cadre = await t.as('cadre');
    const leader = await t.as('leader');
    const me = json<{ id: number }>(await cadre.get('/api/v1/auth/me'));
    const boss = json<{ id: number }>(await leader.get('/api/v1/auth/me'));
    // In the period: a lecture at 东关村 by both (two issues: resolved and satisfied; closed unresolved and unsatisfied),
    // a research trip at 西关村 by the cadre with a visit to 北门社区 (one open issue).
    const lecture = await activity(cadre, 'outreach', '东关村', Date.now() - 5 * D, [me.id, boss.id]);
    await issue(cadre, lecture.id, 'closed', 'satisfied');
    await issue(cadre, lecture.id, 'closed_unresolved', 'unsatisfied');
    const trip = await activity(cadre, 'research', '西关村', Date.now() - 3 * D, [me.id]);
    await cadre.post(`/api/v1/activities/${trip.id}/visits`, { kind: 'community', orgUnitId: t.unit('北门社区'), placeText: '北门新村' });
    await issue(cadre, trip.id, 'in_progress', null);
    // Not counted: planned, cancelled, before the period, and elsewhere in the county.
    await activity(cadre, 'outreach', '解放路社区', Date.now() + 5 * D, [me.id], 'planned');
    const off = await activity(cadre, 'outreach', '人民路社区', Date.now() - 2 * D, [me.id]);
    await cadre.patch(`/api/v1/activities/${off.id}`, { version: off.version, status: 'cancelled' });
    await activity(cadre, 'outreach', '人民路社区', Date.now() - 45 * D, [me.id]);
    await activity(leader, 'outreach', '东湖村', Date.now() - 4 * D, [boss.id]);
    // A duplicate heard again and merged is not a second issue.
    await issue(cadre, trip.id, 'merged', null);
    // Held at the township itself: a 本级 row, so the units' rows add up to the total.
    const own = await activity(cadre, 'reception', '城关镇', Date.now() - 6 * D, [me.id]);

    const l = json<CadreLedger>(await cadre.get(q()));
    expect(l.unit.name).toBe('城关镇');
    expect(l.cadres.map((c) => c.name)).toEqual(['城关镇 网格员 赵强', json<{ displayName: string }>(await leader.get('/api/v1/auth/me')).displayName]);
    expect(l.cadres[0]).toMatchObject({
      activities: { outreach: 1, research: 1, reception: 1, onsite: 0 }, activityTotal: 3, placesReached: 3, issues: 3, resolved: 1, calledBack: 2, satisfied: 1, basicallySatisfied: 0,
    });
    expect(l.cadres[1]).toMatchObject({ activityTotal: 1, placesReached: 1, issues: 2, resolved: 1, calledBack: 2, satisfied: 1 });
    expect(l.total).toMatchObject({ places: 5, activityTotal: 3, placesReached: 3, issues: 3, resolved: 1, calledBack: 2 });
    expect(l.units.find((u) => u.name === '城关镇（本级）')).toMatchObject({ id: t.unit('城关镇'), activityTotal: 1, activities: { reception: 1 } });
    expect(l.units.reduce((n, u) => n + u.activityTotal, 0)).toBe(l.total.activityTotal);
    expect(own.kind).toBe('reception');
    expect(l.units.find((u) => u.name === '东关村')).toMatchObject({ places: 1, activityTotal: 1, issues: 2, resolved: 1 });
    expect(l.units[0]!.name).toBe('东关村');
    expect(l.unreached.map((v) => v.name).sort()).toEqual(['人民路社区', '解放路社区'].sort());
    expect(l.unreached[0]!.township).toBe('城关镇');
    // The county's leader sees 东湖街道 too.
    const county = json<CadreLedger>(await leader.get(q()));
    expect(county.unit.name).toBe('示例县');
    expect(county.total.activityTotal).toBe(4);
    expect(county.units.find((u) => u.name === '东湖街道')).toMatchObject({ activityTotal: 1, placesReached: 1 });

    // The export has the same numbers, outcomes first.
    const x = await cadre.get(`/api/v1/cadre-ledger/export?from=${period.from}&to=${period.to}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('干部')!;
    expect(String(ws.getCell(1, 1).value)).toContain('城关镇');
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['干部', '听到的问题', '已解决', '解决占比']));
    expect((ws.getRow(4).values as unknown[]).slice(1, 7)).toEqual(['城关镇 网格员 赵强', '城关镇', 3, 1, 1 / 3, 2]);
    // The units' sheet ends with the total, equal to the sum of its rows.
    const us = wb.getWorksheet('单位')!;
    expect(us.getRow(us.rowCount).getCell(1).value).toBe('合计');
    expect(wb.getWorksheet('未走到的村（社区）')!.rowCount).toBe(4);
    expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'cadre_ledger.export').execute()).toHaveLength(1);
  });
});
