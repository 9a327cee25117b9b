/**
 * The stated confidence means what it says on real messages: 5-fold cross-validation of tipdm2020c/train.csv (2,788
 * messages nobody on the team wrote, read from ../shared/data and never copied into the repo; skipped where that
 * folder is absent), the pooled out-of-fold top-1 predictions binned by stated confidence.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCrossValidation } from './eval.ts';

const DATA = path.resolve(import.meta.dirname, '../../../../../shared/data/tipdm2020c/train.csv');

describe.skipIf(!existsSync(DATA))('calibration on tipdm2020c/train.csv', () => {
  it('states, in every bin of at least 150 predictions, the accuracy observed there within 0.05', () => {
    const cv = runCrossValidation({ path: DATA, folds: 5, seed: 42 });
    const { bins, ece, total } = cv.reliability;
    expect(total).toBe(2788);
    const top = bins.filter((b) => b.count >= 150);
    // The top bins: 0.7–0.8, 0.8–0.9 and 0.9–1.0 hold about 90 % of the predictions.
    expect(top.map((b) => b.from)).toEqual(expect.arrayContaining([0.7, 0.8, 0.9]));
    expect(top.reduce((a, b) => a + b.count, 0) / total).toBeGreaterThan(0.8);
    for (const b of top) expect(Math.abs(b.stated - b.observed), `${b.from}–${b.to}: ${b.count}, ${b.stated} vs ${b.observed}`).toBeLessThan(0.05);
    // Expected calibration error over all bins: 0.026 with the softmax alone (before issue 15).
    expect(ece).toBeLessThan(0.02);
    expect(ece).toBeLessThan(cv.softmaxReliability.ece);
    expect(cv.text).toContain('ECE（期望校准误差）');
  }, 300_000);
});
