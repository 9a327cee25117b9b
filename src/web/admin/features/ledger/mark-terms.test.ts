import { describe, expect, it } from 'vitest';
import { markTerms } from './mark-terms.ts';

describe('search terms marked in a title', () => {
  it('marks every occurrence of every term', () => {
    expect(markTerms('路灯损坏，路灯不亮', ['路灯'])).toEqual([
      { text: '路灯', hit: true }, { text: '损坏，', hit: false }, { text: '路灯', hit: true }, { text: '不亮', hit: false },
    ]);
    expect(markTerms('青山村路灯损坏', ['损坏', '青山'])).toEqual([
      { text: '青山', hit: true }, { text: '村路灯', hit: false }, { text: '损坏', hit: true },
    ]);
  });

  it('matches as the server does (NFKC, lower case) but keeps the original characters', () => {
    expect(markTerms('ＡＢＣ小区5号楼', ['abc', '5号'])).toEqual([
      { text: 'ＡＢＣ', hit: true }, { text: '小区', hit: false }, { text: '5号', hit: true }, { text: '楼', hit: false },
    ]);
  });

  it('joins overlapping hits and leaves text without terms alone', () => {
    expect(markTerms('噪音扰民', ['噪音扰', '音扰民'])).toEqual([{ text: '噪音扰民', hit: true }]);
    expect(markTerms('噪音扰民', [])).toEqual([{ text: '噪音扰民', hit: false }]);
    expect(markTerms('', ['x'])).toEqual([]);
  });
});
