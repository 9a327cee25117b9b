/**
 * Write transactions. On PostgreSQL each call gets its own transaction. On SQLite, where all writes go
 * through one connection and each commit waits for an fsync (synchronous=FULL), concurrent calls are
 * committed together: one BEGIN, each call in its own SAVEPOINT (a failing call rolls back only itself),
 * one COMMIT, and only then is any caller answered — so no acknowledged write can be lost, and the fsync
 * is paid once per batch instead of once per request (bench/intake measures the effect).
 *
 * Every multi-table write of the modules opens its transaction here, through `transactorOf(db)` (`app.tx` is the
 * same one), so on SQLite they all share one queue. A call must not wait on other work (hashing, files, the network)
 * inside its transaction: on SQLite the whole batch, and every other query, waits with it.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './types.ts';
import { isPostgres } from './connect.ts';

/** Runs `fn` in a transaction and resolves after the commit. */
export type Transactor = <T>(fn: (trx: Transaction<DB>) => Promise<T>) => Promise<T>;

// One savepoint name reused for each call in turn (a released savepoint's name is free again).
const SAVEPOINT = sql.raw('savepoint yx_job');
const RELEASE = sql.raw('release savepoint yx_job');
const ROLLBACK_TO = sql.raw('rollback to savepoint yx_job');

interface Job {
  fn: (trx: Transaction<DB>) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** The one transactor of each database handle (`transactorOf`). */
const transactors = new WeakMap<Kysely<DB>, Transactor>();

/**
 * The transactor of a database handle, made on first use: `app.tx` and every module's writes get the same one, so on
 * SQLite they are batched together rather than waiting for each other's commits. Takes the database, not a
 * transaction: a transaction opened from inside another would wait for its own caller.
 */
export function transactorOf(db: Kysely<DB>): Transactor {
  if (db.isTransaction) throw new Error('transactorOf takes the database, not a transaction');
  let tx = transactors.get(db);
  if (!tx) transactors.set(db, (tx = createTransactor(db)));
  return tx;
}

/** A new transactor for a database handle (its own queue; `transactorOf` is the shared one). */
export function createTransactor(db: Kysely<DB>, opts: { maxBatch?: number } = {}): Transactor {
  if (isPostgres(db)) return (fn) => db.transaction().execute(fn);
  const maxBatch = opts.maxBatch ?? 64;
  let queue: Job[] = [];
  let draining = false;

  async function runBatch(batch: Job[]): Promise<void> {
    const results: { ok: boolean; value: unknown }[] = [];
    let trx;
    try {
      trx = await db.startTransaction().execute();
    } catch (err) {
      for (const j of batch) j.reject(err);
      return;
    }
    try {
      for (const job of batch) {
        await SAVEPOINT.execute(trx);
        try {
          const value = await job.fn(trx);
          await RELEASE.execute(trx);
          results.push({ ok: true, value });
        } catch (err) {
          await ROLLBACK_TO.execute(trx);
          await RELEASE.execute(trx);
          results.push({ ok: false, value: err });
        }
      }
      await trx.commit().execute();
    } catch (err) {
      await trx.rollback().execute().catch(() => undefined);
      for (const j of batch) j.reject(err);
      return;
    }
    batch.forEach((j, i) => (results[i]!.ok ? j.resolve(results[i]!.value) : j.reject(results[i]!.value)));
  }

  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        await runBatch(batch);
      }
    } finally {
      draining = false;
    }
  }

  return <T>(fn: (trx: Transaction<DB>) => Promise<T>) => new Promise<T>((resolve, reject) => {
    queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
    // Let the requests that arrived in this turn of the event loop join the batch.
    if (!draining) setImmediate(() => void drain());
  });
}
