/**
 * Importing historical cases. `dryRun` checks every row and says what would happen (created, skipped as already
 * imported, errors with row, column and message); `runImport` writes the good rows in batches of `BATCH` per
 * transaction and remembers each row's source key (`import_rows`), so the same file imported twice creates nothing
 * new and an interrupted import resumes where it stopped. Imported issues keep their original times; the timeline
 * holds what the source says (the reply, the call-back) after what the import knew (`ImportFacts`, kept with the row's
 * key and shown as an `imported` entry), which marks what the source does not say.
 * Each issue is listed as waiting for its searchable text (`markPending`), so search finds it in its parts as soon as its
 * batch commits; the text and tokens of the new issues are written afterwards in bulk (`indexPending`, started by the
 * caller and by the server at start).
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { bulkInsert, bulkTransaction, holdCheckpoints } from '../../db/bulk.ts';
import { transactorOf } from '../../db/transaction.ts';
import { STATUS_INFO, type IssueStatus } from '../../../shared/lifecycle.ts';
import type { DeadlineKind } from '../../../shared/enums.ts';
import type { EventType } from '../../../shared/events.ts';
import { writeAudit } from '../audit/index.ts';
import { deadlineContext, type DeadlineContext } from '../deadlines/index.ts';
import { issueRow, planClock, trackingCodeOf } from '../ledger/index.ts';
import type { Actor } from '../../actor.ts';
import { markPending, invalidateTokenStats } from '../search/index.ts';
import type { ImportMapping, Lookups, RowError } from './mapping.ts';
import { keyOf, openReader, type GoodRow, type Reader, type RowGroup } from './read.ts';
import type { ImportFacts } from './facts.repo.ts';
import { fingerprintOf, openSource } from './source.ts';
import * as repo from './imports.repo.ts';

type Db = Kysely<DB>;

/**
 * Rows per transaction. Each commit writes the batch's pages to the write-ahead log (≈ 40–75 ms for 5,000 rows; not
 * syncing it saved nothing measurable): 5,000 rows per commit imported 100,000 rows 1.1 s faster than 1,000
 * (bench/import), and holds the database ≈ 0.3 s at a time.
 */
export const BATCH = 5000;
/** Errors kept in a report (each row's first problems; the counts are always complete). */
export const MAX_REPORTED_ERRORS = 50_000;

export interface ImportReport {
  filename: string; fingerprint: string; encoding: string | null; header: string[];
  total: number; toCreate: number; toSkip: number; failed: number;
  errors: RowError[];
  /** The bad rows as they were (for the error sheet to fix and import again). */
  badRows: Array<{ row: number; cells: string[] }>;
}

/** Rows read so far and what became of them; then, after the import, cases indexed for search out of those to index. */
export interface ImportProgress { done: number; created: number; skipped: number; failed: number; indexed: number; toIndex: number }

/** Units (in the actor's scope) and categories rows are resolved against. */
async function lookupsOf(db: Db, actor: Actor): Promise<Lookups> {
  const [units, cats] = await Promise.all([
    repo.unitsInScope(db, actor),
    repo.categoriesOf(db, actor.tenantId),
  ]);
  const byId = new Map(cats.map((c) => [c.id, c]));
  const pathOf = (id: number): string[] => {
    const out: string[] = [];
    for (let c = byId.get(id); c; c = c.parentId == null ? undefined : byId.get(c.parentId)) out.unshift(c.name);
    return out;
  };
  return { units, categories: cats.map((c) => ({ id: c.id, name: c.name, path: pathOf(c.id) })) };
}

/** How an import reads its file: groups of `size` rows, in a worker thread or not (by default by the file's size). */
export interface ReadOptions { size?: number; worker?: boolean }

/**
 * The file's rows through the mapping, in groups (read.ts), with the units and categories of the actor's tenant and
 * scope. A reader thread starts on them at once, while the caller hashes the file.
 */
async function groupsOf(db: Db, actor: Actor, reader: Reader, file: { path: string; filename: string; mapping: ImportMapping; now: string }, read: ReadOptions): Promise<AsyncGenerator<RowGroup>> {
  return reader.groups({ ...file, lookups: await lookupsOf(db, actor), size: read.size ?? BATCH });
}

/** Run `fn` with the file open for reading (a big file's reader thread starts loading at once), closing it after. */
async function withReader<T>(path: string, read: ReadOptions, fn: (reader: Reader) => Promise<T>): Promise<T> {
  const reader = openReader(path, { worker: read.worker });
  try {
    return await fn(reader);
  } finally {
    await reader.close();
  }
}

