/**
 * The modules' background jobs (`ModuleManifest.jobs`): each runs at start when it asks to and then every
 * `everySeconds`, never overlapping its own previous run; a failure is logged and the next run goes ahead.
 */
import type { ModuleManifest, RunContext } from './modules/types.ts';

/** Start every job of these modules; returns a function that stops the timers (a run in progress finishes). */
export function startJobs(modules: readonly ModuleManifest[], ctx: RunContext): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const mod of modules) {
    for (const job of mod.jobs ?? []) {
      let running = false;
      const run = () => {
        if (running) return;
        running = true;
        job.run(ctx)
          .catch((err: unknown) => ctx.log.error({ err, job: job.name, module: mod.name }, `${job.name} failed`))
          .finally(() => { running = false; });
      };
      if (job.atStart) run();
      const seconds = job.everySeconds?.(ctx.config) ?? 0;
      if (seconds > 0) timers.push(setInterval(run, seconds * 1000));
    }
  }
  return () => { for (const t of timers) clearInterval(t); };
}
