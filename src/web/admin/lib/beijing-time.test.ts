// A browser far from Beijing, with daylight saving: the picker must still show and send Beijing wall time.
(globalThis as unknown as { process: { env: Record<string, string> } }).process.env.TZ = 'America/New_York';

import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { beijingInstant, beijingToday, beijingWall } from './beijing-time.ts';

describe('Beijing time in pickers, in a New York browser', () => {
  it('runs in New York', () => {
    expect(new Date('2026-03-01T01:30:00Z').getTimezoneOffset()).toBe(300);
    expect(new Date('2026-07-01T01:30:00Z').getTimezoneOffset()).toBe(240);
  });

  it('shows an instant as its Beijing wall time', () => {
    expect(beijingWall('2026-03-01T01:30:00Z').format('YYYY-MM-DD HH:mm')).toBe('2026-03-01 09:30');
    expect(beijingWall('2026-07-01T20:15:00Z').format('YYYY-MM-DD HH:mm')).toBe('2026-07-02 04:15');
  });

  it('sends what the picker shows as Beijing time, winter and summer', () => {
    expect(beijingInstant(dayjs('2026-03-01 09:30', 'YYYY-MM-DD HH:mm'))).toBe('2026-03-01T01:30:00.000Z');
    expect(beijingInstant(dayjs('2026-07-02 04:15', 'YYYY-MM-DD HH:mm'))).toBe('2026-07-01T20:15:00.000Z');
    // the browser's own reading of the same value would be 13 hours off
    expect(dayjs('2026-03-01 09:30', 'YYYY-MM-DD HH:mm').toISOString()).toBe('2026-03-01T14:30:00.000Z');
  });

  it('goes there and back', () => {
    for (const iso of ['2026-01-01T00:00:00.000Z', '2026-03-08T07:30:00.000Z', '2026-11-01T05:59:00.000Z', '2026-12-31T16:00:00.000Z']) {
      expect(beijingInstant(beijingWall(iso))).toBe(iso);
    }
  });

  it('knows the Beijing day', () => {
    expect(beijingToday()).toBe(beijingWall().format('YYYY-MM-DD'));
  });
});
