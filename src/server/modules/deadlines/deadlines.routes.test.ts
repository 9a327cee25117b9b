import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, setupApp, type TestContext } from '../../../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await setupApp(); });
afterAll(async () => { await t?.close(); });

const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
type ErrorJson = { error: { code: string; message: string; fields?: Record<string, string> } };
type PolicyJson = { family: string; issueKind: string; urgency: string; clock: string; amount: number; unit: string };
type PoliciesJson = { items: PolicyJson[]; channelFamily: Record<string, string> };
type DayJson = { date: string; type: 'holiday' | 'workday'; name: string };
type IssueJson = { id: number; version: number; policyFamily?: string; deadlines: { kind: string; startedAt: string; dueAt: string; metAt: string | null }[] };

const CHANNELS = ['letter', 'visit', 'online', 'phone', 'field', 'outreach', 'research', 'onsite', 'portal', 'open311'];

async function policies(): Promise<PoliciesJson> {
  const r = await (await t.as('admin')).get('/api/v1/deadline-policies');
  expect(r.statusCode, r.body).toBe(200);
  return json<PoliciesJson>(r);
}

async function calendar(query = ''): Promise<DayJson[]> {
  const r = await (await t.as('admin')).get(`/api/v1/calendar${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return json<{ items: DayJson[] }>(r).items;
}

async function register(extra: Record<string, unknown> = {}): Promise<IssueJson> {
  const r = await (await t.as('clerk')).post('/api/v1/issues', intake(t.unit('解放路社区'), extra));
  expect(r.statusCode, r.body).toBe(201);
  return json<IssueJson>(r);
}

async function act(username: string, issue: { id: number; version: number }, body: Record<string, unknown>): Promise<IssueJson> {
  const r = await (await t.as(username)).post(`/api/v1/issues/${issue.id}/transitions`, { version: issue.version, ...body });
  expect(r.statusCode, r.body).toBe(200);
  return json<IssueJson>(r);
}

const clock = (issue: IssueJson, kind: string) => {
  const c = issue.deadlines.find((d) => d.kind === kind && d.metAt === null);
  if (!c) throw new Error(`no running ${kind} clock: ${JSON.stringify(issue.deadlines)}`);
  return c;
};

// Date helpers of the test's own (Shanghai is UTC+8 all year), so the expectations do not reuse the engine.
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const shanghaiDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const endOfDay = (date: string) => new Date(Date.parse(`${date}T23:59:59.999+08:00`)).toISOString();
function isWorkingDay(date: string, days: readonly DayJson[]): boolean {
  const entry = days.find((d) => d.date === date);
  if (entry) return entry.type === 'workday';
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w !== 0 && w !== 6;
}
/** The n-th working day after `date`. */
function nthWorkingDayAfter(date: string, n: number, days: readonly DayJson[]): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkingDay(d, days)) left -= 1;
  }
  return d;
}

/** An issue registered, accepted and assigned now: its objection clock starts now. */
async function assignedNow(): Promise<IssueJson> {
  const accepted = await act('clerk', await register(), { action: 'accept' });
  return act('clerk', accepted, { action: 'assign', unitId: t.unit('示例县住房和城乡建设局') });
}

describe('deadline API: who may call it', () => {
  it('requires authentication', async () => {
    for (const r of [
      await t.anonymous.get('/api/v1/deadline-policies'),
      await t.anonymous.put('/api/v1/deadline-policies', { items: [] }),
      await t.anonymous.get('/api/v1/calendar?year=2025'),
      await t.anonymous.put('/api/v1/calendar', { items: [{ date: '2026-12-01', type: 'holiday', name: '假' }] }),
    ]) {
      expect(r.statusCode).toBe(401);
      expect(json<ErrorJson>(r).error).toEqual({ code: 'unauthenticated', message: '请先登录' });
    }
  });

  it.each(['clerk', 'leader', 'cadre', 'handler'])('refuses edits by %s with 403 and changes nothing', async (username) => {
    const c = await t.as(username);
    const before = await policies();
    const cut = before.items.map((p) => ({ ...p, amount: 1 }));
    const r = await c.put('/api/v1/deadline-policies', { items: cut });
    expect(r.statusCode).toBe(403);
    expect(json<ErrorJson>(r).error).toEqual({ code: 'forbidden', message: '您没有执行此操作的权限' });
    expect(await policies()).toEqual(before);
    const cal = await c.put('/api/v1/calendar', { items: [{ date: '2025-10-02', type: 'workday', name: '越权' }] });
    expect(cal.statusCode).toBe(403);
    expect((await calendar('?year=2025')).find((d) => d.date === '2025-10-02')).toMatchObject({ type: 'holiday' });
  });
});

describe('deadline policies', () => {
  it.each(['cadre', 'handler', 'inspector'])('shows %s the statutory rules and the channel families', async (username) => {
    const r = await (await t.as(username)).get('/api/v1/deadline-policies');
    expect(r.statusCode).toBe(200);
    const { items, channelFamily } = json<PoliciesJson>(r);
    expect(items).toHaveLength(16);
    const any = { issueKind: '*', urgency: '*' };
    expect(items).toEqual(expect.arrayContaining([
      { family: 'petition', ...any, clock: 'accept', amount: 15, unit: 'calendar_days' },
      { family: 'petition', ...any, clock: 'handle', amount: 60, unit: 'calendar_days' },
      { family: 'petition', ...any, clock: 'objection', amount: 5, unit: 'working_days' },
      { family: 'petition', ...any, clock: 'review_request', amount: 30, unit: 'calendar_days' },
      { family: 'petition', ...any, clock: 'review', amount: 30, unit: 'calendar_days' },
      { family: 'petition', ...any, clock: 're_review_request', amount: 30, unit: 'calendar_days' },
      { family: 'petition', ...any, clock: 're_review', amount: 30, unit: 'calendar_days' },
      { family: 'hotline', issueKind: '*', urgency: 'emergency', clock: 'accept', amount: 1, unit: 'hours' },
      { family: 'hotline', issueKind: '*', urgency: 'normal', clock: 'handle', amount: 7, unit: 'calendar_days' },
      { family: 'hotline', ...any, clock: 'objection', amount: 1, unit: 'working_days' },
    ]));
    expect(Object.keys(channelFamily).sort()).toEqual([...CHANNELS].sort());
    expect(channelFamily).toMatchObject({ letter: 'petition', visit: 'petition', online: 'petition', phone: 'hotline', portal: 'hotline' });
  });

  it.each([
    ['an amount of 0', (p: PolicyJson) => ({ ...p, amount: 0 }), 'items.0.amount'],
    ['a negative amount', (p: PolicyJson) => ({ ...p, amount: -5 }), 'items.0.amount'],
    ['a fractional amount', (p: PolicyJson) => ({ ...p, amount: 1.5 }), 'items.0.amount'],
    ['an unknown unit', (p: PolicyJson) => ({ ...p, unit: 'weeks' }), 'items.0.unit'],
    ['an unknown clock', (p: PolicyJson) => ({ ...p, clock: 'lunch' }), 'items.0.clock'],
    ['an unknown family', (p: PolicyJson) => ({ ...p, family: 'court' }), 'items.0.family'],
    ['an unknown field', (p: PolicyJson) => ({ ...p, note: '说明' }), 'items.0.note'],
  ])('rejects %s with 400 and keeps the rules', async (_name, edit, field) => {
    const before = await policies();
    const items = before.items.map((p, i) => (i === 0 ? edit(p) : p));
    const r = await (await t.as('admin')).put('/api/v1/deadline-policies', { items });
    expect(r.statusCode).toBe(400);
    const err = json<ErrorJson>(r).error;
    expect(err.code).toBe('validation');
    expect(Object.keys(err.fields ?? {})).toContain(field);
    expect(await policies()).toEqual(before);
  });

  it('applies an edited rule to the next issue, not to clocks already running, and can be put back', async () => {
    const receivedAt = '2025-09-20T09:00:00+08:00';
    // 15 calendar days from 2025-09-20 end on 2025-10-05, inside the 国庆 holiday: the clock moves to 10-09.
    const before = await register({ receivedAt });
    expect(clock(before, 'accept').dueAt).toBe('2025-10-09T15:59:59.999Z');

    const original = await policies();
    const edited = original.items.map((p) => (p.family === 'petition' && p.clock === 'accept' ? { ...p, amount: 10 } : p));
    const admin = await t.as('admin');
    const put = await admin.put('/api/v1/deadline-policies', { items: edited });
    expect(put.statusCode, put.body).toBe(200);
    expect(json<PoliciesJson>(put).items).toContainEqual({ family: 'petition', issueKind: '*', urgency: '*', clock: 'accept', amount: 10, unit: 'calendar_days' });
    expect(json<PoliciesJson>(put).items).not.toContainEqual(expect.objectContaining({ family: 'petition', clock: 'accept', amount: 15 }));
    expect((await policies()).items).toEqual(edited);

    // 10 calendar days: 2025-09-30, a Tuesday.
    const after = await register({ receivedAt });
    expect(clock(after, 'accept').dueAt).toBe('2025-09-30T15:59:59.999Z');
    const again = json<IssueJson>(await (await t.as('clerk')).get(`/api/v1/issues/${before.id}`));
    expect(clock(again, 'accept').dueAt).toBe('2025-10-09T15:59:59.999Z');

    const audit = await t.db.selectFrom('auditLog').select('action').where('action', '=', 'deadline_policies.replace').execute();
    expect(audit.length).toBeGreaterThan(0);

    expect((await admin.put('/api/v1/deadline-policies', { items: original.items })).statusCode).toBe(200);
    expect(clock(await register({ receivedAt }), 'accept').dueAt).toBe('2025-10-09T15:59:59.999Z');
  });

  it('maps a channel to another family', async () => {
    const receivedAt = '2025-09-20T09:00:00+08:00';
    // Phone is a hotline channel: a normal call must be accepted within 24 hours.
    const hotline = await register({ channel: 'phone', receivedAt });
    expect(clock(hotline, 'accept').dueAt).toBe('2025-09-21T01:00:00.000Z');
    const original = await policies();
    const admin = await t.as('admin');
    const put = await admin.put('/api/v1/deadline-policies', { items: original.items, channelFamily: { ...original.channelFamily, phone: 'petition' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(json<PoliciesJson>(put).channelFamily.phone).toBe('petition');
    const petition = await register({ channel: 'phone', receivedAt });
    expect(clock(petition, 'accept').dueAt).toBe('2025-10-09T15:59:59.999Z');
    expect((await admin.put('/api/v1/deadline-policies', { items: original.items, channelFamily: original.channelFamily })).statusCode).toBe(200);
    expect((await policies()).channelFamily.phone).toBe('hotline');
  });

  it('rejects an unknown family or channel in channelFamily with 400', async () => {
    const original = await policies();
    const admin = await t.as('admin');
    try {
      const bad = await admin.put('/api/v1/deadline-policies', { items: original.items, channelFamily: { ...original.channelFamily, phone: 'court' } });
      expect(bad.statusCode).toBe(400);
      const unknown = await admin.put('/api/v1/deadline-policies', { items: original.items, channelFamily: { ...original.channelFamily, pigeon: 'petition' } });
      expect(unknown.statusCode).toBe(400);
    } finally {
      await admin.put('/api/v1/deadline-policies', { items: original.items, channelFamily: original.channelFamily });
    }
  });
});

describe('calendar', () => {
  it('holds the 2025 National Day holiday and its make-up workdays', async () => {
    const r = await (await t.as('cadre')).get('/api/v1/calendar?year=2025');
    expect(r.statusCode).toBe(200);
    const items = json<{ items: DayJson[] }>(r).items;
    expect(items.every((d) => d.date.startsWith('2025-'))).toBe(true);
    const dates = items.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) {
      expect(items.find((x) => x.date === d), d).toMatchObject({ type: 'holiday', name: expect.stringContaining('国庆') as string });
    }
    expect(items.find((x) => x.date === '2025-10-09')).toBeUndefined();
    expect(items.find((x) => x.date === '2025-09-28')).toMatchObject({ type: 'workday' });
    expect(items.find((x) => x.date === '2025-10-11')).toMatchObject({ type: 'workday' });
    expect(items.find((x) => x.date === '2025-01-01')).toMatchObject({ type: 'holiday', name: '元旦' });
    // Without a year: every year.
    const all = await calendar();
    expect(all.some((d) => d.date.startsWith('2024-'))).toBe(true);
    expect(all.some((d) => d.date.startsWith('2026-'))).toBe(true);
  });

  it.each([
    ['a year out of range', '?year=1999'],
    ['a year that is not a number', '?year=next'],
    ['an unknown parameter', '?year=2025&month=10'],
  ])('rejects %s', async (_name, query) => {
    expect((await (await t.as('clerk')).get(`/api/v1/calendar${query}`)).statusCode).toBe(400);
  });

  it.each([
    ['a malformed date', { items: [{ date: '2025-13-01', type: 'holiday', name: '错' }] }, 'items.0.date'],
    ['an unknown type', { items: [{ date: '2026-12-01', type: 'vacation', name: '错' }] }, 'items.0.type'],
    ['an empty name', { items: [{ date: '2026-12-01', type: 'holiday', name: '' }] }, 'items.0.name'],
    ['a malformed removal', { items: [{ date: '2026-12-01', type: 'holiday', name: '假' }], remove: ['tomorrow'] }, 'remove.0'],
    ['nothing to do', { items: [], remove: [] }, 'items'],
  ])('rejects %s with 400 and changes nothing', async (_name, body, field) => {
    const before = await calendar();
    const r = await (await t.as('admin')).put('/api/v1/calendar', body);
    expect(r.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(r).error.fields ?? {})).toContain(field);
    expect(await calendar()).toEqual(before);
  });

  it('adds a holiday that working-day clocks then skip, and removes it again', async () => {
    const admin = await t.as('admin');
    const days = await calendar();
    // The objection clock (5 working days) starts on assignment, i.e. today.
    const first = await assignedNow();
    const today = shanghaiDate(clock(first, 'objection').startedAt);
    expect(clock(first, 'objection').dueAt).toBe(endOfDay(nthWorkingDayAfter(today, 5, days)));

    // Make one of those five working days a holiday (an ordinary weekday, so removing it restores the calendar):
    // the clock needs one more working day.
    const closed = [1, 2, 3, 4, 5].map((k) => nthWorkingDayAfter(today, k, days)).find((d) => !days.some((e) => e.date === d))!;
    expect(closed).toBeDefined();
    const put = await admin.put('/api/v1/calendar', { items: [{ date: closed, type: 'holiday', name: '测试停工日' }] });
    expect(put.statusCode, put.body).toBe(204);
    expect((await calendar(`?year=${closed.slice(0, 4)}`)).find((d) => d.date === closed)).toEqual({ date: closed, type: 'holiday', name: '测试停工日' });
    const second = await assignedNow();
    expect(shanghaiDate(clock(second, 'objection').startedAt)).toBe(today);
    expect(clock(second, 'objection').dueAt).toBe(endOfDay(nthWorkingDayAfter(today, 6, days)));
    expect(clock(second, 'objection').dueAt > clock(first, 'objection').dueAt).toBe(true);

    // Remove it with a removal-only request.
    const removed = await admin.put('/api/v1/calendar', { items: [], remove: [closed] });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await calendar()).find((d) => d.date === closed)).toBeUndefined();
    expect(await calendar()).toEqual(days);
    const third = await assignedNow();
    expect(clock(third, 'objection').dueAt).toBe(clock(first, 'objection').dueAt);

    const audit = await t.db.selectFrom('auditLog').select('action').where('action', '=', 'calendar.edit').execute();
    expect(audit).toHaveLength(2);
  });

  it('turns a weekend day into a workday, moving calendar-day ends that fell on it', async () => {
    const admin = await t.as('admin');
    // 2025-11-01 is a Saturday: 15 calendar days from 2025-10-17 would end there and move to Monday 11-03.
    const receivedAt = '2025-10-17T10:00:00+08:00';
    expect(clock(await register({ receivedAt }), 'accept').dueAt).toBe(endOfDay('2025-11-03'));
    expect((await admin.put('/api/v1/calendar', { items: [{ date: '2025-11-01', type: 'workday', name: '测试调休' }] })).statusCode).toBe(204);
    expect(clock(await register({ receivedAt }), 'accept').dueAt).toBe(endOfDay('2025-11-01'));
    expect((await admin.put('/api/v1/calendar', { items: [{ date: '2025-11-01', type: 'holiday', name: '测试改回' }] })).statusCode).toBe(204);
    expect(clock(await register({ receivedAt }), 'accept').dueAt).toBe(endOfDay('2025-11-03'));
  });
});

describe('policy table checks', () => {
  it('refuses two identical rules with 400 naming the second, and keeps the table', async () => {
    const admin = await t.as('admin');
    const before = json<{ items: unknown[] }>(await admin.get('/api/v1/deadline-policies')).items;
    const dup = [...before, before[0]];
    const r = await admin.put('/api/v1/deadline-policies', { items: dup });
    expect(r.statusCode).toBe(400);
    expect(Object.keys(json<ErrorJson>(r).error.fields ?? {})).toEqual([`items.${before.length}`]);
    expect(json<{ items: unknown[] }>(await admin.get('/api/v1/deadline-policies')).items).toEqual(before);
  });
});

describe('GET /calendar/coverage: the years whose holidays the clocks need', () => {
  // The app's clock, not the machine's: 2026-12-03 10:00 in Beijing, with 2024–2026 seeded and 2027 not announced.
  let clock = new Date('2026-12-03T10:00:00+08:00');
  let c: TestContext;
  beforeAll(async () => { c = await setupApp({ now: () => clock }); });
  afterAll(async () => { await c?.close(); });
  type Coverage = { today: string; holidayYears: number[]; missingYears: number[]; latestDueAt: string | null; warning: string | null };
  const coverage = async (lang?: 'en') => {
    const r = await (await c.as('admin', lang)).get('/api/v1/calendar/coverage');
    expect(r.statusCode, r.body).toBe(200);
    return json<Coverage>(r);
  };

  it('needs a session and an administrator', async () => {
    expect((await c.anonymous.get('/api/v1/calendar/coverage')).statusCode).toBe(401);
    for (const who of ['clerk', 'handler', 'leader', 'inspector']) {
      const r = await (await c.as(who)).get('/api/v1/calendar/coverage');
      expect([r.statusCode, json<ErrorJson>(r).error.code], who).toEqual([403, 'forbidden']);
    }
  });

  it('warns about next year before its holidays are entered, and about every year a running clock reaches', async () => {
    expect(await coverage()).toEqual({
      today: '2026-12-03', holidayYears: [2024, 2025, 2026], missingYears: [2027], latestDueAt: null,
      warning: '2027 年节假日尚未录入：2027 年的期限按双休日计算（只有周六、周日休息），请在国务院办公厅公布后录入',
    });
    expect((await coverage('en')).warning).toBe('The public holidays of 2027 are not entered yet: deadlines in that year count only Saturdays and Sundays as rest days; enter them once the General Office of the State Council announces them');

    // A letter accepted within 500 days (a policy the administrator set) runs into 2028.
    const admin = await c.as('admin');
    const items = json<PoliciesJson>(await admin.get('/api/v1/deadline-policies')).items
      .map((p) => (p.family === 'petition' && p.clock === 'accept' ? { ...p, amount: 500, unit: 'calendar_days' } : p));
    expect((await admin.put('/api/v1/deadline-policies', { items })).statusCode).toBe(200);
    const r = await (await c.as('clerk')).post('/api/v1/issues', intake(c.unit('解放路社区'), { channel: 'letter', receivedAt: '2026-12-01T09:00:00+08:00' }));
    expect(r.statusCode, r.body).toBe(201);
    const due = json<IssueJson>(r).deadlines[0]!.dueAt;
    expect(due.slice(0, 4)).toBe('2028');
    const two = await coverage();
    expect([two.missingYears, two.latestDueAt]).toEqual([[2027, 2028], due]);
    expect(two.warning).toBe(`2027、2028 年节假日尚未录入：这些年份的期限按双休日计算（只有周六、周日休息），请在国务院办公厅公布后录入。运行中的期限最晚于 ${due.slice(0, 10)} 到期`);
    expect((await coverage('en')).warning).toContain('The public holidays of 2027 and 2028 are not entered yet');

    // 2027's notice entered: only 2028 is left. In June 2028 (the clock due then or met), 2029 is next year.
    expect((await admin.put('/api/v1/calendar', { items: [{ date: '2027-01-01', type: 'holiday', name: '元旦' }] })).statusCode).toBe(204);
    expect((await coverage()).missingYears).toEqual([2028]);
    clock = new Date('2028-06-01T09:00:00+08:00');
    expect(await coverage()).toMatchObject({ today: '2028-06-01', missingYears: [2028, 2029] });
    expect((await admin.put('/api/v1/calendar', { items: [{ date: '2028-01-01', type: 'holiday', name: '元旦' }, { date: '2029-01-01', type: 'holiday', name: '元旦' }] })).statusCode).toBe(204);
    expect(await coverage()).toMatchObject({ holidayYears: [2024, 2025, 2026, 2027, 2028, 2029], missingYears: [], warning: null });
  });
});
