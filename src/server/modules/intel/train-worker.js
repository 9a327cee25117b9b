// Trains one suggestion model off the main thread (the server keeps answering while a model trains).
// Plain JavaScript so a worker can start it: it loads the TypeScript sources through tsx like bin/yixian.js.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { trainClassifier, serializeModel } = await import('./classifier/model.ts');
const blob = serializeModel(trainClassifier(workerData.examples));
parentPort.postMessage(blob, [blob.buffer]);
