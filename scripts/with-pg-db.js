#!/usr/bin/env node
/**
 * Run a command against a fresh PostgreSQL database (`npm run test:pg`): creates `yixian_test_<pid>_<time>` on
 * PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) with a UTF-8 LC_CTYPE, runs the command with
 * DATABASE_URL pointing at it, and drops it afterwards, whatever the command's outcome.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const admin = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `yixian_test_${process.pid}_${Date.now()}`;
const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node scripts/with-pg-db.js <command> [args…]');
  process.exit(2);
}
const run = async (sql) => {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
};
await run(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
const url = new URL(admin);
url.pathname = `/${name}`;
const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url.toString() }, shell: process.platform === 'win32' });
await run(`drop database if exists ${name} with (force)`).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
process.exit(r.status ?? 1);
