/** Start one server with the demo county for the whole e2e run; tests read its URL from YIXIAN_E2E_URL. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

let server: ChildProcess | undefined;
let dataDir: string | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'yixian-e2e-'));
  const port = 21000 + Math.floor(Math.random() * 20000);
  const bin = path.resolve(import.meta.dirname, '../../bin/yixian.js');
  server = spawn(process.execPath, [bin, 'start'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), YIXIAN_DEMO: '1', SWEEP_SECONDS: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 110_000;
  for (;;) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('e2e server did not start');
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('baseUrl', url);
  project.provide('dataDir', dataDir);
  return async () => {
    server?.kill('SIGTERM');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's DATA_DIR (its SQLite database), for tests that set up what no API makes. */
    dataDir: string;
  }
}
