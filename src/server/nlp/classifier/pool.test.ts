import { describe, expect, it } from 'vitest';
import { prng } from '../../../shared/random.ts';
import { finish, startWorkers, submit } from './pool.ts';
import { alloc, type Batch, type Problem } from './svm.ts';

// A made-up sparse problem: 2,000 rows of 40 random features out of 5,000, in 12 classes that prefer a feature band.
function batch(shared: boolean): Batch {
  const rand = prng(3);
  const rows = 2000;
  const nnz = 40;
  const nFeat = 5000;
  const nClass = 12;
  const ptr = alloc(Int32Array, rows + 1, shared);
  const idx = alloc(Int32Array, rows * nnz, shared);
  const val = alloc(Float32Array, rows * nnz, shared);
  const y = alloc(Int32Array, rows, shared);
  for (let i = 0; i < rows; i++) {
    const cls = i % nClass;
    y[i] = cls;
    ptr[i + 1] = (i + 1) * nnz;
    const feats = new Set<number>();
    while (feats.size < nnz) feats.add(rand() < 0.5 ? cls * 400 + Math.floor(rand() * 400) : Math.floor(rand() * nFeat));
    [...feats].sort((a, b) => a - b).forEach((f, k) => {
      idx[i * nnz + k] = f;
      val[i * nnz + k] = 1 / Math.sqrt(nnz);
    });
  }
  const problem: Problem = { id: 0, x: { ptr, idx, val }, y, nFeat, nClass, maxIter: 50, weights: alloc(Float64Array, nClass * (nFeat + 1), shared) };
  const jobs = new Int32Array(2 * nClass);
  for (let c = 0; c < nClass; c++) jobs[2 * c + 1] = c;
  return { problems: [problem], opts: { c: 2, balanced: true, eps: 0.1, seed: 1 }, jobs };
}

const run = (b: Batch, threads: number): number => finish(submit(b, threads));

describe('submit / finish', () => {
  it('gives the same weights on one thread and with a worker, and the worker takes jobs', async () => {
    const alone = batch(false);
    expect(run(alone, 1)).toBe(0);
    await startWorkers(2);
    // The worker is ready, but this thread starts first: over a few batches it takes some jobs.
    let helped = 0;
    for (let k = 0; k < 5 && helped === 0; k++) {
      const both = batch(true);
      helped = run(both, 2);
      expect(both.problems[0]!.weights).toEqual(alone.problems[0]!.weights);
    }
    expect(helped).toBeGreaterThan(0);
  }, 30_000);
});
