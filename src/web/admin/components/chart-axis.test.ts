import { describe, expect, it } from 'vitest';
import { countAxis } from './chart-axis.ts';

describe('countAxis', () => {
  it('ends at the largest count when counts are small (no axis to 20 for bars of 1)', () => {
    expect(countAxis(0)).toMatchObject({ min: 0, max: 1, interval: 1 });
    expect(countAxis(1)).toMatchObject({ min: 0, max: 1, interval: 1 });
    expect(countAxis(3)).toMatchObject({ max: 3, interval: 1 });
    expect(countAxis(6)).toMatchObject({ max: 6, interval: 1 });
  });

  it('has whole steps, at most six, and a top less than one step above the largest count', () => {
    for (let m = 0; m <= 5000; m++) {
      const a = countAxis(m);
      expect(Number.isInteger(a.interval), `interval for ${m}`).toBe(true);
      expect(a.max % a.interval).toBe(0);
      expect(a.max).toBeGreaterThanOrEqual(Math.max(1, m));
      expect(a.max - Math.max(1, m)).toBeLessThan(a.interval);
      expect(a.max / a.interval).toBeLessThanOrEqual(6);
    }
    expect(countAxis(17)).toMatchObject({ max: 18, interval: 3 });
    expect(countAxis(101)).toMatchObject({ max: 120, interval: 20 });
  });
});
