/** Open the database named by the configuration: SQLite through better-sqlite3, or PostgreSQL through pg. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, PostgresAdapter, type SqliteDatabase } from 'kysely';
import type { DB } from './types.ts';
import { sqlitePath } from '../config.ts';

/** The database handle used everywhere. */
export type Database = Kysely<DB>;

// COUNT(*) and other int8 results: numbers, not strings (counts never pass 2^53).
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Open a connection pool (PostgreSQL) or the single connection (SQLite). */
export function openDatabase(databaseUrl: string): Database {
  const plugins = [new CamelCasePlugin()];
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
  }
  const file = sqlitePath(databaseUrl);
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we acknowledge it, so an acknowledged write survives a power cut.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MB of page cache (the default is 2 MB): bulk imports and index builds touch many index pages per transaction.
  sqlite.pragma('cache_size = -65536');
  // After a checkpoint the write-ahead log file is cut back to 64 MB (a big import grows it; see imports).
  sqlite.pragma('journal_size_limit = 67108864');
  // Unicode lower case for search (SQLite's lower() folds ASCII only): `yx_lower('ÉCOLE') = 'école'`.
  sqlite.function('yx_lower', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : s));
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins });
  rawHandles.set(db.getExecutor().adapter, sqlite);
  return db;
}

/** The better-sqlite3 handle behind each SQLite database, by its Kysely adapter (which its transactions share). */
const rawHandles = new WeakMap<object, SQLite.Database>();

/**
 * The better-sqlite3 handle of a SQLite database or transaction (undefined on PostgreSQL), for bulk writes that would
 * spend more time in Kysely than in SQLite (db/bulk.ts). SQLite has one connection: a statement run on it inside a
 * Kysely transaction's callback is part of that transaction.
 */
export function rawSqlite(db: Pick<Kysely<unknown>, 'getExecutor'>): SQLite.Database | undefined {
  return rawHandles.get(db.getExecutor().adapter);
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing was 13 % of intake CPU (bench/intake).
 * Reuse prepared statements by SQL text (the compiled SQL of a query shape is stable; values are parameters).
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      const hit = cache.get(text);
      // A statement that is being iterated cannot run again until it finishes: give that caller a fresh one.
      if (hit && !hit.busy) return hit;
      const stmt = sqlite.prepare(text);
      if (!hit) {
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

/** Whether this handle talks to PostgreSQL. */
export function isPostgres(db: Pick<Kysely<unknown>, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
