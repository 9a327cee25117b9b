/**
 * Deadline vectors from 《信访工作条例》(2022) 第22、23、34、35、36条 and the hotline SLAs, computed with the
 * official 2024–2026 calendar. Convention: a clock due on a date is due at 23:59:59.999 Asia/Shanghai,
 * i.e. 15:59:59.999Z of that date.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkCalendar } from './calendar.ts';
import { addDays, endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from '../../../shared/shanghai-date.ts';
import {
  DEFAULT_POLICIES, type DeadlineRule, type PolicyRow, computeDue, describeRule, extendDue, findRule, isStaffClock,
} from './engine.ts';
import { OFFICIAL_CALENDAR } from './official-holidays.ts';

const cal = new WorkCalendar(OFFICIAL_CALENDAR);
/** A calendar without holidays: only Saturdays and Sundays rest. */
const plainWeeks = new WorkCalendar([]);

const days = (amount: number): DeadlineRule => ({ amount, unit: 'calendar_days' });
const workingDays = (amount: number): DeadlineRule => ({ amount, unit: 'working_days' });
const hours = (amount: number): DeadlineRule => ({ amount, unit: 'hours' });

/** The due instant of a Shanghai date, written out literally rather than via endOfShanghaiDay. */
const dueOn = (date: string): string => `${date}T15:59:59.999Z`;

describe('accept clock: 15 days (第22、23条)', () => {
  it('does not count the day of receipt: a letter received 2026-03-02 is due at the end of 2026-03-17', () => {
    expect(computeDue('2026-03-02T09:00:00+08:00', days(15), cal)).toBe(dueOn('2026-03-17'));
  });

  it('counts from the Shanghai date of receipt, not the UTC date (00:30 Shanghai is still the previous UTC day)', () => {
    // 2026-03-01T16:30Z is 2026-03-02 00:30 in Shanghai.
    expect(computeDue('2026-03-01T16:30:00Z', days(15), cal)).toBe(dueOn('2026-03-17'));
    // One minute before Shanghai midnight belongs to 2026-03-01: day 15 is 2026-03-16.
    expect(computeDue('2026-03-01T15:59:00Z', days(15), cal)).toBe(dueOn('2026-03-16'));
  });

  it('rolls a last day on an ordinary Saturday to the following Monday', () => {
    // Received Fri 2026-03-06; day 15 is Sat 2026-03-21; next working day Mon 2026-03-23.
    expect(computeDue('2026-03-06T10:00:00+08:00', days(15), cal)).toBe(dueOn('2026-03-23'));
  });

  it('rolls a last day inside 春节 2026 to the first working day after the holiday', () => {
    // Received Thu 2026-02-05; day 15 is Fri 2026-02-20, inside 春节 (02-15..02-23); next working day Tue 02-24.
    expect(computeDue('2026-02-05T10:00:00+08:00', days(15), cal)).toBe(dueOn('2026-02-24'));
  });

  it('does not roll a last day that falls on a make-up Saturday (调休上班)', () => {
    // Received Fri 2026-02-13; day 15 is Sat 2026-02-28, a 春节 make-up workday.
    expect(computeDue('2026-02-13T10:00:00+08:00', days(15), cal)).toBe(dueOn('2026-02-28'));
    // Without the official calendar the same Saturday would roll to Monday.
    expect(computeDue('2026-02-13T10:00:00+08:00', days(15), plainWeeks)).toBe(dueOn('2026-03-02'));
  });
});

describe('handle clock: 60 days from acceptance, one extension of 30 days (第34条)', () => {
  it('is due 60 days after the day of acceptance', () => {
    // Accepted Thu 2026-03-12; +60 days is Mon 2026-05-11.
    expect(computeDue('2026-03-12T11:00:00+08:00', days(60), cal)).toBe(dueOn('2026-05-11'));
  });

  it('rolls a 60th day on a Saturday to Monday', () => {
    // Accepted Tue 2026-03-17; +60 days is Sat 2026-05-16; next working day Mon 2026-05-18.
    expect(computeDue('2026-03-17T11:00:00+08:00', days(60), cal)).toBe(dueOn('2026-05-18'));
  });

  it('rolls a 60th day on 劳动节 past the whole holiday', () => {
    // Accepted Mon 2026-03-02; +60 days is Fri 2026-05-01 (劳动节 05-01..05-05); next working day Wed 05-06.
    expect(computeDue('2026-03-02T11:00:00+08:00', days(60), cal)).toBe(dueOn('2026-05-06'));
  });

  it('extends a due date by 30 calendar days', () => {
    // Due Mon 2026-05-11; +30 days is Wed 2026-06-10.
    expect(extendDue(dueOn('2026-05-11'), 30, cal)).toBe(dueOn('2026-06-10'));
  });

  it('rolls an extended due date that lands on 端午节 to the next working day', () => {
    // Due Wed 2026-05-20; +30 days is Fri 2026-06-19 (端午节 06-19..06-21); next working day Mon 06-22.
    expect(extendDue(dueOn('2026-05-20'), 30, cal)).toBe(dueOn('2026-06-22'));
  });

  it('never extends to earlier than the original due date plus 30 days', () => {
    const due = computeDue('2026-03-12T11:00:00+08:00', days(60), cal);
    const extended = extendDue(due, 30, cal);
    expect(Date.parse(extended) - Date.parse(due)).toBeGreaterThanOrEqual(30 * 86_400_000);
  });
});

