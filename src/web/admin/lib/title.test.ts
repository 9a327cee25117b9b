import { describe, expect, it } from 'vitest';
import { titleOf } from './title.ts';

describe('titleOf', () => {
  it('takes the first sentence of what was found', () => {
    expect(titleOf('  三组水渠淤塞。二十多户秧田放不进水。')).toBe('三组水渠淤塞');
    expect(titleOf('村口路灯坏了！晚上看不清')).toBe('村口路灯坏了');
    expect(titleOf('第一行\n第二行')).toBe('第一行');
  });
  it('cuts a long one to 30 characters, counting characters not UTF-16 units', () => {
    const long = '东关村'.repeat(20);
    expect([...titleOf(long)]).toHaveLength(30);
    expect(titleOf(long).endsWith('…')).toBe(true);
    expect([...titleOf('𠀀'.repeat(40))]).toHaveLength(30);
  });
  it('keeps a text with no sentence end whole, and one that starts with a stop', () => {
    expect(titleOf('垃圾没人清运')).toBe('垃圾没人清运');
    expect(titleOf('。垃圾没人清运')).toBe('。垃圾没人清运');
  });
});
