/**
 * Test helpers: a fresh database per test file (a temporary SQLite file, or a fresh schema in the PostgreSQL
 * that DATABASE_URL names), the demo county's org tree and accounts without issues, and logged-in clients.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import type { Config } from '../src/server/config.ts';
import { openDatabase, type Database } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/seed/demo.ts';
import { invalidateDeadlineContext } from '../src/server/modules/deadlines/index.ts';

/** Whether this run targets PostgreSQL. */
export const ON_POSTGRES = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

/** A fresh, migrated, empty database and a way to drop it. */
export async function freshDatabase(): Promise<{ db: Database; url: string; dataDir: string; drop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yixian-test-'));
  if (ON_POSTGRES) {
    const base = process.env.DATABASE_URL!;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const db = openDatabase(url);
    await migrateToLatest(db);
    return {
      db, url, dataDir,
      drop: async () => {
        await db.destroy();
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const url = `sqlite:${path.join(dataDir, 'test.db')}`;
  const db = openDatabase(url);
  await migrateToLatest(db);
  return { db, url, dataDir, drop: async () => { await db.destroy(); rmSync(dataDir, { recursive: true, force: true }); } };
}

/** A running test app with the demo org tree and accounts. */
export interface TestContext {
  app: FastifyInstance;
  db: Database;
  config: Config;
  /** Org unit ids by name (e.g. `城关镇`, `示例县住房和城乡建设局`). */
  unit: (name: string) => number;
  /** Category id by name. */
  category: (name: string) => number;
  /** A client logged in as a demo user. */
  as: (username: string, lang?: 'zh' | 'en') => Promise<Client>;
  /** A client with no session. */
  anonymous: Client;
  close: () => Promise<void>;
}

/** An HTTP client bound to one session cookie. */
export interface Client {
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  raw: (opts: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: string | Buffer; headers?: Record<string, string> }) => Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance, cookie: string | null, lang?: string): Client {
  const headers = (extra: Record<string, string> = {}) => ({ ...(cookie ? { cookie } : {}), ...(lang ? { 'accept-language': lang } : {}), ...extra });
  return {
    get: (url) => app.inject({ method: 'GET', url, headers: headers() }),
    post: (url, body, extra) => app.inject({ method: 'POST', url, headers: headers(extra), ...(body === undefined ? {} : { payload: body as object }) }),
    put: (url, body) => app.inject({ method: 'PUT', url, headers: headers(), payload: body as object }),
    patch: (url, body) => app.inject({ method: 'PATCH', url, headers: headers(), payload: body as object }),
    raw: (o) => app.inject({ method: o.method, url: o.url, headers: headers(o.headers), payload: o.payload }),
  };
}

/** Build an app over a fresh database with the demo org tree and accounts (no issues); `now` fixes the app's clock. */
export async function setupApp(opts: { now?: () => Date } = {}): Promise<TestContext> {
  const fresh = await freshDatabase();
  invalidateDeadlineContext();
  await seedDemo(fresh.db, { issues: 0 });
  const config: Config = {
    databaseUrl: fresh.url, dialect: ON_POSTGRES ? 'postgres' : 'sqlite', port: 0, host: '127.0.0.1', allowedOrigins: [], dataDir: fresh.dataDir,
    sessionSecret: 'test-secret-test-secret-test-secret', demo: false, secureCookies: false, sweepSeconds: 0, trainHours: 0, logLevel: 'silent', trustProxy: 'loopback',
  };
  const app = await buildApp({ config, db: fresh.db, logger: false, now: opts.now });
  await app.ready();
  const units = await fresh.db.selectFrom('orgUnits').select(['id', 'name']).execute();
  const cats = await fresh.db.selectFrom('categories').select(['id', 'name']).execute();
  const cookies = new Map<string, string>();
  return {
    app, db: fresh.db, config,
    unit: (name) => units.find((u) => u.name === name)?.id ?? (() => { throw new Error(`no unit ${name}`); })(),
    category: (name) => cats.find((c) => c.name === name)?.id ?? (() => { throw new Error(`no category ${name}`); })(),
    as: async (username, lang) => {
      let cookie = cookies.get(username);
      if (!cookie) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
        if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
        const c = res.cookies.find((k) => k.name === 'yx_session')!;
        cookie = `yx_session=${c.value}`;
        cookies.set(username, cookie);
      }
      return client(app, cookie, lang);
    },
    anonymous: client(app, null),
    close: async () => { await app.close(); await fresh.drop(); },
  };
}

/** A valid intake body at a unit. */
export function intake(orgUnitId: number, extra: Record<string, unknown> = {}) {
  return {
    title: '城关镇解放路社区路灯损坏', body: '解放路有三盏路灯坏了半个月，晚上出行不安全，请尽快维修。', channel: 'letter', kind: 'complaint',
    orgUnitId, petitioner: { name: '王建国', phone: '13812345678' }, ...extra,
  };
}