describe('review and re-review clocks: 30 + 30 days (第35、36条)', () => {
  it('gives the petitioner 30 days from the written reply to request 复查', () => {
    // Reply received Mon 2026-06-22; +30 days is Wed 2026-07-22.
    expect(computeDue('2026-06-22T15:00:00+08:00', days(30), cal)).toBe(dueOn('2026-07-22'));
  });

  it('gives the reviewing body 30 days from the request to decide 复查', () => {
    // Request received Wed 2026-07-22; +30 days is Fri 2026-08-21.
    expect(computeDue('2026-07-22T09:00:00+08:00', days(30), cal)).toBe(dueOn('2026-08-21'));
  });

  it('gives 30 days to request 复核, ending on a make-up Sunday that is not rolled', () => {
    // Review opinion received Fri 2026-08-21; +30 days is Sun 2026-09-20, a 国庆 make-up workday.
    expect(computeDue('2026-08-21T09:00:00+08:00', days(30), cal)).toBe(dueOn('2026-09-20'));
  });

  it('gives 30 days to decide 复核', () => {
    // Request received Sun 2026-09-20; +30 days is Tue 2026-10-20.
    expect(computeDue('2026-09-20T09:00:00+08:00', days(30), cal)).toBe(dueOn('2026-10-20'));
  });

  it('treats the review-request windows as petitioner clocks, not staff clocks', () => {
    expect(isStaffClock('review_request')).toBe(false);
    expect(isStaffClock('re_review_request')).toBe(false);
    expect(isStaffClock('review')).toBe(true);
    expect(isStaffClock('re_review')).toBe(true);
    expect(isStaffClock('handle')).toBe(true);
  });
});

describe('objection clock: 5 working days (第23条第2款)', () => {
  it('skips 国庆 2025 and counts its make-up Saturday', () => {
    // Assigned Tue 2025-09-30; 10-01..10-08 are holidays; working days: Thu 10-09, Fri 10-10,
    // Sat 10-11 (make-up), Mon 10-13, Tue 10-14.
    expect(computeDue('2025-09-30T10:00:00+08:00', workingDays(5), cal)).toBe(dueOn('2025-10-14'));
  });

  it('skips 春节 2026 and counts its make-up Saturday before the holiday', () => {
    // Assigned Thu 2026-02-12; working days: Fri 02-13, Sat 02-14 (make-up), then 02-15..02-23 are holidays,
    // Tue 02-24, Wed 02-25, Thu 02-26.
    expect(computeDue('2026-02-12T10:00:00+08:00', workingDays(5), cal)).toBe(dueOn('2026-02-26'));
  });

  it('counts a plain week as Monday to Friday', () => {
    // Assigned Mon 2026-03-09; working days Tue 03-10 .. Fri 03-13, Mon 03-16.
    expect(computeDue('2026-03-09T10:00:00+08:00', workingDays(5), cal)).toBe(dueOn('2026-03-16'));
  });

  it('does not count the day of assignment even when it is a working day', () => {
    // Hotline objection: 1 working day. Assigned Thu 2026-03-12 → due Fri 2026-03-13.
    expect(computeDue('2026-03-12T08:00:00+08:00', workingDays(1), cal)).toBe(dueOn('2026-03-13'));
  });
});

