// A worker of pool.ts: runs solver jobs of the batches it is sent, taking them from each batch's shared counter.
// Plain JavaScript so a worker can start it: it loads the TypeScript sources through tsx like bin/yixian.js.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runJob } = await import('./svm.ts');

parentPort.on('message', ({ batch, control, port }) => {
  const n = batch.jobs.length / 2;
  for (let j = Atomics.add(control, 0, 1); j < n; j = Atomics.add(control, 0, 1)) {
    try {
      runJob(batch, j);
    } catch (err) {
      if (Atomics.add(control, 2, 1) === 0) port.postMessage({ error: String(err instanceof Error ? err.stack : err) });
    }
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
  }
  port.close();
});
parentPort.postMessage('ready');