/** Check a file against a mapping without writing anything. */
export async function dryRun(db: Db, actor: Actor, path: string, filename: string, mapping: ImportMapping, now = new Date().toISOString(), read: ReadOptions = {}): Promise<ImportReport> {
  return withReader(path, read, (reader) => checkFile(db, actor, reader, path, filename, mapping, now, read));
}

async function checkFile(db: Db, actor: Actor, reader: Reader, path: string, filename: string, mapping: ImportMapping, now: string, read: ReadOptions): Promise<ImportReport> {
  const groups = await groupsOf(db, actor, reader, { path, filename, mapping, now }, read);
  const fingerprint = await fingerprintOf(path);
  const source = await openSource(path, filename);
  const report: ImportReport = { filename, fingerprint, encoding: source.encoding, header: source.header, total: 0, toCreate: 0, toSkip: 0, failed: 0, errors: [], badRows: [] };
  await source.rows.return(undefined);
  for await (const b of groups) {
    const seen = await repo.existingKeys(db, actor.tenantId, b.good.map((g) => keyOf(fingerprint, g)));
    report.total += b.total;
    report.toCreate += b.good.length - seen.size;
    report.toSkip += seen.size;
    report.failed += b.failed;
    keep(report, b);
  }
  return report;
}

/** Add a group's errors and bad rows to a report, up to the limit. */
function keep(report: ImportReport, b: { errors: RowError[]; badRows: Array<{ row: number; cells: string[] }> }): void {
  if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(...b.errors.slice(0, MAX_REPORTED_ERRORS - report.errors.length));
  if (report.badRows.length < MAX_REPORTED_ERRORS) report.badRows.push(...b.badRows.slice(0, MAX_REPORTED_ERRORS - report.badRows.length));
}

/**
 * The bad rows as a sheet to fix and import again: the file's own columns, then what is wrong with each row.
 * Row numbers are those of the imported file.
 */
