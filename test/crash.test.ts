/**
 * "Nothing lost": every issue the service acknowledged (201) is in the database after the process is killed
 * with SIGKILL in the middle of a burst of writes.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers.ts';
import { openDatabase } from '../src/server/db/connect.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/yixian.js');
const run = promisify(execFile);

describe('crash safety', () => {
  it('keeps every acknowledged issue when the process is killed mid-burst', async () => {
    const fresh = await freshDatabase();
    await fresh.db.destroy();
    const env = { ...process.env, DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, YIXIAN_DEMO: '0', PORT: '0', SWEEP_SECONDS: '0', LOG_LEVEL: 'silent' };
    try {
      await run(process.execPath, [BIN, 'user', 'add', '--username', 'crash-clerk', '--password', 'Crash-test-2026', '--role', 'clerk', '--unit', '000000000000'], { env });
      const port = 20000 + Math.floor(Math.random() * 20000);
      const server = spawn(process.execPath, [BIN, 'start'], { env: { ...env, PORT: String(port) }, stdio: 'ignore' });
      const exited = new Promise((resolve) => server.on('exit', resolve));
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100; i++) {
        if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'crash-clerk', password: 'Crash-test-2026' }) });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const units = (await (await fetch(`${base}/api/v1/org-units`, { headers: { cookie } })).json()) as { items: { id: number }[] };
      const unitId = units.items[0]!.id;

      const acknowledged: string[] = [];
      let stop = false;
      const worker = async () => {
        while (!stop) {
          const r = await fetch(`${base}/api/v1/issues`, {
            method: 'POST', headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify({ body: '路灯坏了，请尽快维修。', channel: 'phone', kind: 'help', orgUnitId: unitId }),
          }).catch(() => null);
          if (!r) return;
          if (r.status === 201) acknowledged.push(((await r.json()) as { trackingCode: string }).trackingCode);
        }
      };
      const workers = Array.from({ length: 8 }, worker);
      await new Promise((r) => setTimeout(r, 1500));
      server.kill('SIGKILL');
      stop = true;
      await Promise.all(workers);
      await exited;
      expect(acknowledged.length).toBeGreaterThan(10);

      const db = openDatabase(fresh.url);
      try {
        const stored = new Set((await db.selectFrom('issues').select('trackingCode').execute()).map((r) => r.trackingCode));
        const lost = acknowledged.filter((c) => !stored.has(c));
        expect(lost).toEqual([]);
        // and each stored issue is whole: its clock, timeline event and audit entry committed with it
        const events = await db.selectFrom('timelineEvents').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'create').executeTakeFirstOrThrow();
        expect(Number(events.n)).toBe(stored.size);
      } finally {
        await db.destroy();
      }
    } finally {
      await fresh.drop();
    }
  }, 60_000);
});
