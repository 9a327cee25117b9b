/**
 * Inserting many rows at once (imports): on SQLite one prepared statement run per row on the raw handle — Kysely's
 * compilation of a 500-row insert cost more than SQLite's work (bench/import) — and on PostgreSQL multi-row inserts.
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
