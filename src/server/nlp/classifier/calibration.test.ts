import { describe, expect, it } from 'vitest';
import { prng } from '../../../shared/random.ts';
import { calibratedProbabilities, DEFAULT_CALIBRATION, fitPlatt, groupNearDuplicates, nearDuplicateGroups, topLead } from './calibration.ts';
import { messageBag, predict } from './model.ts';
import { DEFAULT_TRAIN_OPTIONS, trainClassifier, type Example } from './train.ts';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('fitPlatt', () => {
  it('recovers the sigmoid the outcomes were drawn from', () => {
    const rand = prng(1);
    const n = 20_000;
    const leads = new Float64Array(n);
    const correct = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      leads[i] = rand() * 2;
      correct[i] = rand() < sigmoid(2.5 * leads[i]! + 0.3) ? 1 : 0;
    }
    const fit = fitPlatt(leads, correct, { slope: 0, intercept: 0 });
    expect(fit.slope).toBeCloseTo(2.5, 0);
    expect(Math.abs(fit.slope - 2.5)).toBeLessThan(0.15);
    expect(Math.abs(fit.intercept - 0.3)).toBeLessThan(0.1);
  });

  it('stays near the defaults with few examples, and finite when every one was right', () => {
    const few = fitPlatt(Float64Array.from([0.2, 0.5, 1, 1.5]), Uint8Array.from([0, 1, 1, 1]));
    expect(Math.abs(few.slope - DEFAULT_CALIBRATION.slope)).toBeLessThan(1);
    const all = fitPlatt(Float64Array.from({ length: 500 }, (_, i) => 1.5 + (i % 7) / 10), new Uint8Array(500).fill(1));
    expect(Number.isFinite(all.slope) && Number.isFinite(all.intercept)).toBe(true);
    // Never quite 1: Platt's target for the right ones is (N + 1) / (N + 2).
    expect(sigmoid(all.slope * 1.8 + all.intercept)).toBeLessThan(0.999);
    expect(sigmoid(all.slope * 1.8 + all.intercept)).toBeGreaterThan(0.98);
  });
});

describe('calibratedProbabilities', () => {
  const cal = { temperature: 4, slope: 3, intercept: 0.1, fitted: true };

  it('gives the top label σ(slope × lead + intercept) and the others their softmax share of the rest, none above it', () => {
    const s = Float64Array.from([-0.8, 0.4, -0.2, -1.5]);
    const p = calibratedProbabilities(s, cal, new Float64Array(4));
    expect(topLead(s)).toEqual({ top: 1, lead: expect.closeTo(0.6, 9) as number });
    expect(p[1]).toBeCloseTo(sigmoid(3 * 0.6 + 0.1), 12);
    const e = [-0.8, -0.2, -1.5].map((v) => Math.exp(4 * (v - 0.4)));
    const z = e.reduce((a, b) => a + b, 0);
    expect(p[0]).toBeCloseTo(((1 - p[1]!) * e[0]!) / z, 12);
    expect(p[2]).toBeCloseTo(((1 - p[1]!) * e[1]!) / z, 12);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // A near tie: the runner-up would get more than the top label's share; it is capped at it.
    const tie = calibratedProbabilities(Float64Array.from([0.30, 0.29, -2]), cal, new Float64Array(3));
    expect(tie[1]).toBeLessThanOrEqual(tie[0]!);
    expect(tie.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-12);
    expect([...calibratedProbabilities(Float64Array.from([-3]), cal, new Float64Array(1))]).toEqual([1]);
  });
});

