import { describe, expect, it } from 'vitest';
import { cosine, cosineText, cosineWith, idfOf, numericVector, lookupTokens, problemTokenCounts, problemTokens, rarestTokens, similarityScore, textSimilarity, tfidfVector } from './similarity.ts';

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

describe('TF-IDF vectors and lookup tokens', () => {
  const df = new Map([['路灯', 10], ['灯不', 40], ['不亮', 300], ['解放', 2]]);
  const freq = { n: 1000, df, complete: true };

  it('counts tokens, weighs them (1 + ln tf) · idf to unit length, and compares by cosine', () => {
    const counts = problemTokenCounts('路灯不亮，路灯', 100);
    expect([...counts]).toEqual([['路灯', 2], ['灯不', 1], ['不亮', 1]]);
    const v = tfidfVector(counts, freq);
    expect([...v.values()].reduce((a, w) => a + w * w, 0)).toBeCloseTo(1, 12);
    expect(v.get('路灯')! / v.get('灯不')!).toBeCloseTo((1 + Math.log(2)) * idfOf('路灯', freq) / idfOf('灯不', freq), 12);
    expect(idfOf('新词', freq)).toBeCloseTo(Math.log(1001) + 1, 12);
    expect(cosine(v, v)).toBeCloseTo(1, 12);
    const other = problemTokenCounts('解放路路灯坏了', 100);
    expect(cosineWith(v, other, freq)).toBeCloseTo(cosine(v, tfidfVector(other, freq)), 12);
    expect(cosineWith(v, problemTokenCounts('水管漏水', 100), freq)).toBe(0);
  });

  it('reads a candidate text in one pass as cosineWith does (bigrams as numbers, words as strings, within max)', () => {
    const v = tfidfVector(problemTokenCounts('解放路路灯不亮 WiFi 信号差，路灯', 100), freq);
    for (const text of ['解放路路灯坏了，WIFI信号也差', '路灯不亮路灯不亮', 'abc 12 水管', '', '解放路路灯不亮 WiFi 信号差，路灯']) {
      for (const max of [3, 8, 100]) expect(cosineText(numericVector(v), text, max, freq)).toBeCloseTo(cosineWith(v, problemTokenCounts(text, max), freq), 12);
    }
  });

  it('looks up the heaviest tokens that are not common, each voting weight · idf', () => {
    const v = tfidfVector(problemTokenCounts('解放路路灯不亮路灯', 100), freq);
    const tokens = lookupTokens(v, freq);
    // 路灯 twice outweighs the rarer 解放; 不亮 is in 30 % of the issues: dropped; 亮路, 放路, 路路 the sample lacks and it
    // is complete: nobody has them.
    expect(tokens.map((t) => t.token)).toEqual(['路灯', '解放', '灯不']);
    expect(tokens[1]!.weight).toBeCloseTo(v.get('解放')! * idfOf('解放', freq), 12);
    expect(lookupTokens(v, { ...freq, complete: false }).map((t) => t.token)).toEqual(['路灯', '解放', '灯不', '亮路', '放路', '路路']);
  });
});
