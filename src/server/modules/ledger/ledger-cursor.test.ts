import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './ledger-cursor.ts';

describe('ledger cursors', () => {
  it('round-trip every order, including a due order row without a due time', () => {
    for (const c of [
      { sort: 'received_desc', key: '2026-11-20T01:00:00.000Z', id: 42 },
      { sort: 'received_asc', key: '2026-01-01T00:00:00.000Z', id: 1 },
      { sort: 'due_asc', key: '2026-12-07T15:59:59.999Z', id: 7 },
      { sort: 'due_asc', key: null, id: 9 },
    ] as const) {
      const text = encodeCursor(c);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(text)).toEqual(c);
    }
  });

  it('still reads a plain id (the cursor before sorting existed)', () => {
    expect(decodeCursor('1234')).toEqual({ sort: null, id: 1234 });
    expect(decodeCursor('0')).toBeNull();
  });

  it.each([
    ['garbage', 'abc'],
    ['not an array', Buffer.from('{"a":1}').toString('base64url')],
    ['an unknown order', Buffer.from('["id_desc","2026-01-01T00:00:00.000Z",1]').toString('base64url')],
    ['a key that is not a time', Buffer.from('["received_desc","1 or 1=1",1]').toString('base64url')],
    ['a received order without a key', Buffer.from('["received_desc",null,1]').toString('base64url')],
    ['a bad id', Buffer.from('["due_asc",null,-3]').toString('base64url')],
    ['a fractional id', Buffer.from('["due_asc",null,1.5]').toString('base64url')],
  ])('rejects %s', (_name, text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});