describe('hours rules (hotline SLAs)', () => {
  it('gives an emergency 2 hours to the minute', () => {
    expect(computeDue('2026-03-02T09:00:00+08:00', hours(2), cal)).toBe('2026-03-02T03:00:00.000Z');
  });

  it('runs hour clocks through midnight and holidays without rolling', () => {
    // 23:30 on 国庆 2026 day one, a holiday: due 01:30 the next (holiday) morning.
    expect(computeDue('2026-10-01T23:30:00+08:00', hours(2), cal)).toBe('2026-10-01T17:30:00.000Z');
    expect(computeDue('2026-10-01T23:30:00+08:00', hours(24), cal)).toBe('2026-10-02T15:30:00.000Z');
  });

  it('applies the hotline emergency handle rule from the default policies', () => {
    const rule = findRule(DEFAULT_POLICIES, 'hotline', 'help', 'emergency', 'handle');
    expect(rule).toEqual({ amount: 2, unit: 'hours' });
    expect(computeDue('2026-03-02T09:15:00+08:00', rule ?? hours(0), cal)).toBe('2026-03-02T03:15:00.000Z');
  });
});

describe('findRule', () => {
  const base = { family: 'petition', clock: 'handle' } as const;
  const policies: PolicyRow[] = [
    { ...base, issueKind: '*', urgency: '*', amount: 60, unit: 'calendar_days' },
    { ...base, issueKind: '*', urgency: 'urgent', amount: 45, unit: 'calendar_days' },
    { ...base, issueKind: 'accusation', urgency: '*', amount: 30, unit: 'calendar_days' },
    { ...base, issueKind: 'accusation', urgency: 'urgent', amount: 10, unit: 'working_days' },
  ];

  it('prefers an exact kind and urgency over every wildcard', () => {
    expect(findRule(policies, 'petition', 'accusation', 'urgent', 'handle')).toEqual({ amount: 10, unit: 'working_days' });
  });

  it('prefers an exact kind over an exact urgency', () => {
    expect(findRule(policies, 'petition', 'accusation', 'normal', 'handle')).toEqual({ amount: 30, unit: 'calendar_days' });
    const withoutBoth = policies.filter((p) => p.amount !== 10);
    expect(findRule(withoutBoth, 'petition', 'accusation', 'urgent', 'handle')).toEqual({ amount: 30, unit: 'calendar_days' });
  });

  it('uses an exact urgency when the kind only matches the wildcard', () => {
    expect(findRule(policies, 'petition', 'consult', 'urgent', 'handle')).toEqual({ amount: 45, unit: 'calendar_days' });
  });

  it('falls back to the full wildcard', () => {
    expect(findRule(policies, 'petition', 'consult', 'normal', 'handle')).toEqual({ amount: 60, unit: 'calendar_days' });
  });

  it('does not depend on the order of the rows', () => {
    const reversed = [...policies].reverse();
    expect(findRule(reversed, 'petition', 'accusation', 'urgent', 'handle')).toEqual({ amount: 10, unit: 'working_days' });
    expect(findRule(reversed, 'petition', 'accusation', 'normal', 'handle')).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(findRule(reversed, 'petition', 'consult', 'urgent', 'handle')).toEqual({ amount: 45, unit: 'calendar_days' });
    expect(findRule(reversed, 'petition', 'consult', 'normal', 'handle')).toEqual({ amount: 60, unit: 'calendar_days' });
  });

  it('returns null when no row matches the clock, the family, or the exact kind', () => {
    expect(findRule(policies, 'petition', 'consult', 'normal', 'review')).toBeNull();
    expect(findRule(policies, 'hotline', 'consult', 'normal', 'handle')).toBeNull();
    const onlyAccusation = policies.filter((p) => p.issueKind === 'accusation');
    expect(findRule(onlyAccusation, 'petition', 'consult', 'normal', 'handle')).toBeNull();
    expect(findRule([], 'petition', 'consult', 'normal', 'accept')).toBeNull();
    expect(findRule(DEFAULT_POLICIES, 'hotline', 'consult', 'normal', 'review')).toBeNull();
  });

  it('returns only amount and unit', () => {
    expect(Object.keys(findRule(policies, 'petition', 'consult', 'normal', 'handle') ?? {}).sort()).toEqual(['amount', 'unit']);
  });
});

