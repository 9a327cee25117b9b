/**
 * Writing many rows at once (imports): on SQLite one prepared statement run per row on the raw handle — Kysely's
 * compilation of a 500-row insert cost more than SQLite's work (bench/import) — and on PostgreSQL multi-row inserts;
 * on SQLite also transactions without foreign-key checks (`bulkTransaction`) and checkpoints held while bulk writes
 * run (`holdCheckpoints`).
 */
import type { Insertable, Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { DB } from './types.ts';
import { rawSqlite } from './connect.ts';

const snake = (s: string) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
/** Prepared inserts by handle and SQL text. */
const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();
/** PostgreSQL takes at most 65,535 parameters in one statement. */
const PG_PARAMS = 60_000;

/**
 * Insert rows (each with the same columns, in the same key order) into a table in the caller's transaction. Returns
 * the new ids in the rows' order when `returnIds` (tables with an `id` column).
 */
export async function bulkInsert<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: ReadonlyArray<Insertable<DB[T]>>, returnIds = false): Promise<number[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const raw = rawSqlite(db);
  if (raw) {
    const text = `insert into "${snake(table)}" (${columns.map((c) => `"${snake(c)}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
    let cache = statements.get(raw);
    if (!cache) statements.set(raw, (cache = new Map()));
    let stmt = cache.get(text);
    if (!stmt) cache.set(text, (stmt = raw.prepare(text)));
    const ids: number[] = [];
    for (const row of rows) {
      const r = row as Record<string, unknown>;
      const info = stmt.run(columns.map((c) => r[c] ?? null));
      if (returnIds) ids.push(Number(info.lastInsertRowid));
    }
    return ids;
  }
  const ids: number[] = [];
  const per = Math.max(1, Math.floor(PG_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    // Kysely's insert types do not narrow over a generic table name: the untyped view of the same database.
    const q = (db as unknown as Kysely<Record<string, Record<string, unknown>>>).insertInto(table).values(rows.slice(i, i + per) as Array<Record<string, unknown>>);
    if (returnIds) ids.push(...(await q.returning('id').execute()).map((r) => Number(r.id)));
    else await q.execute();
  }
  return ids;
}

/**
 * A transaction for bulk writes whose references the caller guarantees: on SQLite its foreign-key checks are off (they
 * were ≈ 13 % of an import's time, bench/import) and back on when it ends; the connection is held throughout, so no
 * other statement runs without them. PostgreSQL keeps its checks.
 */
export async function bulkTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  const raw = rawSqlite(db);
  if (!raw) return db.transaction().execute(fn);
  return db.connection().execute(async (conn) => {
    const before = raw.pragma('foreign_keys', { simple: true }) as number;
    const restore = () => raw.pragma(`foreign_keys = ${before ? 'ON' : 'OFF'}`);
    raw.pragma('foreign_keys = OFF');
    try {
      return await conn.transaction().execute(fn);
    } finally {
      restore();
      // SQLite ignores the setting inside a transaction: one left open by a failed commit must not keep checks off.
      if (raw.pragma('foreign_keys', { simple: true }) !== before) {
        if (raw.inTransaction) raw.exec('rollback');
        restore();
      }
    }
  });
}

/**
 * SQLite copies the write-ahead log into the database file after each commit once the log passes 1,000 pages: for an
 * import's big transactions that was a third of the commit time and wrote every page twice. While bulk writes run it
 * is copied once, after them (the next write does it, and the log is cut back to its usual size then); the log is
 * fsynced at each commit either way, so nothing acknowledged is lost. Bulk writes at once share the hold: the first
 * saves the setting, the last gives it back. Returns the release (nothing to do on PostgreSQL).
 */
export function holdCheckpoints(db: Kysely<DB>): () => void {
  const raw = rawSqlite(db);
  if (!raw) return () => {};
  const hold = checkpointHolds.get(raw) ?? { writers: 0, every: raw.pragma('wal_autocheckpoint', { simple: true }) as number };
  if (hold.writers++ === 0) {
    checkpointHolds.set(raw, hold);
    raw.pragma('wal_autocheckpoint = 0');
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--hold.writers > 0) return;
    checkpointHolds.delete(raw);
    raw.pragma(`wal_autocheckpoint = ${hold.every}`);
  };
}
const checkpointHolds = new WeakMap<SQLite.Database, { writers: number; every: number }>();
