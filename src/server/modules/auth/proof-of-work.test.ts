import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { provesWork, sha256First32, solveWork } from '../../../shared/proof-of-work.ts';

describe('proof of work', () => {
  it('hashes like SHA-256, across block boundaries', () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'y'.repeat(64), 'eyJ1IjoiY2xlcmsifQ.abc:123456', 'z'.repeat(200)]) {
      expect(sha256First32(text), `${text.length} chars`).toBe(createHash('sha256').update(text).digest().readUInt32BE(0));
    }
  });

  it('solves and checks a challenge, and refuses a wrong or malformed nonce', async () => {
    const nonce = await solveWork('challenge-1', 12);
    expect(provesWork('challenge-1', nonce, 12)).toBe(true);
    expect(createHash('sha256').update(`challenge-1:${nonce}`).digest().readUInt16BE(0) >> 4).toBe(0);
    const wrong = [...Array(50).keys()].map(String).find((n) => !provesWork('challenge-1', n, 12))!;
    expect(provesWork('challenge-1', wrong, 12)).toBe(false);
    expect(provesWork('challenge-1', `${nonce} `, 12)).toBe(false);
    expect(provesWork('challenge-1', nonce, 40)).toBe(false);
  });
});
