// The worker of read.ts: sent what to read (a ReadSpec), it reads and checks the rows of that import file and sends
// them in groups, one group per 'more' it is sent (so it never runs far ahead of the writer). Plain JavaScript so a
// worker can start it: it loads the TypeScript sources through tsx like bin/yixian.js.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { checkedGroups } = await import('./read.ts');

/** @type {AsyncGenerator<unknown> | undefined} */
let groups;
let wanted = 0;
let reading = false;

async function read() {
  reading = true;
  try {
    while (wanted > 0) {
      wanted--;
      const next = await /** @type {AsyncGenerator<unknown>} */ (groups).next();
      if (next.done) {
        parentPort.postMessage({ type: 'done' });
        return; // stays `reading`: nothing more is sent
      }
      parentPort.postMessage({ type: 'group', group: next.value });
    }
  } catch (err) {
    // An unreadable file's error goes back whole (its words and its API code), so the caller answers as on its own thread.
    const e = /** @type {{ message?: string; zh?: string; en?: string; code?: string; params?: Record<string, string | number> }} */ (err ?? {});
    parentPort.postMessage({ type: 'fail', message: String(e.message ?? err), zh: e.zh, en: e.en, code: e.zh ? e.code : undefined, params: e.zh ? e.params : undefined });
    return;
  }
  reading = false;
}

parentPort.on('message', (message) => {
  if (typeof message === 'object') {
    groups = checkedGroups(message);
    return;
  }
  wanted++;
  if (!reading) void read();
});
