import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import type { EventType } from '../../../shared/events.ts';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';
import { ensureTenant } from '../../seed/base.ts';
import { upsertCalendar } from './deadlines.repo.ts';
import { sweepDeadlines } from './sweeper.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const DAY = 86_400_000;
const execFileAsync = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../../bin/yixian.js');

async function registerReceived(daysAgo: number): Promise<number> {
  const clerk = await t.as('clerk');
  const receivedAt = new Date(Date.now() - daysAgo * DAY).toISOString();
  const r = await clerk.post('/api/v1/issues', intake(t.unit('东关村'), { receivedAt }));
  expect(r.statusCode, r.body).toBe(201);
  return (JSON.parse(r.body) as { id: number }).id;
}

const eventsOf = (issueId: number, type: EventType) =>
  t.db.selectFrom('timelineEvents').selectAll().where('subjectId', '=', issueId).where('type', '=', type).execute();

describe('deadline sweeper', () => {
  it('escalates an overdue issue once, however often it runs', async () => {
    const id = await registerReceived(20); // a letter: 15 days to accept, so 5 days overdue
    const now = new Date().toISOString();
    const first = await sweepDeadlines(t.db, now);
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    await sweepDeadlines(t.db, now);
    await sweepDeadlines(t.db, new Date(Date.now() + 60_000).toISOString());
    const escalations = await eventsOf(id, 'escalate');
    expect(escalations).toHaveLength(1);
    expect(JSON.parse(escalations[0]!.data)).toMatchObject({ deadlineKind: 'accept' });
    const clerk = await t.as('clerk');
    const issue = JSON.parse((await clerk.get(`/api/v1/issues/${id}`)).body) as { overdue: boolean; deadlines: { escalatedAt: string | null }[] };
    expect(issue.overdue).toBe(true);
    expect(issue.deadlines[0]!.escalatedAt).not.toBeNull();
    const overdueList = JSON.parse((await clerk.get('/api/v1/issues?overdue=true&limit=200')).body) as { items: { id: number }[] };
    expect(overdueList.items.map((i) => i.id)).toContain(id);
  });

  it('warns once about a clock due within a day and leaves clocks far from due alone', async () => {
    const soon = await registerReceived(14.5); // due at the end of day 15
    const fresh = await registerReceived(0);
    const now = new Date().toISOString();
    await sweepDeadlines(t.db, now);
    await sweepDeadlines(t.db, now);
    expect(await eventsOf(fresh, 'warn')).toHaveLength(0);
    expect(await eventsOf(fresh, 'escalate')).toHaveLength(0);
    const warns = await eventsOf(soon, 'warn');
    expect(warns.length).toBeLessThanOrEqual(1);
  });

  it('records each escalation exactly once when several processes sweep the same database at once', async () => {
    const ids = await Promise.all([25, 26, 27, 28, 29, 30].map((d) => registerReceived(d)));
    // Real processes running `yixian sweep` against the same database, as several service instances would.
    const runs = await Promise.all(Array.from({ length: 3 }, () => execFileAsync(process.execPath, [BIN, 'sweep'], {
      env: { ...process.env, DATABASE_URL: t.config.databaseUrl, DATA_DIR: t.config.dataDir }, timeout: 60_000,
    })));
    const total = runs.map((r) => Number(/督办 (\d+) 项/.exec(r.stdout)?.[1] ?? NaN)).reduce((a, b) => a + b, 0);
    for (const id of ids) expect(await eventsOf(id, 'escalate')).toHaveLength(1);
    expect(total).toBeGreaterThanOrEqual(ids.length);
    const audit = await t.db.selectFrom('auditLog').select('entityId').where('action', '=', 'deadline.escalate').execute();
    expect(audit.filter((a) => ids.map(String).includes(a.entityId))).toHaveLength(ids.length);
  });

  it('does not escalate clocks that were met in time', async () => {
    const id = await registerReceived(20);
    const clerk = await t.as('clerk');
    // accept now (late), which meets the accept clock; the new handle clock runs 60 days
    const r = await clerk.post(`/api/v1/issues/${id}/transitions`, { action: 'accept', version: 1 });
    expect(r.statusCode).toBe(200);
    await sweepDeadlines(t.db, new Date().toISOString());
    expect(await eventsOf(id, 'escalate')).toHaveLength(0);
    const issue = JSON.parse(r.body) as { overdue: boolean; deadlines: { kind: string; overdue: boolean }[] };
    expect(issue.overdue).toBe(false);
    // the accept clock was met late, and says so
    expect(issue.deadlines.find((d) => d.kind === 'accept')!.overdue).toBe(true);
  });

  it('warns in the log, once per sweep, while next year\'s holidays are not entered', async () => {
    // A county of its own (2024–2026 seeded, no clocks); the sweep's clock is fixed at 2026-12-03 in Beijing.
    const county = await ensureTenant(t.db, { code: 'sweep-calendar', name: '日历测试县', units: [{ code: '330199', name: '日历测试县', level: 'county' }] });
    const lines: Array<{ level: number; msg: string; missingHolidays: Array<{ tenantId: number; years: number[] }> }> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line) as (typeof lines)[number]); } });
    const now = '2026-12-03T02:00:00.000Z';
    const first = await sweepDeadlines(t.db, now, { log });
    expect(first.missingHolidays.find((m) => m.tenantId === county)).toEqual({
      tenantId: county, years: [2027], latestDueAt: null,
      message: '2027 年节假日尚未录入：2027 年的期限按双休日计算（只有周六、周日休息），请在国务院办公厅公布后录入',
    });
    // The demo county lacks 2027 too: one warning line for the sweep, naming both.
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(40); // warn
    expect(lines[0]!.missingHolidays.map((m) => m.tenantId).sort()).toEqual([1, county].sort());
    expect(lines[0]!.missingHolidays.find((m) => m.tenantId === county)!.years).toEqual([2027]);
    await sweepDeadlines(t.db, now, { log });
    expect(lines).toHaveLength(2);

    // 2027's notice entered for that county: it is no longer named.
    await upsertCalendar(t.db, county, [{ date: '2027-01-01', type: 'holiday', name: '元旦' }]);
    const after = await sweepDeadlines(t.db, now, { log });
    expect(after.missingHolidays.map((m) => m.tenantId)).not.toContain(county);
    // Nor without a logger is anything written.
    const quiet = lines.length;
    await sweepDeadlines(t.db, now);
    expect(lines).toHaveLength(quiet);
  });
});
