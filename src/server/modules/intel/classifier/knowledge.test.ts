import { describe, expect, it } from 'vitest';
import { addKnowledgeTerms, knowledgeFromTree } from './knowledge.ts';
import { extractTerms } from './features.ts';
import { deserializeModel, predict, serializeModel, trainClassifier, type Example } from './model.ts';

// Made-up fixture: two classes whose training messages share no wording with the test message; only the
// knowledge keywords (出租车 for 交通, 噪音 for 环保) connect the test message to a class.
const TRAIN: Example[] = [];
for (let i = 0; i < 12; i++) {
  TRAIN.push({ text: `\n第${i}号公交站台破损，站牌看不清，出租车乱停`, label: '交通' });
  TRAIN.push({ text: `\n第${i}号工厂排放黑烟，河水发臭，夜里噪音很大`, label: '环保' });
}
const KNOWLEDGE = { 交通: ['出租车', '网约车', '公交'], 环保: ['噪音', '污染', '排放'] };
const TEST = '\n网约车司机绕路多收费';

describe('knowledgeFromTree', () => {
  it('keeps lower-level names and their words unique to one first-level class', () => {
    const k = knowledgeFromTree([
      ['交通运输', '出租车管理', '网约车问题'],
      ['交通运输', '其他', '其他'],
      ['环境保护', '环境污染', '噪音污染'],
      ['环境保护', '环保管理', '其他'],
    ]);
    expect(k['交通运输']).toEqual(expect.arrayContaining(['出租车管理', '出租车', '网约车问题']));
    expect(k['交通运输']).not.toContain('其他');
    expect(k['交通运输']).not.toContain('管理'); // generic and under both classes
    expect(k['环境保护']).toEqual(expect.arrayContaining(['环境污染', '噪音', '污染']));
  });
});

describe('addKnowledgeTerms', () => {
  it('adds terms only when a keyword occurs, and is stable', () => {
    const bag = extractTerms('\n路灯坏了');
    expect(addKnowledgeTerms(bag, '\n路灯坏了', KNOWLEDGE)).toBe(bag);
    const a = addKnowledgeTerms(extractTerms(TEST), TEST, KNOWLEDGE);
    expect(a.hashes.length).toBe(extractTerms(TEST).hashes.length + 4);
    expect(Array.from(a.hashes)).toEqual([...a.hashes].sort((x, y) => x - y));
  });
});

describe('TrainOptions.knowledge', () => {
  it('changes a prediction on the fixture and survives serialization', () => {
    const plain = trainClassifier(TRAIN);
    const withK = trainClassifier(TRAIN, { knowledge: KNOWLEDGE });
    expect(plain.version).toBe(1);
    expect(withK.version).toBe(2);
    // 网约车 never occurs in training; 车 ties it to both classes' words only weakly.
    const before = predict(plain, TEST, 2);
    const after = predict(withK, TEST, 2);
    const p = (ps: typeof before, l: string) => ps.find((x) => x.label === l)?.confidence ?? 0;
    expect(p(after, '交通')).toBeGreaterThan(p(before, '交通'));
    expect(after[0]?.label).toBe('交通');
    const loaded = deserializeModel(serializeModel(withK));
    expect(loaded.knowledge).toEqual(KNOWLEDGE);
    expect(predict(loaded, TEST, 2)).toEqual(after);
  });

  it('keeps blobs without knowledge at version 1 and rejects unknown versions', () => {
    const blob = serializeModel(trainClassifier(TRAIN));
    expect(deserializeModel(blob).knowledge).toBeUndefined();
    const bad = Buffer.from(blob);
    const text = bad.toString('latin1');
    bad.write('"version":9', text.indexOf('"version":1'), 'latin1');
    expect(() => deserializeModel(bad)).toThrow(/版本/);
  });
});
