import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY, ledgerQueryString, parseLedgerQuery } from '../ledger/ledger-query.ts';
import { ledgerLink, shanghaiDate } from './hotspot-link.ts';

describe('a hot spot opened in the ledger', () => {
  it('dates the window in Shanghai', () => {
    expect(shanghaiDate('2026-10-30T03:53:17.351Z')).toBe('2026-10-30');
    // 17:00 UTC is already the next day in Shanghai
    expect(shanghaiDate('2026-10-30T17:00:00.000Z')).toBe('2026-10-31');
  });

  it('filters the ledger to the place, the category and the window with its own parameters', () => {
    const link = ledgerLink({ areaId: 66, categoryId: 39 }, '2026-10-30T16:30:00.000Z', '2026-11-29T03:53:17.351Z');
    expect(link).toBe('/issues?categoryId=39&unitId=66&from=2026-10-31&to=2026-11-29');
    // the ledger reads it as written: its canonical text, so the link is not rewritten on arrival
    const query = parseLedgerQuery(link.split('?')[1]!);
    expect(query).toEqual({ ...EMPTY_QUERY, unitId: 66, categoryId: 39, from: '2026-10-31', to: '2026-11-29' });
    expect(ledgerQueryString(query)).toBe(link.split('?')[1]);
    // uncategorised issues: the place and the window only
    expect(ledgerLink({ areaId: 66, categoryId: null }, '2026-10-30T00:00:00Z', '2026-11-29T00:00:00Z')).toBe('/issues?unitId=66&from=2026-10-30&to=2026-11-29');
  });
});
