import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY, applySearch, hasFilters, ledgerQueryString, parseLedgerQuery, sortOptions } from './ledger-query.ts';

describe('the ledger query in the URL', () => {
  it('reads a deep link', () => {
    expect(parseLedgerQuery('?status=assigned,accepted&overdue=true&categoryId=12&from=2026-11-01&sort=due_asc&q=%E8%B7%AF%E7%81%AF')).toEqual({
      ...EMPTY_QUERY, status: ['assigned', 'accepted'], overdue: true, categoryId: 12, from: '2026-11-01', sort: 'due_asc', q: '路灯',
    });
  });

  it('drops what the API would refuse', () => {
    expect(parseLedgerQuery('status=assigned,bogus&status=closed&channel=pigeon&categoryId=abc&unitId=0&overdue=maybe&from=yesterday&sort=random&cursor=5&colour=red'))
      .toEqual({ ...EMPTY_QUERY, status: ['assigned', 'closed'] });
  });

  it('writes a canonical, readable text that reads back the same', () => {
    const q = { ...EMPTY_QUERY, kind: ['help' as const], status: ['returned' as const, 'reopened' as const], responsibleUnitId: 7, overdue: false, to: '2026-11-30', q: ' 路灯 ' };
    const text = ledgerQueryString(q);
    expect(text).toBe('status=returned,reopened&kind=help&responsibleUnitId=7&overdue=false&to=2026-11-30&q=%E8%B7%AF%E7%81%AF');
    expect(parseLedgerQuery(text)).toEqual({ ...q, q: '路灯' });
    expect(ledgerQueryString(EMPTY_QUERY)).toBe('');
    expect(ledgerQueryString({ ...EMPTY_QUERY, sort: 'received_asc' })).toBe('sort=received_asc');
  });

  it('tells filters from the order', () => {
    expect(hasFilters(EMPTY_QUERY)).toBe(false);
    expect(hasFilters({ ...EMPTY_QUERY, sort: 'due_asc' })).toBe(false);
    expect(hasFilters({ ...EMPTY_QUERY, overdue: false })).toBe(true);
  });

  it('orders by relevance only while searching', () => {
    expect(parseLedgerQuery('q=%E8%B7%AF%E7%81%AF&sort=relevance')).toEqual({ ...EMPTY_QUERY, q: '路灯', sort: 'relevance' });
    // without a search text the API would ignore it: the URL drops it
    expect(parseLedgerQuery('sort=relevance')).toEqual(EMPTY_QUERY);
    expect(ledgerQueryString({ ...EMPTY_QUERY, sort: 'relevance' })).toBe('');
    expect(ledgerQueryString({ ...EMPTY_QUERY, q: ' 路灯 ', sort: 'relevance' })).toBe('q=%E8%B7%AF%E7%81%AF&sort=relevance');
    expect(sortOptions(EMPTY_QUERY)).not.toContain('relevance');
    expect(sortOptions({ q: '路灯' })).toContain('relevance');
  });

  it('switches to relevance when a search starts from the default order, and back when it is cleared', () => {
    expect(applySearch(EMPTY_QUERY, ' 路灯 ')).toEqual({ q: '路灯', sort: 'relevance' });
    // a refined search keeps whatever order is shown, and so does an order the user chose
    expect(applySearch({ ...EMPTY_QUERY, q: '路灯' }, '路灯 维修')).toEqual({ q: '路灯 维修' });
    expect(applySearch({ ...EMPTY_QUERY, sort: 'due_asc' }, '路灯')).toEqual({ q: '路灯' });
    expect(applySearch({ ...EMPTY_QUERY, q: '路灯', sort: 'relevance' }, '')).toEqual({ q: '', sort: 'received_desc' });
    expect(applySearch({ ...EMPTY_QUERY, q: '路灯', sort: 'due_asc' }, '  ')).toEqual({ q: '' });
  });
});

describe('the owner and repeat filters', () => {
  it('round-trip through the URL, and ignore values that are not theirs', () => {
    const q = parseLedgerQuery('ownerId=7&repeat=true');
    expect(q).toMatchObject({ ownerId: 7, repeat: true });
    expect(ledgerQueryString(q)).toBe('ownerId=7&repeat=true');
    expect(parseLedgerQuery('repeat=false').repeat).toBe(false);
    expect(parseLedgerQuery('repeat=yes&ownerId=-1')).toMatchObject({ repeat: null, ownerId: null });
    expect(hasFilters(parseLedgerQuery('repeat=false'))).toBe(true);
  });
});
