/** A small closed-loop HTTP load generator: `concurrency` keep-alive clients posting JSON for `seconds`. */
import http from 'node:http';

/** The result of a load run. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p95ms: number;
}

/** POST `body()` to `url` from `concurrency` loops for `seconds`; counts only responses with `okStatus`. */
export async function load(opts: {
  url: string; body: () => string; headers?: Record<string, string>; concurrency: number; seconds: number; okStatus: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const u = new URL(opts.url);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + opts.seconds * 1000;
  const one = () => new Promise<number>((resolve, reject) => {
    const payload = opts.body();
    const req = http.request({
      agent, host: u.hostname, port: u.port, path: u.pathname, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...opts.headers },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload);
  });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: opts.concurrency }, async () => {
    while (performance.now() < deadline) {
      const s = performance.now();
      const status = await one().catch(() => 0);
      if (status === opts.okStatus) latencies.push(performance.now() - s);
      else errors += 1;
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50ms: q(0.5), p95ms: q(0.95) };
}