describe('near-duplicate groups', () => {
  const PLACES = ['东关村', '西关村', '城南村', '河西村', '新华社区', '桥头村', '柳树村', '湖滨社区'];
  const templates = [
    '学校乱收补课费，家长负担很重，请教育局管一管', '工厂夜里排放黑烟，气味刺鼻，附近居民无法开窗', '小区电梯经常坏，物业拖着不修，老人上下楼困难',
    '包工头拖欠工资三个月，工友们过年回不了家', '超市卖过期牛奶，商家拒绝退换还态度恶劣', '灌溉水渠被淤泥堵塞，春耕用水十分困难',
  ];
  const texts = templates.flatMap((t) => PLACES.map((p) => `${p}${t.slice(0, 6)}\n我是${p}的村民，${t}，已经两周了，请有关部门尽快处理。`));
  const bags = texts.map((t) => messageBag(t, DEFAULT_TRAIN_OPTIONS.features).hashes);

  it('groups the copies of a template with other place names, not different problems at the same place', () => {
    const g = nearDuplicateGroups(bags);
    const groupsOf = templates.map((_, k) => new Set(PLACES.map((_, j) => g[k * PLACES.length + j])));
    // Each template's copies fall into few groups (most into one), and no group holds two templates.
    for (const set of groupsOf) expect(set.size).toBeLessThanOrEqual(3);
    const all = groupsOf.flatMap((s) => [...s]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('holds about half of the groups together in one calibration fold and leaves the others spread', () => {
    const g = nearDuplicateGroups(bags);
    const grouped = groupNearDuplicates(Int32Array.from(texts, (_, i) => i % 2), bags, 2, 20200);
    const leaders = [...new Set(g)].filter((l) => g.filter((x) => x === l).length > 1);
    const foldsOf = (l: number) => new Set(texts.map((_, i) => i).filter((i) => g[i] === l).map((i) => grouped[i]));
    const together = leaders.filter((l) => foldsOf(l).size === 1).length;
    expect(together).toBeGreaterThan(0);
    expect(together).toBeLessThan(leaders.length);
    // A group larger than half a fold is never held out as a whole (the fold would lose too much of its training set).
    const one = Array.from({ length: 12 }, () => bags[0]!);
    expect([...groupNearDuplicates(Int32Array.from(one, (_, i) => i % 2), one, 2, 20200)]).toEqual(one.map((_, i) => i % 2));
  });
});

describe('confidence on a text unlike the training texts', () => {
  // Template-made training data like the demo county's: eight problems' categories, three texts each, at twelve places.
  const PLACES = ['东关村', '西关村', '城南村', '河西村', '新华社区', '桥头村', '柳树村', '湖滨社区', '高岭村', '白石村', '北门社区', '解放社区'];
  const TOPICS: Record<string, string[]> = {
    教育: ['学校乱收补课费，家长负担很重', '幼儿园收费太高，还要交各种杂费', '学生午餐质量差，孩子吃不饱'],
    医疗: ['卫生院常用药经常缺货', '医院挂号排队要等半天', '医生态度差，看病问不清楚'],
    社保: ['养老保险转移接续办不下来', '低保申请两个月没有答复', '医保报销比例不清楚，想咨询'],
    环保: ['工厂夜里排放黑烟，气味刺鼻', '河沟发黑发臭，有污水直排', '饭店油烟直排扰民'],
    食品: ['超市卖过期牛奶，商家拒绝退换', '农贸市场摊贩缺斤少两', '小作坊无证生产熟食'],
    物业: ['小区电梯经常坏，物业拖着不修', '物业乱收停车费', '楼顶漏水物业不管'],
    农业: ['惠农补贴今年还没到账', '灌溉水渠被淤泥堵塞，春耕用水难', '买到假种子，玉米不出苗'],
    劳动: ['包工头拖欠工资三个月', '工厂不签劳动合同', '加班不给加班费'],
  };
  const examples: Example[] = Object.entries(TOPICS).flatMap(([label, problems]) => problems.flatMap((p, i) => PLACES.map((place, j) => ({
    text: `${place}${p.slice(0, 6)}\n我是${place}的村民，${p}，已经${((i + j) % 5) + 2}周了，请有关部门尽快处理。`, label,
  }))));
  const model = trainClassifier(examples);

  it('is low for a problem none of the categories is about, high for another copy of a template', () => {
    // A softmax fitted on these (every held-out copy right) said 100 % for anything.
    expect(model.calibration.fitted).toBe(true);
    for (const text of ['东关村村口的桥栏杆断了，过往行人很危险，请尽快修复。', '\n村里的路灯坏了好几盏，晚上出行不安全']) {
      expect(predict(model, text, 1)[0]!.confidence).toBeLessThan(0.5);
    }
    const repeat = predict(model, '石门村学校乱收补课\n我是石门村的村民，学校乱收补课费，家长负担很重，已经3周了，请有关部门尽快处理。', 1)[0]!;
    expect(repeat.label).toBe('教育');
    expect(repeat.confidence).toBeGreaterThan(0.95);
  });
});