export async function errorSheet(report: Pick<ImportReport, 'header' | 'errors' | 'badRows'>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('待修改的行');
  ws.addRow([...report.header, '原行号', '错误说明']);
  ws.getRow(1).font = { bold: true };
  const byRow = new Map<number, string[]>();
  for (const e of report.errors) (byRow.get(e.row) ?? byRow.set(e.row, []).get(e.row)!).push(e.column ? `【${e.column}】${e.message}` : e.message);
  for (const r of report.badRows) {
    const cells = report.header.map((_, i) => r.cells[i] ?? '');
    ws.addRow([...cells, r.row, (byRow.get(r.row) ?? []).join('；')]);
  }
  ws.columns.forEach((c, i) => { c.width = i === report.header.length + 1 ? 60 : 18; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const OPEN_CLOCK: Partial<Record<IssueStatus, DeadlineKind>> = {
  registered: 'accept', accepted: 'handle', assigned: 'handle', returned: 'handle', in_progress: 'handle', extension_requested: 'handle', reopened: 'handle',
};

/** Write one group of checked rows in the caller's transaction. Returns how many issues were created. */
async function writeGroup(trx: Db, actor: Actor, ctx: DeadlineContext, batchId: number, fingerprint: string, rows: GoodRow[], now: string): Promise<number> {
  if (rows.length === 0) return 0;
  // Rows imported before (an earlier or interrupted run of the file, or another run meanwhile) are skipped.
  const seen = await repo.existingKeys(trx, actor.tenantId, rows.map((r) => keyOf(fingerprint, r)));
  const todo = rows.filter((r) => !seen.has(keyOf(fingerprint, r)));
  if (todo.length === 0) return 0;
  // Tracking codes by the year the case was received.
  const byYear = new Map<string, number>();
  for (const r of todo) byYear.set(r.year, (byYear.get(r.year) ?? 0) + 1);
  const next = new Map<string, number>();
  for (const [y, n] of byYear) next.set(y, await repo.reserveCounter(trx, actor.tenantId, `tracking:${y}`, n));
  // Petitioners: one person per distinct phone (an existing one is reused), or per named row without a phone.
  const phones = [...new Set(todo.map((r) => r.value.petitionerPhone).filter((p): p is string => !!p))];
  const people = new Map<string, number>();
  for (let i = 0; i < phones.length; i += 500) {
    const found = await repo.peopleByPhone(trx, actor.tenantId, phones.slice(i, i + 500));
    for (const f of found) if (f.phone && !people.has(f.phone)) people.set(f.phone, f.id);
  }
  // One new person per phone not known yet (the first row with it names them), and one per named row without a phone.
  const personOf = new Map<number, number>();
  const newPeople = todo.filter((r) => {
    const phone = r.value.petitionerPhone;
    if (!phone) return !!r.value.petitionerName;
    if (people.has(phone)) return false;
    people.set(phone, 0); // its id once inserted
    return true;
  });
  const personIds = await bulkInsert(trx, 'people', newPeople.map((r) => ({ tenantId: actor.tenantId, name: r.value.petitionerName, phone: r.value.petitionerPhone, idNumber: null, address: null, createdAt: now })), true);
  newPeople.forEach((r, k) => { if (r.value.petitionerPhone) people.set(r.value.petitionerPhone, personIds[k]!); else personOf.set(r.row, personIds[k]!); });

  const values = todo.map((r) => {
    const v = r.value;
    const year = r.year;
    const seq = next.get(year)!;
    next.set(year, seq + 1);
    const type = STATUS_INFO[v.status].type;
    const family = ctx.channelFamily[v.channel];
    const clockKind = OPEN_CLOCK[v.status];
    const clock = clockKind ? planClock(ctx, { policyFamily: family, kind: v.kind, urgency: 'normal' }, clockKind, v.receivedAt) : null;
    return {
      issue: issueRow({
        tenantId: actor.tenantId, trackingCode: trackingCodeOf(String(year), seq), title: v.title, body: v.body, kind: v.kind, channel: v.channel,
        status: v.status, orgUnitId: v.orgUnitId, categoryId: v.categoryId,
        petitionerId: (v.petitionerPhone ? people.get(v.petitionerPhone) : personOf.get(r.row)) ?? null, anonymous: v.petitionerName || v.petitionerPhone ? 0 : 1,
        policyFamily: family, receivedAt: v.receivedAt, registeredBy: actor.userId,
        resolved: type === 'resolved' ? 1 : type === 'unresolved' ? 0 : null, satisfaction: v.satisfaction,
        nextDueAt: clock?.dueAt ?? null, createdAt: now,
        // A closed case's closing time is its reply's when the source has one; otherwise its receipt (marked unknown on the timeline).
        closedAt: type === 'open' ? null : v.replyAt ?? v.receivedAt,
      }),
      clock: clock && clockKind ? { kind: clockKind, ...clock } : null,
      row: r,
    };
  });
  const ids = await bulkInsert(trx, 'issues', values.map((v) => v.issue), true);
  const events: Array<{ tenantId: number; subjectType: 'issue'; subjectId: number; type: EventType; actorId: number | null; at: string; fromStatus: string | null; toStatus: string | null; data: string }> = [];
  const clocks = [];
  const keys = [];
  const docs = [];
  for (const [k, v] of values.entries()) {
    const id = ids[k]!;
    const p = v.row.value;
    const unknown = [
      ...(STATUS_INFO[p.status].type !== 'open' && !p.replyAt ? ['closedAt'] : []),
      ...(v.clock?.kind === 'handle' ? ['acceptedAt'] : []),
      ...(p.status !== 'registered' ? ['steps'] : []),
    ];
    if (p.replyText || p.replyAt) {
      events.push({ tenantId: actor.tenantId, subjectType: 'issue', subjectId: id, type: 'reply', actorId: null, at: p.replyAt ?? p.receivedAt, fromStatus: null, toStatus: null,
        data: JSON.stringify({ text: p.replyText ?? '', imported: true, ...(p.replyAt ? {} : { atUnknown: true }) }) });
    }
    if (p.satisfaction) {
      events.push({ tenantId: actor.tenantId, subjectType: 'issue', subjectId: id, type: 'callback', actorId: null, at: p.replyAt ?? p.receivedAt, fromStatus: null, toStatus: null,
        data: JSON.stringify({ satisfaction: p.satisfaction, imported: true, atUnknown: true }) });
    }
    if (v.clock) clocks.push({ tenantId: actor.tenantId, subjectType: 'issue' as const, subjectId: id, kind: v.clock.kind, startedAt: p.receivedAt, dueAt: v.clock.dueAt, rule: v.clock.rule, metAt: null, warnedAt: null, escalatedAt: null });
    const facts: ImportFacts = { row: v.row.row, sourceId: p.sourceId, extra: p.extra, unknown, status: p.status, by: actor.userId, importedAt: now };
    keys.push({ issueId: id, tenantId: actor.tenantId, sourceKey: keyOf(fingerprint, v.row), batchId, facts: JSON.stringify(facts) });
    docs.push({ tenantId: actor.tenantId, issueId: id, doc: v.row.doc });
  }
  await bulkInsert(trx, 'timelineEvents', events);
  await bulkInsert(trx, 'clocks', clocks);
  await bulkInsert(trx, 'importRows', keys);
  await markPending(trx, docs);
  return todo.length;
}

/**
 * Tables an import's rows refer to. Nothing deletes from them (tested), so an import's transactions skip foreign-key
 * checks (`bulkTransaction`): every reference it writes is to a row read before it (the tenant, units in the actor's
 * scope, categories, the actor, the batch) or written in it (issues, people), so the checks could not fail.
 */
export const IMPORT_PARENT_TABLES = ['tenants', 'org_units', 'categories', 'users', 'people', 'issues', 'import_batches'] as const;

/**
 * Import a file: every good row becomes an issue, rows already imported are skipped, bad rows are reported and do not
 * stop the others. A file imported before with rows left (an interrupted run) continues in its batch.
 */
export async function runImport(
  db: Db, actor: Actor, path: string, filename: string, mapping: ImportMapping,
  opts: { now?: string; onProgress?: (p: ImportProgress) => void; onStart?: (batchId: number) => void; read?: ReadOptions } = {},
): Promise<{ batchId: number; report: ImportReport & { created: number } }> {
  return withReader(path, opts.read ?? {}, (reader) => importFile(db, actor, reader, path, filename, mapping, opts));
}

async function importFile(
  db: Db, actor: Actor, reader: Reader, path: string, filename: string, mapping: ImportMapping,
  opts: { now?: string; onProgress?: (p: ImportProgress) => void; onStart?: (batchId: number) => void; read?: ReadOptions },
): Promise<{ batchId: number; report: ImportReport & { created: number } }> {
  const now = opts.now ?? new Date().toISOString();
  const groups = await groupsOf(db, actor, reader, { path, filename, mapping, now }, opts.read ?? {});
  const fingerprint = await fingerprintOf(path);
  const source = await openSource(path, filename);
  await source.rows.return(undefined);
  const ctx = await deadlineContext(db, actor.tenantId);
  const batchId = (await repo.runningBatchOf(db, actor.tenantId, fingerprint)) ?? (await repo.insertBatch(db, {
    tenantId: actor.tenantId, filename, fingerprint, mapping: JSON.stringify(mapping), status: 'running', total: 0, created: 0, skipped: 0, failed: 0,
    errors: '[]', createdBy: actor.userId, createdAt: now, finishedAt: null,
  }));
  opts.onStart?.(batchId);
  const report: ImportReport & { created: number } = { filename, fingerprint, encoding: source.encoding, header: source.header, total: 0, toCreate: 0, toSkip: 0, failed: 0, errors: [], badRows: [], created: 0 };
  const progress: ImportProgress = { done: 0, created: 0, skipped: 0, failed: 0, indexed: 0, toIndex: 0 };
  // A failure leaves the batch `running`: importing the same file again continues it (rows already in are skipped).
  const releaseCheckpoints = holdCheckpoints(db);
  try {
    for await (const b of groups) {
      const created = await bulkTransaction(db, (trx) => writeGroup(trx, actor, ctx, batchId, fingerprint, b.good, now));
      report.total += b.total;
      report.toCreate += created;
      report.created += created;
      report.toSkip += b.good.length - created;
      report.failed += b.failed;
      keep(report, b);
      progress.done = report.total;
      progress.created = report.created;
      progress.skipped = report.toSkip;
      progress.failed = report.failed;
      opts.onProgress?.({ ...progress });
    }
    invalidateTokenStats(db);
    // The batch's own count: a resumed batch also holds what its earlier run created (skipped by this run, so not
    // counted as skipped for the batch).
    const inBatch = await repo.batchRowCount(db, batchId);
    const createdBefore = inBatch - report.created;
    // The batch's outcome and its audit entry commit together.
    await transactorOf(db)(async (trx) => {
      await repo.finishBatch(trx, batchId, {
        status: 'done', total: report.total, created: inBatch, skipped: report.toSkip - createdBefore, failed: report.failed,
        errors: JSON.stringify(report.errors), finishedAt: new Date().toISOString(),
      });
      await writeAudit(trx, { tenantId: actor.tenantId, actorId: actor.userId, action: 'import.run', entityType: 'import', entityId: batchId, ip: actor.ip, at: now,
        data: { filename, fingerprint, total: report.total, created: report.created, skipped: report.toSkip, failed: report.failed } });
    });
  } finally {
    releaseCheckpoints();
  }
  return { batchId, report };
}

