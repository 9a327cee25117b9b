import { describe, expect, it } from 'vitest';
import { PUNCT_FOLDS, foldPunct, fts5Query, highlightRanges, indexTokens, indexTokensByRegex, parseQuery, storedDocOf, tsQuery } from './tokens.ts';
import { prng } from '../../shared/random.ts';

describe('index tokens', () => {
  it('cuts ideograph runs into bigrams plus the last character, and words of letters and digits into their suffixes', () => {
    expect(indexTokens('路灯不亮')).toEqual(['路灯', '灯不', '不亮', '亮']);
    expect(indexTokens('A3区 WiFi信号差！')).toEqual(['a3', '3', '区', 'wifi', 'ifi', 'fi', 'i', '信号', '号差', '差']);
    expect(indexTokens('灯')).toEqual(['灯']);
  });
  it('gives exactly the tokens of the regular-expression definition, for text of every kind of character', () => {
    // Han (BMP and beyond), kana and the prolonged sound mark (Common script), Hangul, 〇, Latin with accents and
    // combining marks, full-width forms, digits, emoji, punctuation and spaces.
    const alphabet = Array.from('路灯不亮电梯噪音扰民𠀀𠀁𪚥ひらカタカナーー한국어〇ÀéßǅÅa\u0301Zz09０９ＡＢ🙂🚗，。！、 \n\t-_/#"');
    const random = prng(7);
    let compared = 0;
    for (let k = 0; k < 5000; k++) {
      const len = 1 + Math.floor(random() * 40);
      const text = Array.from({ length: len }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');
      expect(indexTokens(text), JSON.stringify(text)).toEqual(indexTokensByRegex(text));
      compared += indexTokens(text).length;
    }
    expect(compared).toBeGreaterThan(50_000);
    expect(indexTokens('𠀀𠀁路')).toEqual(['𠀀𠀁', '𠀁路', '路']);
    expect(indexTokens('カーテン')).toEqual(['カ', 'ー', 'テン', 'ン']);
  });

  it('finds a substring anywhere in a word longer than the longest token', () => {
    const word = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const tokens = indexTokens(`编号${word}`);
    expect(tokens).toContain('z0123456789');
    expect(tokens).toContain('abcdefghijklmnopqrstuvwx');
    expect(tokens.every((t) => t.length <= 24)).toBe(true);
    // A long term is looked up by its first 24 characters (then checked against the text).
    const [term] = parseQuery('cdefghijklmnopqrstuvwxyz0123');
    expect(term!.tokens).toEqual([{ token: 'cdefghijklmnopqrstuvwxyz', prefix: true }]);
    expect(tokens.some((t) => t.startsWith(term!.tokens[0]!.token))).toBe(true);
  });

  it('normalises full-width letters and digits (NFKC) and lower-cases', () => {
    expect(indexTokens('ＡＢＣ１２３')[0]).toBe('abc123');
  });
  it('gives every character of a run as the first character of some token (single-character search by prefix)', () => {
    const text = '小区电梯经常停运';
    const tokens = indexTokens(text);
    for (const ch of text) expect(tokens.some((t) => t.startsWith(ch)), ch).toBe(true);
  });
});

describe('queries', () => {
  it('splits terms on spaces and keeps quoted phrases (ASCII or Chinese quotes)', () => {
    expect(parseQuery('路灯  电梯').map((t) => t.text)).toEqual(['路灯', '电梯']);
    expect(parseQuery('"解放路 路灯" 坏').map((t) => t.text)).toEqual(['解放路 路灯', '坏']);
    expect(parseQuery('“噪音扰民”').map((t) => t.text)).toEqual(['噪音扰民']);
    expect(parseQuery('！！ ，').length).toBe(0);
  });
  it('makes bigram tokens for two or more ideographs and prefix tokens for single ones and words', () => {
    expect(parseQuery('路灯不亮')[0]!.tokens).toEqual([{ token: '路灯', prefix: false }, { token: '灯不', prefix: false }, { token: '不亮', prefix: false }]);
    expect(parseQuery('灯')[0]!.tokens).toEqual([{ token: '灯', prefix: true }]);
    expect(parseQuery('A3区')[0]!.tokens).toEqual([{ token: 'a3', prefix: true }, { token: '区', prefix: true }]);
  });
  it('caps the tokens of a long phrase, keeping its first and last bigram', () => {
    const long = '这是一段很长很长的用来测试的引用短语内容一共有二十多个字';
    const tokens = parseQuery(`"${long}"`)[0]!.tokens;
    expect(tokens.length).toBeLessThanOrEqual(12);
    expect(tokens[0]!.token).toBe('这是');
    expect(tokens[tokens.length - 1]!.token).toBe('个字');
  });
  it('writes FTS5 and tsquery expressions with every token quoted', () => {
    const terms = parseQuery("灯 o'neil 路灯");
    expect(fts5Query(terms)).toBe('"灯"* AND "o"* AND "neil"* AND "路灯"');
    expect(tsQuery(terms)).toBe("'灯':* & 'o':* & 'neil':* & '路灯'");
  });
});

describe('highlights', () => {
  it('marks every occurrence', () => {
    expect(highlightRanges('路灯坏了，路灯', ['路灯'])).toEqual([[0, 2], [5, 7]]);
  });
});

describe('punctuation search folds itself', () => {
  it('folds each character to its NFKC form, and stores a text only when NFKC changes more', () => {
    for (const [from, to] of PUNCT_FOLDS) expect([from, from.normalize('NFKC')]).toEqual([from, to]);
    expect(foldPunct('路灯不亮，已报修！（东关村）')).toBe('路灯不亮,已报修!(东关村)');
    expect(storedDocOf(['路灯不亮', '已报修，谢谢。'])).toBeNull();
    expect(storedDocOf(['１２号楼', '路灯不亮，'])).toBe('12号楼\n路灯不亮,');
    expect(storedDocOf(['cafe\u0301'])).toBe('café');
    // The same answer as folding and comparing, on random mixes of folded, changed and plain characters.
    const random = prng(7);
    const pool = ['路', '灯', 'a', 'B', '1', ',', '.', ' ', '\n', '，', '…', '\u3000', '！', '１', 'Ａ', '㎡', '①', 'e\u0301', '\u{20000}', '\u{2F800}'];
    for (let k = 0; k < 5000; k++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pool[Math.floor(random() * pool.length)]!).join('');
      const doc = text.normalize('NFKC');
      expect(storedDocOf([text]), JSON.stringify(text)).toBe(doc === foldPunct(text) ? null : doc);
    }
  });
});
