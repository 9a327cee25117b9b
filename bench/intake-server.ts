/**
 * The server side of the intake benchmark, run in its own process so the load generator does not share its
 * event loop. `bare`: a Fastify route doing one SQLite insert (WAL, synchronous=FULL) — the ceiling.
 * `full`: the real app on a fresh database with the demo org tree; POST /api/v1/issues.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import SQLite from 'better-sqlite3';
import { buildApp } from '../src/server/app.ts';
import { openDatabase } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { seedDemo } from '../src/server/seed/demo.ts';

const mode = process.argv[2];
const dir = mkdtempSync(path.join(os.tmpdir(), `yixian-bench-${mode}-`));

if (mode === 'bare') {
  const sqlite = new SQLite(path.join(dir, 'bare.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.exec('create table t (id integer primary key, title text not null, body text not null, created_at text not null)');
  const insert = sqlite.prepare('insert into t (title, body, created_at) values (?, ?, ?)');
  const app = Fastify({ logger: false });
  app.post('/bare', async (req, reply) => {
    const b = req.body as { title: string; body: string };
    const r = insert.run(b.title, b.body, new Date().toISOString());
    return reply.status(201).send({ id: Number(r.lastInsertRowid) });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  console.log(`PORT ${typeof addr === 'object' && addr ? addr.port : 0}`);
} else {
  const url = `sqlite:${path.join(dir, 'full.db')}`;
  const db = openDatabase(url);
  await migrateToLatest(db);
  await seedDemo(db, { issues: 0 });
  const app = await buildApp({
    db, logger: false,
    config: {
      databaseUrl: url, dialect: 'sqlite', port: 0, host: '127.0.0.1', allowedOrigins: [], dataDir: dir, sessionSecret: 'bench-secret-bench-secret-bench',
      demo: false, secureCookies: false, sweepSeconds: 0, trainHours: 0, logLevel: 'silent', trustProxy: false,
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  console.log(`PORT ${typeof addr === 'object' && addr ? addr.port : 0}`);
}

// Exit cleanly on SIGTERM so `--cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
