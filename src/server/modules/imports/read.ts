/**
 * Reading a file for an import: every row through the mapping, in groups, with each good row's source id key, the
 * year its tracking code is counted in and, when search needs it stored, its searchable text — everything of an import
 * that needs neither the database nor the file's fingerprint.
 *
 * A big file is read in a worker thread (`read-worker.js`) so that the next group is read and checked while the last
 * one is written: reading and checking were 40 % of an import's time on one thread (bench/import). The worker reads
 * at most `AHEAD` groups ahead of the writer, so memory does not grow with the file. Small files are read here: a
 * thread takes ≈ 0.1–0.3 s to start and read its first group, about what reading a small file takes.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { shanghaiDate } from '../../../shared/shanghai-date.ts';
import { storedDocOf } from '../../nlp/index.ts';
import { rowPreparer, type ImportMapping, type Lookups, type PreparedRow, type RowError } from './mapping.ts';
import type { ErrorCode } from '../../../shared/messages.ts';
import { ImportFileError, openSource } from './source.ts';

/** A row that passed its checks. */
export interface GoodRow {
  row: number;
  /**
   * What the row is remembered by when the mapping has a source id (`id:…`); null when it is remembered by the file and
   * its row number (`keyOf`: the file's fingerprint is not needed to read it, so reading starts while it is computed).
   */
  key: string | null;
  value: PreparedRow;
  /** The year (Beijing time) of its receipt: its tracking code's counter. */
  year: string;
  /**
   * Its searchable text (`searchDoc` of title, body and reply) when search needs it stored with the row — when NFKC
   * changes more in it than the punctuation search folds itself (`storedDocOf`) — else null.
   */
  doc: string | null;
}

/** One group of rows: the good ones and what was wrong with the others. */
export interface RowGroup {
  good: GoodRow[];
  errors: RowError[];
  /** The bad rows as they were (for the error sheet). */
  badRows: Array<{ row: number; cells: string[] }>;
  failed: number;
  /** Rows read (blank lines are not rows). */
  total: number;
}

/** What to read and how to check it (plain data: it is sent to the worker). */
export interface ReadSpec {
  path: string; filename: string; mapping: ImportMapping; lookups: Lookups; now: string;
  /** Good rows per group; a group also ends after `4 × size` rows read (files with many bad rows). */
  size: number;
  /** Good rows in the first group (default `size`; the worker's is small, so the writer starts early). */
  first?: number;
}

/** Files from this size on are read in a worker thread (about 5,000 typical rows). */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;
/** Good rows in the worker's first group: the writer starts while the rest is read. */
const FIRST_GROUP = 500;
/** Reader threads at most at once (each loads its own copy of the modules; the machine has two cores). */
export const MAX_READER_THREADS = 2;
let readerThreads = 0;
/** Reader threads running now. */
export const readerThreadsRunning = () => readerThreads;
/** Groups the worker may read ahead of the writer. */
const AHEAD = 2;

/** Every row of the file through the mapping, in groups (on this thread). */
export async function* checkedGroups(spec: ReadSpec): AsyncGenerator<RowGroup> {
  const { size } = spec;
  const source = await openSource(spec.path, spec.filename);
  const prepare = rowPreparer(source.header, spec.mapping, spec.lookups, spec.now);
  let group: RowGroup = { good: [], errors: [], badRows: [], failed: 0, total: 0 };
  const keysInFile = new Set<string>();
  let first = true;
  for await (const r of source.rows) {
    if (r.cells.every((c) => c.trim() === '')) continue; // blank lines are not rows
    group.total++;
    const p = prepare(r.cells, r.row);
    if (!p.ok) {
      group.failed++;
      group.errors.push(...p.errors);
      group.badRows.push({ row: r.row, cells: r.cells });
    } else {
      const v = p.value;
      const key = v.sourceId ? `id:${v.sourceId}` : null;
      if (key !== null && keysInFile.has(key)) {
        group.failed++;
        group.errors.push({ row: r.row, column: '', message: `原系统编号「${v.sourceId}」在文件中重复`, messageEn: `source id "${v.sourceId}" appears twice in the file` });
        group.badRows.push({ row: r.row, cells: r.cells });
      } else {
        if (key !== null) keysInFile.add(key);
        group.good.push({ row: r.row, key, value: v, year: shanghaiDate(v.receivedAt).slice(0, 4), doc: storedDocOf([v.title, v.body, v.replyText]) });
      }
    }
    const want = first ? Math.min(size, spec.first ?? size) : size;
    if (group.good.length >= want || group.total >= want * 4) {
      yield group;
      first = false;
      group = { good: [], errors: [], badRows: [], failed: 0, total: 0 };
    }
  }
  yield group;
}

