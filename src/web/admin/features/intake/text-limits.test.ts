import { describe, expect, it } from 'vitest';
import { charCount, charCountConfig, cutChars } from './text-limits.ts';

describe('text limits in characters', () => {
  it('counts characters, not UTF-16 units', () => {
    expect(charCount('路灯')).toBe(2);
    expect(charCount('路灯😀')).toBe(3);
    expect('路灯😀'.length).toBe(4);
  });

  it('cuts to the limit without splitting a character', () => {
    expect(cutChars('路'.repeat(10_000), 200)).toBe('路'.repeat(200));
    expect(cutChars('😀'.repeat(5), 3)).toBe('😀😀😀');
    expect(cutChars('短', 200)).toBe('短');
  });

  it('gives the input a counter that stops at the limit', () => {
    const c = charCountConfig(200);
    expect(c).toMatchObject({ show: true, max: 200 });
    expect(c.exceedFormatter('字'.repeat(10_000))).toHaveLength(200);
  });
});
