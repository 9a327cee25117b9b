import { describe, expect, it } from 'vitest';
import { displayWidth, evaluate, formatReliability, formatReport, reliability } from './metrics.ts';

// 10 examples, 3 labels. Hand-computed:
//          pred: 甲 乙 丙
//  true 甲:      3  1  0   (support 4)
//  true 乙:      1  2  0   (support 3)
//  true 丙:      0  1  2   (support 3)
// 甲: P 3/4, R 3/4, F1 0.75;  乙: P 2/4, R 2/3, F1 4/7;  丙: P 2/2, R 2/3, F1 0.8
// accuracy 7/10; macro-F1 (0.75 + 4/7 + 0.8) / 3 = 0.707142…
const truth = ['甲', '甲', '甲', '甲', '乙', '乙', '乙', '丙', '丙', '丙'];
const pred = ['甲', '甲', '甲', '乙', '甲', '乙', '乙', '乙', '丙', '丙'];

describe('evaluate', () => {
  const r = evaluate(truth, pred, ['甲', '乙', '丙']);

  it('builds the confusion matrix (rows truth, columns prediction)', () => {
    expect(r.confusion).toEqual([
      [3, 1, 0],
      [1, 2, 0],
      [0, 1, 2],
    ]);
  });

  it('computes per-class precision, recall and F1', () => {
    const [a, b, c] = r.perClass;
    expect(a).toMatchObject({ label: '甲', precision: 0.75, recall: 0.75, f1: 0.75, support: 4 });
    expect(b!.precision).toBeCloseTo(0.5, 12);
    expect(b!.recall).toBeCloseTo(2 / 3, 12);
    expect(b!.f1).toBeCloseTo(4 / 7, 12);
    expect(c).toMatchObject({ precision: 1, support: 3 });
    expect(c!.f1).toBeCloseTo(0.8, 12);
  });

  it('computes accuracy and macro-F1', () => {
    expect(r.accuracy).toBeCloseTo(0.7, 12);
    expect(r.macroF1).toBeCloseTo((0.75 + 4 / 7 + 0.8) / 3, 12);
  });

  it('gives 0 F1 to a label that is never predicted', () => {
    const z = evaluate(['甲', '乙'], ['甲', '甲'], ['甲', '乙']);
    expect(z.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(z.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });

  it('rejects labels outside the list', () => {
    expect(() => evaluate(['甲'], ['丁'], ['甲'])).toThrow(/未知标签/);
  });
});

describe('formatReport', () => {
  it('aligns Chinese labels and ends with the macro-F1 line', () => {
    const text = formatReport(evaluate(['城乡建设', '交通运输', '交通运输'], ['城乡建设', '交通运输', '城乡建设']));
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('macro-F1: 0.6667');
    expect(lines).toContain('accuracy: 0.6667');
    // The per-class rows put the precision column at the same display position.
    const rows = lines.slice(1, 3);
    const col = rows.map((l) => displayWidth(l.slice(0, l.search(/\d/))));
    expect(col[0]).toBe(col[1]);
  });

  it('counts CJK characters as two columns', () => {
    expect(displayWidth('交通a')).toBe(5);
  });
});

describe('reliability', () => {
  it('bins stated confidences, compares them with the share right, and weighs the gaps by count', () => {
    // 0.95 ×4 (3 right), 0.55 ×2 (1 right), 1.0 counts in the last bin, 0.05 in the first.
    const r = reliability([0.95, 0.95, 0.95, 0.95, 0.55, 0.55, 1, 0.05], [true, true, true, false, true, false, true, false]);
    expect(r.total).toBe(8);
    expect(r.bins.map((b) => [b.from, b.count])).toEqual([[0, 1], [0.5, 2], [0.9, 5]]);
    const top = r.bins[2]!;
    expect(top.stated).toBeCloseTo(0.96, 12);
    expect(top.observed).toBeCloseTo(0.8, 12);
    expect(r.ece).toBeCloseTo((1 * 0.05 + 2 * 0.05 + 5 * 0.16) / 8, 12);
    const text = formatReliability(r);
    expect(text).toContain('0.9–1.0');
    expect(text.split('\n').at(-1)).toBe(`ECE（期望校准误差）: ${r.ece.toFixed(4)}`);
  });
});
