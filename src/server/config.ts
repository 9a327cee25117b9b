/** Settings from environment variables, with defaults that make `npm start` work on a fresh machine. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

/** The service's resolved configuration. */
export interface Config {
  /** `sqlite:<file>` or `postgres://…`. */
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  port: number;
  /** The address to listen on: 127.0.0.1 unless HOST says otherwise (e.g. 0.0.0.0 in a container behind a proxy). */
  host: string;
  /** Origins besides the one the server is reached at that may send state-changing requests (ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins: string[];
  dataDir: string;
  /** Secret for signing session cookies; generated into DATA_DIR on first start. */
  sessionSecret: string;
  /** Seed the demo county into an empty database. */
  demo: boolean;
  /** Mark session cookies Secure (behind HTTPS). */
  secureCookies: boolean;
  /** Run the deadline sweeper every this many seconds (0: never). */
  sweepSeconds: number;
  /** Retrain the suggestion models when the newest is older than this many hours and issues closed since (0: never). */
  trainHours: number;
  logLevel: string;
  /**
   * Which proxies' X-Forwarded-* headers to believe: false (none) or proxy-addr's list of addresses, CIDRs and names
   * (`TRUST_PROXY=1` is `loopback`: a proxy on this machine). The client is the address the last trusted proxy saw.
   */
  trustProxy: false | string;
}

/** Read the configuration from `env`. Creates DATA_DIR and the session secret when missing. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = env.DATABASE_URL || `sqlite:${path.join(dataDir, 'yixian.db')}`;
  const dialect = /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgres' : 'sqlite';
  return {
    databaseUrl,
    dialect,
    port: Number(env.PORT ?? 3000),
    host: env.HOST || '127.0.0.1',
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    dataDir,
    sessionSecret: env.SESSION_SECRET ?? readOrCreateSecret(dataDir),
    demo: env.YIXIAN_DEMO !== '0',
    secureCookies: env.SECURE_COOKIES === '1',
    sweepSeconds: Number(env.SWEEP_SECONDS ?? 300),
    trainHours: Number(env.TRAIN_HOURS ?? 24),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: trustProxyOf(env.TRUST_PROXY),
  };
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

/** The path of the SQLite file in a `sqlite:` URL. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^sqlite:(\/\/)?/, '');
}

/**
 * TRUST_PROXY: unset or 0 → trust nobody; 1 → a proxy on this machine (`loopback`, the usual nginx in front);
 * otherwise a comma-separated list of the proxies' addresses/CIDRs (or proxy-addr's names: loopback, linklocal,
 * uniquelocal). Only the entries those proxies appended to X-Forwarded-For are believed, never what the client wrote
 * into it itself. (Fastify 5 refuses hop counts: they cannot check who sent the header.)
 */
export function trustProxyOf(v: string | undefined): false | string {
  const t = (v ?? '').trim();
  if (t === '' || t === '0' || t.toLowerCase() === 'false') return false;
  if (t === '1' || t.toLowerCase() === 'true') return 'loopback';
  if (/^\d+$/.test(t)) throw new Error(`TRUST_PROXY=${t}: give 1 (a proxy on this machine) or the proxies' addresses, e.g. TRUST_PROXY=10.0.0.5,10.0.0.6`);
  return t;
}
