import { describe, expect, it } from 'vitest';
import { snippetOf } from './snippet.ts';

describe('snippets', () => {
  it('marks every occurrence and windows around the first', () => {
    const parts = snippetOf(`${'前'.repeat(100)}电梯停运${'后'.repeat(100)}`, ['电梯'], 40);
    expect(parts[0]).toEqual({ text: '…', hit: false });
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['电梯']);
    expect(parts.map((p) => p.text).join('').length).toBeLessThanOrEqual(42);
  });
  it('merges overlapping hits', () => {
    expect(snippetOf('路灯不亮', ['路灯', '灯不']).filter((p) => p.hit).map((p) => p.text)).toEqual(['路灯不']);
  });
});
