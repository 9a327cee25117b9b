// Trains one suggestion model off the main thread (the server keeps answering while a model trains).
// Plain JavaScript so a worker can start it: it loads the TypeScript sources through tsx like bin/yixian.js.
// With `threads` > 1 the solver's jobs are shared with that many - 1 workers of its own (nlp/classifier/pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { trainClassifier, serializeModel } = await import('../../nlp/index.ts');
const blob = serializeModel(trainClassifier(workerData.examples, { threads: workerData.threads ?? 1 }));
parentPort.postMessage(blob, [blob.buffer]);
