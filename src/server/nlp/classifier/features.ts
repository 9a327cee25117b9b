// Text normalisation and feature extraction for the message classifier. A message becomes a bag of hashed
// terms — jieba words, word bigrams, character n-grams, optionally title-only words — with counts.
// Terms are 32-bit hashes rather than strings: extraction then allocates no strings per n-gram, the model
// stores 4 bytes per vocabulary entry, and collisions among the ~10⁶ distinct terms of a corpus are a few
// dozen rare terms, which does not measurably change accuracy.
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

/** Which terms to extract from a message; stored with the model so prediction extracts the same ones. */
export interface FeatureOptions {
  /** jieba words of title and body. */
  words: boolean;
  /** Adjacent word pairs within a clause (punctuation breaks the chain). */
  wordBigrams: boolean;
  /** Character n-gram lengths [min, max] within a clause, e.g. [1, 3]; [0, 0] turns them off. */
  charNgrams: [number, number];
  /** How many times title terms are counted (the title is the first line of the text); an integer ≥ 1. */
  titleWeight: number;
  /** Extra title-only word features, separate from the body's. */
  titleFeatures: boolean;
  /** Without a title, treat the body's first this many characters as the title (0 = off). */
  leadChars: number;
  /** Replace every digit run by 0 (house numbers and dates carry little about the category). */
  maskDigits: boolean;
}

/** The options the shipped model uses (chosen by cross-validation, see bench/README.md). */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  words: true,
  wordBigrams: false,
  charNgrams: [1, 3],
  titleWeight: 3,
  titleFeatures: false,
  leadChars: 25,
  maskDigits: true,
};

/** A message's terms: distinct hashes in ascending order and their (weighted) counts. */
export interface TermBag {
  hashes: Int32Array;
  counts: Float32Array;
}

let jieba: Jieba | undefined;
const require = createRequire(import.meta.url);

/**
 * The process-wide jieba instance, created on first use (loading the dictionary takes ~0.5 s). jieba itself is loaded
 * then too (its native module and 11 MB of dictionary files): a thread that only makes search tokens through the
 * library's index, such as an import's reader, never loads it.
 */
export function getJieba(): Jieba {
  if (!jieba) {
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

/** Full-width → half-width (NFKC), lower-case Latin, optionally digit runs → 0, whitespace runs → one space. */
export function normalizeText(text: string, maskDigits = true): string {
  let s = text.normalize('NFKC').toLowerCase();
  if (maskDigits) s = s.replace(/[0-9]+/g, '0');
  return s.replace(/\s+/g, ' ').trim();
}

/** Splits the classifier input (`title + '\n' + body`) into its title and body. */
export function splitTitle(text: string): { title: string; body: string } {
  const nl = text.indexOf('\n');
  return nl < 0 ? { title: '', body: text } : { title: text.slice(0, nl), body: text.slice(nl + 1) };
}

// Per UTF-16 code unit: 0 = not yet known, 1 = clause break (space, punctuation, symbol), 2 = text.
const charClass = new Uint8Array(65536);
const BREAK_RE = /[\s\p{P}\p{S}]/u;

function isBreak(code: number): boolean {
  let k = charClass[code] as number;
  if (k === 0) {
    k = code >= 0x4e00 && code <= 0x9fff ? 2 : BREAK_RE.test(String.fromCharCode(code)) ? 1 : 2;
    charClass[code] = k;
  }
  return k === 1;
}

// Namespaces keep a word, a bigram and a character n-gram with the same characters apart.
const NS_WORD = 0x2f1a3c5d;
const NS_BIGRAM = 0x51b7e903;
const NS_CHAR = 0x6c8e9cf5;
const NS_TITLE = 0x1b873593;

function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193);
}

/** murmur3's finaliser: spreads the FNV state over all 32 bits. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function hashString(ns: number, s: string): number {
  let h = ns;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return fmix(mix(h, s.length));
}

/** Growable list of term hashes (with repeats) for one message. */
class HashList {
  data = new Int32Array(1024);
  length = 0;
  push(h: number, times: number): void {
    if (this.length + times > this.data.length) {
      const next = new Int32Array(Math.max(this.data.length * 2, this.length + times));
      next.set(this.data);
      this.data = next;
    }
    for (let t = 0; t < times; t++) this.data[this.length++] = h;
  }
}

function addWords(out: HashList, text: string, opts: FeatureOptions, times: number, isTitle: boolean): void {
  const wantTitle = isTitle && opts.titleFeatures;
  if (!opts.words && !opts.wordBigrams && !wantTitle) return;
  let prev = 0;
  let hasPrev = false;
  for (const tok of getJieba().cut(text, false)) {
    let allBreak = true;
    for (let i = 0; i < tok.length && allBreak; i++) allBreak = isBreak(tok.charCodeAt(i));
    if (allBreak) {
      hasPrev = false;
      continue;
    }
    const h = hashString(NS_WORD, tok);
    if (opts.words) out.push(h, times);
    if (wantTitle) out.push(hashString(NS_TITLE, tok), 1);
    if (opts.wordBigrams && hasPrev) out.push(fmix(mix(mix(NS_BIGRAM, prev), h)), times);
    prev = h;
    hasPrev = true;
  }
}

function addChars(out: HashList, text: string, opts: FeatureOptions, times: number): void {
  const [lo, hi] = opts.charNgrams;
  if (hi <= 0) return;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let h = NS_CHAR;
    for (let len = 1; len <= hi && i + len <= n; len++) {
      const code = text.charCodeAt(i + len - 1);
      if (isBreak(code)) break;
      h = mix(h, code);
      if (len >= lo) out.push(fmix(mix(h, len)), times);
    }
  }
}

/** Sorts the hashes and counts repeats into a {@link TermBag}. */
function toBag(list: HashList): TermBag {
  const all = list.data.subarray(0, list.length).sort();
  let distinct = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) distinct++;
  const hashes = new Int32Array(distinct);
  const counts = new Float32Array(distinct);
  let k = -1;
  for (let i = 0; i < all.length; i++) {
    if (i === 0 || all[i] !== all[i - 1]) {
      k++;
      hashes[k] = all[i] as number;
    }
    counts[k] = (counts[k] as number) + 1;
  }
  return { hashes, counts };
}

/** Extracts the bag of hashed terms of one message (`title + '\n' + body`). */
export function extractTerms(text: string, opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS): TermBag {
  const { title, body } = splitTitle(text);
  const out = new HashList();
  const times = Math.max(1, Math.round(opts.titleWeight));
  const t = normalizeText(title, opts.maskDigits);
  const b = normalizeText(body, opts.maskDigits);
  if (t !== '') {
    addWords(out, t, opts, times, true);
    addChars(out, t, opts, times);
  } else if (opts.leadChars > 0 && times > 1) {
    // Most messages arrive with the title fused into the body: weight the opening like a title.
    const lead = b.slice(0, opts.leadChars);
    addWords(out, lead, opts, times - 1, true);
    addChars(out, lead, opts, times - 1);
  }
  if (b !== '') {
    addWords(out, b, opts, 1, false);
    addChars(out, b, opts, 1);
  }
  return toBag(out);
}
