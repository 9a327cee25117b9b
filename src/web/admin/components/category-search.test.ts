import { describe, expect, it } from 'vitest';
import { categoryHit, hitRank } from './category-search.ts';

const top = { label: '城乡建设', keywords: ['城建', '市政'] };
const municipal = { label: '城市建设和市政管理', keywords: ['排水', '下水道', '积水', 'Drainage'] };

describe('category search', () => {
  it('matches the name first, then a keyword, then a parent\'s name', () => {
    expect(categoryHit('市政', [top, municipal])).toEqual({ by: 'name' });
    expect(categoryHit('排水', [top, municipal])).toEqual({ by: 'keyword', keyword: '排水' });
    expect(categoryHit('城乡', [top, municipal])).toEqual({ by: 'path' });
    expect(categoryHit('城建', [top])).toEqual({ by: 'keyword', keyword: '城建' });
    // A parent's keyword is the parent's, not its children's.
    expect(categoryHit('城建', [top, municipal])).toBeNull();
    expect(categoryHit('噪音', [top, municipal])).toBeNull();
    expect([hitRank('市政', [top, municipal]), hitRank('排水', [top, municipal]), hitRank('城乡', [top, municipal]), hitRank('噪音', [top, municipal])]).toEqual([0, 1, 2, 3]);
  });

  it('finds a keyword inside longer text, ignoring case and spaces, and nothing for blank text', () => {
    expect(categoryHit('下水道堵了', [top, municipal])).toEqual({ by: 'keyword', keyword: '下水道' });
    expect(categoryHit('  drain ', [top, municipal])).toEqual({ by: 'keyword', keyword: 'Drainage' });
    expect(categoryHit(' ', [top, municipal])).toBeNull();
    expect(categoryHit('排', [{ label: '其他', keywords: [] }])).toBeNull();
    expect(categoryHit('排', [{ label: '其他' }])).toBeNull();
  });
});