/** What a good row of a file is remembered by (its source id, or the file and its row). */
export function keyOf(fingerprint: string, g: GoodRow): string {
  return g.key ?? `${fingerprint}:${g.row}`;
}

/** A file being read for an import: its groups (once), then `close`. */
export interface Reader {
  /** The groups of the file; a reader thread starts reading at once, before the first is asked for. */
  groups(spec: ReadSpec): AsyncGenerator<RowGroup>;
  /** Stops the worker thread, if any (also when `groups` ends or is left). */
  close(): Promise<void>;
}

/**
 * Opens a file for reading in groups: in a worker thread when the file is big (or when `worker` says so), else on
 * this thread — the same groups either way. The worker starts now, so it loads while the caller gets ready (hashes
 * the file, reads its lookups); the caller must `close` the reader if it never reads.
 */
export function openReader(path: string, opts: { worker?: boolean } = {}): Reader {
  const big = () => { try { return statSync(path).size >= WORKER_MIN_BYTES; } catch { return false; } };
  // Beyond MAX_READER_THREADS reads at once (dry runs and imports of several clerks), big files are read here too.
  if (!(opts.worker ?? (readerThreads < MAX_READER_THREADS && big()))) return { groups: checkedGroups, close: async () => {} };
  const worker = new Worker(new URL('./read-worker.js', import.meta.url));
  readerThreads++;
  worker.once('exit', () => { readerThreads--; });
  // What the worker says, from the start (an error while it loads is kept for the reading, not thrown here).
  const inbox = new Inbox();
  worker.on('message', (m: WorkerMessage) => inbox.put(m));
  worker.on('error', (error: Error) => inbox.put({ type: 'error', error }));
  worker.on('exit', (code: number) => inbox.put({ type: 'exit', code }));
  worker.on('messageerror', (error: Error) => inbox.put({ type: 'error', error }));
  return {
    groups: (spec) => {
      worker.postMessage({ ...spec, first: spec.first ?? FIRST_GROUP });
      for (let k = 0; k < AHEAD; k++) worker.postMessage('more');
      return inWorker(worker, inbox);
    },
    close: async () => { await worker.terminate(); },
  };
}

/** Every row of the file through the mapping, in groups (`openReader`, read to the end). */
export async function* readGroups(spec: ReadSpec, opts: { worker?: boolean } = {}): AsyncGenerator<RowGroup> {
  const reader = openReader(spec.path, opts);
  try {
    yield* reader.groups(spec);
  } finally {
    await reader.close();
  }
}

/** What the worker sends: a group, the end, or why it stopped. */
export type WorkerMessage =
  | { type: 'group'; group: RowGroup }
  | { type: 'done' }
  | { type: 'fail'; message: string; zh?: string; en?: string; code?: ErrorCode; params?: Record<string, string | number> };

type Received = WorkerMessage | { type: 'error'; error: Error } | { type: 'exit'; code: number };

/** Messages in arrival order, waited for one at a time. */
class Inbox {
  private queue: Received[] = [];
  private wake: (() => void) | undefined;
  put(m: Received): void {
    this.queue.push(m);
    this.wake?.();
    this.wake = undefined;
  }
  async take(): Promise<Received> {
    while (this.queue.length === 0) await new Promise<void>((resolve) => { this.wake = resolve; });
    return this.queue.shift()!;
  }
}

async function* inWorker(worker: Worker, inbox: Inbox): AsyncGenerator<RowGroup> {
  try {
    for (;;) {
      const m = await inbox.take();
      if (m.type === 'group') {
        worker.postMessage('more');
        yield m.group;
      } else if (m.type === 'done') return;
      else if (m.type === 'fail') throw m.zh && m.en ? new ImportFileError(m.zh, m.en, m.code, m.params) : new Error(m.message);
      else if (m.type === 'error') throw m.error;
      else throw new Error(`the import's reader stopped (exit code ${m.code})`);
    }
  } finally {
    await worker.terminate();
  }
}
