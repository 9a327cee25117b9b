import { describe, expect, it } from 'vitest';
import { problemTokens, rarestTokens, similarityScore, textSimilarity } from './similarity.ts';

describe('problemTokens', () => {
  it('gives ideograph bigrams and ASCII words of two or more characters, lower case, within the first max units', () => {
    expect([...problemTokens('A3区路灯不亮 WiFi信号x', 100)]).toEqual(['a3', '区路', '路灯', '灯不', '不亮', 'wifi', '信号']);
    expect([...problemTokens('路灯不亮', 3)]).toEqual(['路灯', '灯不']);
    expect(problemTokens('，。！', 100).size).toBe(0);
  });
});

describe('rarestTokens', () => {
  const df = new Map([['路灯', 5], ['灯不', 2], ['不亮', 40], ['小区', 900]]);
  const tokens = new Set(['小区', '路灯', '灯不', '不亮', '新词']);

  it('looks up the rarest tokens some issue has, with idf weights; common ones are dropped', () => {
    const r = rarestTokens(tokens, { n: 1000, df, complete: true });
    expect(r.map((t) => t.token)).toEqual(['灯不', '路灯', '不亮']);
    expect(r[0]!.weight).toBeCloseTo(Math.log(1001 / 3) + 1, 12);
  });

  it('adds tokens a partial sample has not seen, after the others', () => {
    expect(rarestTokens(tokens, { n: 1000, df, complete: false }).map((t) => t.token)).toEqual(['灯不', '路灯', '不亮', '新词']);
  });
});

describe('textSimilarity / similarityScore', () => {
  it('is the Dice overlap of two token sets, plus place and category bonuses', () => {
    expect(textSimilarity(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd', 'e']))).toBeCloseTo(4 / 7, 12);
    expect(textSimilarity(new Set(), new Set())).toBe(0);
    expect(similarityScore(0.5, { samePlace: true, nearPlace: false, sameCategory: true })).toBeCloseTo(0.75, 12);
    expect(similarityScore(0.5, { samePlace: false, nearPlace: true, sameCategory: false })).toBeCloseTo(0.55, 12);
  });
});
