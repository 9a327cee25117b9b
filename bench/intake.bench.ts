/**
 * Intake throughput: issues created per second through POST /api/v1/issues (validation, tracking code,
 * deadlines, timeline, audit, durable commit), next to the ceiling of a bare Fastify route doing one SQLite
 * insert, measured in the same run on the same machine. Prints both and their ratio (target ≥ 0.3).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { load } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const here = import.meta.dirname;

async function startServer(mode: 'bare' | 'full'): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []), '--import', 'tsx', path.join(here, 'intake-server.ts'), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { port, child };
}

const TEXT = '城关镇解放路社区有三盏路灯坏了半个月，晚上出行很不安全，老人孩子经常摔倒，希望尽快维修。';

async function run() {
  console.log(`intake benchmark: ${CONCURRENCY} concurrent clients, ${SECONDS} s per phase`);
  const bare = await startServer('bare');
  // warm-up, then measure
  await load({ url: `http://127.0.0.1:${bare.port}/bare`, body: () => JSON.stringify({ title: '路灯', body: TEXT }), concurrency: CONCURRENCY, seconds: 1, okStatus: 201 });
  const b = await load({ url: `http://127.0.0.1:${bare.port}/bare`, body: () => JSON.stringify({ title: '路灯', body: TEXT }), concurrency: CONCURRENCY, seconds: SECONDS, okStatus: 201 });
  bare.child.kill();

  const full = await startServer('full');
  const login = await fetch(`http://127.0.0.1:${full.port}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'yixian-demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const units = (await (await fetch(`http://127.0.0.1:${full.port}/api/v1/org-units`, { headers: { cookie } })).json()) as { items: { id: number; level: string }[] };
  const villages = units.items.filter((u) => u.level === 'village').map((u) => u.id);
  let i = 0;
  const body = () => JSON.stringify({
    title: '路灯损坏', body: TEXT, channel: i % 2 ? 'letter' : 'phone', kind: 'complaint', orgUnitId: villages[i++ % villages.length],
    petitioner: { name: '王建国', phone: `138${String(i).padStart(8, '0')}` },
  });
  const fullUrl = `http://127.0.0.1:${full.port}/api/v1/issues`;
  await load({ url: fullUrl, body, headers: { cookie }, concurrency: CONCURRENCY, seconds: 1, okStatus: 201 });
  const f = await load({ url: fullUrl, body, headers: { cookie }, concurrency: CONCURRENCY, seconds: SECONDS, okStatus: 201 });
  full.child.kill();

  const row = (name: string, r: typeof b) =>
    `${name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(7)} /s   p50 ${r.p50ms.toFixed(2)} ms   p95 ${r.p95ms.toFixed(2)} ms   errors ${r.errors}`;
  console.log(row('bare Fastify + 1 SQLite insert', b));
  console.log(row('POST /api/v1/issues (full)', f));
  console.log(`ratio full/bare: ${(f.perSecond / b.perSecond).toFixed(3)} (target >= 0.3)`);
}

await run();
