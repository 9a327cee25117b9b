// Worker threads for the classifier's solver jobs (svm.ts). Waiting is synchronous, like training: the calling thread
// takes jobs too, and the workers take theirs from the same shared counter, so a worker that is still starting (tsx,
// ≈ 0.3 s) simply takes fewer. Inputs and outputs live in SharedArrayBuffers; nothing is copied back. Workers run
// batches in the order they were submitted, stay for the next training (unref'd: they never keep the process alive)
// and end with the thread that started them.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { runJob, type Batch } from './svm.ts';

/** Control words of a batch: next job to hand out, jobs done, jobs failed. */
const NEXT = 0;
const DONE = 1;
const FAILED = 2;
/** A batch making no progress for this long is given up (a worker thread that died mid-job). */
const STALL_MS = 600_000;

interface PoolWorker {
  worker: Worker;
  /** Settles when the worker has loaded the solver (or failed to start). */
  ready: Promise<void>;
}

const workers = new Map<number, PoolWorker>();

function worker(k: number): PoolWorker {
  let w = workers.get(k);
  if (!w) {
    const worker = new Worker(new URL('./pool-worker.js', import.meta.url));
    worker.unref();
    // A worker that fails to start or exits is dropped; the batches it would have helped with run without it.
    const drop = () => {
      if (workers.get(k)?.worker === worker) workers.delete(k);
    };
    const ready = new Promise<void>((resolve) => {
      worker.once('message', () => resolve());
      worker.once('error', () => resolve());
      worker.once('exit', () => resolve());
    });
    worker.on('error', drop);
    worker.on('exit', drop);
    w = { worker, ready };
    workers.set(k, w);
  }
  return w;
}

/**
 * Starts the workers for `threads` (this thread counts as one) without waiting: they load while this thread
 * prepares work. Resolves when they are ready (tests wait for it).
 */
export function startWorkers(threads: number): Promise<void> {
  const started: Promise<void>[] = [];
  for (let k = 0; k < Math.floor(threads) - 1; k++) started.push(worker(k).ready);
  return Promise.all(started).then(() => undefined);
}

/** A submitted batch: workers may already be running its jobs. */
export interface Pending {
  batch: Batch;
  control: Int32Array;
  /** One per worker: a failed job's error comes back here. */
  ports: MessagePort[];
}

/** Hands a batch to up to `threads - 1` workers; this thread joins in with {@link finish}. */
export function submit(batch: Batch, threads: number): Pending {
  const jobs = batch.jobs.length / 2;
  const control = new Int32Array(new SharedArrayBuffer(3 * 4));
  const helpers = Math.min(Math.max(0, Math.floor(threads) - 1), jobs - 1);
  const ports = Array.from({ length: Math.max(0, helpers) }, (_, k) => {
    const ch = new MessageChannel();
    worker(k).worker.postMessage({ batch, control, port: ch.port2 }, [ch.port2]);
    return ch.port1;
  });
  return { batch, control, ports };
}

/** Runs the batch's jobs no worker has taken on this thread, then waits for the workers'. Returns how many they ran. */
export function finish(p: Pending): number {
  const { batch, control } = p;
  const n = batch.jobs.length / 2;
  let here = 0;
  for (let j = Atomics.add(control, NEXT, 1); j < n; j = Atomics.add(control, NEXT, 1)) {
    runJob(batch, j);
    here++;
    Atomics.add(control, DONE, 1);
  }
  let done = Atomics.load(control, DONE);
  let since = Date.now();
  while (done < n) {
    Atomics.wait(control, DONE, done, 1_000);
    const now = Atomics.load(control, DONE);
    if (now !== done) {
      done = now;
      since = Date.now();
    } else if (Date.now() - since > STALL_MS) {
      throw new Error('分类器训练线程无响应');
    }
  }
  let failure: string | undefined;
  for (const port of p.ports) {
    failure ??= (receiveMessageOnPort(port)?.message as { error: string } | undefined)?.error;
    port.close();
  }
  if (Atomics.load(control, FAILED) > 0) throw new Error(`分类器训练线程出错：${failure ?? '未知错误'}`);
  return n - here;
}
