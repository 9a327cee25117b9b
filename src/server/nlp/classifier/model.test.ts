import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from './calibration.ts';
import { startWorkers } from './pool.ts';
import { messageBag, predict, scoreBag } from './model.ts';
import { deserializeModel, serializeModel } from './serialize.ts';
import { stratifiedFolds, trainClassifier, type Example } from './train.ts';

// A made-up fixture: 60 short messages in 3 classes (20 each), built from phrases written for this test.
const PLACES = ['东关社区', '城南村', '解放路', '河西小区', '新华街'];
const CLASSES: Record<string, string[]> = {
  路政: ['路灯坏了晚上很黑', '路面坑洼积水难行', '下水道堵塞污水外溢', '人行道砖块松动绊倒老人'],
  教育: ['学校食堂饭菜太贵', '老师课后补课收费', '幼儿园学位不够孩子入学难', '校车超载接送学生'],
  医疗: ['医院挂号排队太久', '卫生院医生态度差', '药店高价卖药', '疫苗接种点预约不上'],
};

function fixture(): Example[] {
  const out: Example[] = [];
  for (const [label, problems] of Object.entries(CLASSES)) {
    problems.forEach((p, i) => {
      PLACES.forEach((place, j) => {
        const title = j % 2 === 0 ? `${place}${p.slice(0, 4)}` : '';
        out.push({ text: `${title}\n${place}${p}，希望有关部门尽快处理。编号${i}${j}`, label });
      });
    });
  }
  return out;
}

const examples = fixture();

describe('trainClassifier / predict', () => {
  const model = trainClassifier(examples);

  it('learns the fixture', () => {
    const wrong = examples.filter((e) => predict(model, e.text, 1)[0]?.label !== e.label);
    expect(wrong).toEqual([]);
    expect(model.labels).toEqual(['医疗', '教育', '路政']);
  });

  it('classifies new wordings of the same problems', () => {
    expect(predict(model, '\n北门外路灯坏了，晚上太黑', 1)[0]?.label).toBe('路政');
    expect(predict(model, '孩子学校食堂太贵\n', 1)[0]?.label).toBe('教育');
    expect(predict(model, '\n医院排队挂号要等半天', 1)[0]?.label).toBe('医疗');
  });

  it('returns top-k sorted by confidence, summing to at most 1', () => {
    const top = predict(model, '\n学校门口路灯坏了', 3);
    expect(top).toHaveLength(3);
    for (let i = 1; i < top.length; i++) expect(top[i - 1]!.confidence).toBeGreaterThanOrEqual(top[i]!.confidence);
    const sum = top.reduce((a, p) => a + p.confidence, 0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-9);
    expect(sum).toBeGreaterThan(0.999);
    expect(predict(model, '\n学校门口路灯坏了', 2)).toHaveLength(2);
    expect(predict(model, '', 3)).toHaveLength(3);
  });

  it('is deterministic: the same examples give the same model bytes', () => {
    expect(serializeModel(trainClassifier(examples)).equals(serializeModel(model))).toBe(true);
  });

  it('gives the same model bytes with a worker thread', async () => {
    await startWorkers(2);
    expect(serializeModel(trainClassifier(examples, { threads: 2 })).equals(serializeModel(model))).toBe(true);
  });

  it('round-trips through serialization with identical predictions', () => {
    const blob = serializeModel(model);
    const loaded = deserializeModel(new Uint8Array(blob));
    for (const text of ['\n路面积水', '补课收费\n', '\n药店卖药太贵', examples[7]!.text]) {
      expect(predict(loaded, text, 3)).toEqual(predict(model, text, 3));
    }
    expect(loaded.labels).toEqual(model.labels);
  });

  it('rejects a blob that is not a model', () => {
    expect(() => deserializeModel(Buffer.from('not a model'))).toThrow(/不是分类模型/);
    const blob = serializeModel(model);
    expect(() => deserializeModel(blob.subarray(0, blob.length - 1))).toThrow(/长度不符/);
  });

  it('writes version 3 with its fitted calibration and rejects other versions', () => {
    const blob = serializeModel(model);
    const loaded = deserializeModel(blob);
    expect(loaded.version).toBe(3);
    expect(loaded.calibration).toEqual(model.calibration);
    expect(model.calibration.fitted).toBe(true);
    for (const v of [2, 9]) {
      const bad = Buffer.from(blob);
      bad.write(`"version":${v}`, bad.toString('latin1').indexOf('"version":3'), 'latin1');
      expect(() => deserializeModel(bad)).toThrow(/版本/);
    }
  });

  it('reads a version 1 model as stored before issue 15: its temperature, the default Platt scaling, marked not fitted', () => {
    // Trained on this file's fixture by the code of commit 61dd69f (softmax with a temperature of 3.339).
    const v1 = deserializeModel(readFileSync(new URL('./fixtures/model-v1.bin', import.meta.url)));
    expect(v1.version).toBe(1);
    expect(v1.calibration).toEqual({ ...DEFAULT_CALIBRATION, temperature: expect.closeTo(3.3388, 3) as number, fitted: false });
    expect(v1.labels).toEqual(model.labels);
    for (const text of ['\n北门外路灯坏了，晚上太黑', '孩子学校食堂太贵\n', '\n医院排队挂号要等半天', '\n学校门口路灯坏了']) {
      const top = predict(v1, text, 3);
      expect(top[0]!.label).toBe(predict(model, text, 1)[0]!.label);
      const s = scoreBag(v1, messageBag(text, v1.features));
      const sorted = [...s].sort((a, b) => b - a);
      expect(top[0]!.confidence).toBeCloseTo(1 / (1 + Math.exp(-(DEFAULT_CALIBRATION.slope * (sorted[0]! - sorted[1]!) + DEFAULT_CALIBRATION.intercept))), 12);
      expect(top.reduce((a, p) => a + p.confidence, 0)).toBeLessThanOrEqual(1 + 1e-9);
    }
    // Written again, it is a version 3 blob that says its calibration was not fitted.
    const again = deserializeModel(serializeModel(v1));
    expect(again.version).toBe(3);
    expect(again.calibration).toEqual(v1.calibration);
  });

  it('rejects an empty training set', () => {
    expect(() => trainClassifier([])).toThrow(/训练集为空/);
  });
});

describe('stratifiedFolds', () => {
  it('spreads every label evenly over the folds, the same way for the same seed', () => {
    const labels = examples.map((e) => e.label);
    const folds = stratifiedFolds(labels, 5, 1);
    for (const label of Object.keys(CLASSES)) {
      const counts = [0, 0, 0, 0, 0];
      labels.forEach((l, i) => {
        if (l === label) counts[folds[i]!]!++;
      });
      expect(counts).toEqual([4, 4, 4, 4, 4]);
    }
    expect(stratifiedFolds(labels, 5, 1)).toEqual(folds);
    expect(stratifiedFolds(labels, 5, 2)).not.toEqual(folds);
  });
});
