import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { startJobs } from './jobs.ts';
import type { ModuleManifest, RunContext } from './modules/types.ts';

afterEach(() => { vi.useRealTimers(); });

const context = (errors: unknown[]): RunContext => ({
  db: {} as RunContext['db'],
  config: { sweepSeconds: 10 } as RunContext['config'],
  log: { error: (obj: unknown) => { errors.push(obj); } } as unknown as FastifyBaseLogger,
});

describe('module jobs', () => {
  it('run at start when asked, then every so often, never overlapping, and keep going after a failure', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    const runs: string[] = [];
    let release: () => void = () => {};
    let calls = 0;
    const mods: ModuleManifest[] = [{
      name: 'a',
      jobs: [
        { name: 'slow', everySeconds: (c) => c.sweepSeconds, run: () => { runs.push('slow'); return new Promise<void>((r) => { release = r; }); } },
        { name: 'once', atStart: true, run: async () => { runs.push('once'); } },
        { name: 'flaky', atStart: true, everySeconds: () => 5, run: async () => { calls += 1; if (calls === 1) throw new Error('boom'); runs.push('flaky'); } },
      ],
    }];
    const stop = startJobs(mods, context(errors));
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['once']);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000); // slow starts; flaky runs twice (5 s, 10 s)
    expect(runs.filter((r) => r === 'slow')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20_000); // slow still running: its next turns are skipped
    expect(runs.filter((r) => r === 'slow')).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs.filter((r) => r === 'slow')).toHaveLength(2);
    expect(runs.filter((r) => r === 'flaky').length).toBeGreaterThanOrEqual(7);
    stop();
    const before = runs.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs.length).toBe(before);
  });
});