describe('DEFAULT_POLICIES', () => {
  it('carry the statutory petition clocks for every kind and urgency', () => {
    const petition = (clock: Parameters<typeof findRule>[4]) => findRule(DEFAULT_POLICIES, 'petition', 'appeal', 'complex', clock);
    expect(petition('accept')).toEqual({ amount: 15, unit: 'calendar_days' });
    expect(petition('handle')).toEqual({ amount: 60, unit: 'calendar_days' });
    expect(petition('objection')).toEqual({ amount: 5, unit: 'working_days' });
    expect(petition('review_request')).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(petition('review')).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(petition('re_review_request')).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(petition('re_review')).toEqual({ amount: 30, unit: 'calendar_days' });
  });

  it('carry the hotline SLAs per urgency', () => {
    const hotline = (urgency: Parameters<typeof findRule>[3], clock: Parameters<typeof findRule>[4]) =>
      findRule(DEFAULT_POLICIES, 'hotline', 'complaint', urgency, clock);
    expect(hotline('emergency', 'accept')).toEqual({ amount: 1, unit: 'hours' });
    expect(hotline('emergency', 'handle')).toEqual({ amount: 2, unit: 'hours' });
    expect(hotline('urgent', 'handle')).toEqual({ amount: 24, unit: 'hours' });
    expect(hotline('normal', 'handle')).toEqual({ amount: 7, unit: 'calendar_days' });
    expect(hotline('complex', 'handle')).toEqual({ amount: 15, unit: 'calendar_days' });
    expect(hotline('normal', 'objection')).toEqual({ amount: 1, unit: 'working_days' });
  });

  it('have no two rows for the same family, kind, urgency and clock', () => {
    const keys = DEFAULT_POLICIES.map((p) => `${p.family}|${p.issueKind}|${p.urgency}|${p.clock}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('describe a rule as amount and unit', () => {
    expect(describeRule({ amount: 60, unit: 'calendar_days' })).toBe('60 calendar_days');
  });
});

describe('Shanghai dates', () => {
  it('maps instants near Shanghai midnight to the right date', () => {
    expect(shanghaiDate('2026-03-01T16:30:00Z')).toBe('2026-03-02');
    expect(shanghaiDate('2026-03-01T15:59:59.999Z')).toBe('2026-03-01');
    expect(shanghaiDate('2026-03-01T16:00:00.000Z')).toBe('2026-03-02');
    expect(shanghaiDate(new Date('2026-03-02T00:30:00+08:00'))).toBe('2026-03-02');
    expect(shanghaiDate('2025-12-31T16:00:00Z')).toBe('2026-01-01');
  });

  it('gives the first and last millisecond of a Shanghai day in UTC', () => {
    expect(startOfShanghaiDay('2026-03-02')).toBe('2026-03-01T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-03-02')).toBe('2026-03-02T15:59:59.999Z');
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2025-12-17', 15)).toBe('2026-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-17', -15)).toBe('2026-03-02');
  });
});

describe('WorkCalendar', () => {
  it('treats public holidays as rest days, even on weekdays', () => {
    expect(cal.isWorkingDay('2025-10-01')).toBe(false); // Wed, 国庆节
    expect(cal.isWorkingDay('2025-10-08')).toBe(false); // Wed, 国庆节、中秋节
    expect(cal.isWorkingDay('2026-02-23')).toBe(false); // Mon, 春节
    expect(cal.isWorkingDay('2026-01-02')).toBe(false); // Fri, 元旦
  });

  it('treats make-up days as working days, even on weekends', () => {
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sun
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Sat
    expect(cal.isWorkingDay('2026-01-04')).toBe(true); // Sun
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Sat
  });

  it('treats ordinary weekends as rest days and ordinary weekdays as working days', () => {
    expect(cal.isWorkingDay('2025-10-18')).toBe(false); // Sat
    expect(cal.isWorkingDay('2025-10-19')).toBe(false); // Sun
    expect(cal.isWorkingDay('2025-10-20')).toBe(true); // Mon
    expect(cal.isWorkingDay('2026-03-13')).toBe(true); // Fri
  });

  it('lets the same weekend date differ between the official calendar and a plain one', () => {
    expect(plainWeeks.isWorkingDay('2025-10-11')).toBe(false);
    expect(plainWeeks.isWorkingDay('2025-10-01')).toBe(true);
  });

  it('counts working days in (from, to]', () => {
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-14')).toBe(5);
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    // (Fri 09-26, Tue 09-30]: Sat no, Sun 09-28 make-up yes, Mon yes, Tue yes.
    expect(cal.workingDaysBetween('2025-09-26', '2025-09-30')).toBe(3);
    expect(cal.workingDaysBetween('2026-03-13', '2026-03-13')).toBe(0);
    expect(cal.workingDaysBetween('2026-03-16', '2026-03-13')).toBe(0);
    expect(cal.workingDaysBetween('2026-03-12', '2026-03-13')).toBe(1);
  });

  it('agrees with addWorkingDays', () => {
    for (const start of ['2025-09-30', '2026-02-12', '2026-04-30', '2026-12-31']) {
      for (const n of [1, 5, 20]) expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, n))).toBe(n);
    }
  });

  it('finds the same or next working day', () => {
    expect(cal.onOrNextWorkingDay('2026-03-13')).toBe('2026-03-13');
    expect(cal.onOrNextWorkingDay('2026-03-14')).toBe('2026-03-16');
    expect(cal.onOrNextWorkingDay('2026-10-01')).toBe('2026-10-08');
    expect(cal.onOrNextWorkingDay('2026-10-10')).toBe('2026-10-10');
  });
});

describe('independence from the process time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  function computeAll(): string[] {
    return [
      computeDue('2026-03-01T16:30:00Z', days(15), cal),
      computeDue('2026-03-06T23:59:00+08:00', days(15), cal),
      computeDue('2025-09-30T23:30:00+08:00', workingDays(5), cal),
      computeDue('2026-03-07T23:30:00+08:00', hours(2), cal),
      extendDue(dueOn('2026-05-20'), 30, cal),
      shanghaiDate('2026-03-01T16:30:00Z'),
      String(cal.isWorkingDay('2025-10-11')),
      String(cal.workingDaysBetween('2025-09-30', '2025-10-14')),
    ];
  }

  const expected = [
    dueOn('2026-03-17'), dueOn('2026-03-23'), dueOn('2025-10-14'), '2026-03-07T17:30:00.000Z', dueOn('2026-06-22'),
    '2026-03-02', 'true', '5',
  ];

  it('gives the same results in Shanghai, New York and Kiritimati', () => {
    process.env.TZ = 'Asia/Shanghai';
    const shanghai = computeAll();
    process.env.TZ = 'America/New_York';
    // The switch must really have happened, or the comparison below proves nothing.
    expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(300);
    const newYork = computeAll();
    process.env.TZ = 'Pacific/Kiritimati';
    expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(-840);
    const kiritimati = computeAll();
    expect(shanghai).toEqual(expected);
    expect(newYork).toEqual(shanghai);
    expect(kiritimati).toEqual(shanghai);
  });

  it('gives the same results across the New York daylight-saving change (2026-03-08)', () => {
    process.env.TZ = 'America/New_York';
    expect(computeDue('2026-03-07T20:00:00-05:00', days(1), cal)).toBe(dueOn('2026-03-09'));
    expect(cal.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
  });
});

describe('2027 before its holidays are entered', () => {
  it('has no 2027 entries in the seeded calendar', () => {
    expect(OFFICIAL_CALENDAR.filter((e) => e.date.startsWith('2027'))).toEqual([]);
  });

  it('still rests on Saturdays and Sundays: a 5-working-day clock from Friday 2027-01-08 ends Friday 2027-01-15', () => {
    expect([cal.isWorkingDay('2027-01-08'), cal.isWorkingDay('2027-01-09'), cal.isWorkingDay('2027-01-10'), cal.isWorkingDay('2027-01-11')]).toEqual([true, false, false, true]);
    // Mon 11, Tue 12, Wed 13, Thu 14, Fri 15: the weekend of 9–10 January is skipped.
    expect(computeDue('2027-01-08T16:00:00+08:00', workingDays(5), cal)).toBe(dueOn('2027-01-15'));
    // From a Friday afternoon across two weekends: 10 working days end Friday 2027-01-22.
    expect(computeDue('2027-01-08T16:00:00+08:00', workingDays(10), cal)).toBe(dueOn('2027-01-22'));
    expect(cal.workingDaysBetween('2027-01-08', '2027-01-15')).toBe(5);
  });

  it('rolls a calendar-day clock ending on a 2027 weekend to the Monday', () => {
    // Received Fri 2027-01-01: day 15 is Sat 2027-01-16, so the clock ends Mon 2027-01-18.
    expect(computeDue('2027-01-01T10:00:00+08:00', days(15), cal)).toBe(dueOn('2027-01-18'));
  });

  it('counts 2027-01-01 as a working day until 元旦 is entered, and skips it after', () => {
    // From Thu 2026-12-31: Fri 1 January (not entered), Mon 4 … Thu 7.
    expect(computeDue('2026-12-31T10:00:00+08:00', workingDays(5), cal)).toBe(dueOn('2027-01-07'));
    const entered = new WorkCalendar([...OFFICIAL_CALENDAR, { date: '2027-01-01', type: 'holiday', name: '元旦' }]);
    expect(computeDue('2026-12-31T10:00:00+08:00', workingDays(5), entered)).toBe(dueOn('2027-01-08'));
  });
});
