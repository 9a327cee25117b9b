/**
 * The deadline sweeper: warns about clocks falling due within a day and escalates (督办) overdue ones.
 * Each clock is claimed with a conditional UPDATE before its event is written, in the same transaction, so
 * an escalation is recorded exactly once even when several service processes sweep one PostgreSQL at once.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { transactorOf } from '../../db/transaction.ts';
import { DEADLINE_KIND_NAMES, type DeadlineKind } from '../../../shared/enums.ts';
import { writeAudit } from '../audit/index.ts';
import { claimEscalation, claimWarning, dueSoonUnwarned, overdueUnescalated } from './deadlines.repo.ts';
import { tenantIds } from '../org/index.ts';
import { calendarCoverage } from './deadlines.service.ts';
import { isStaffClock } from './engine.ts';
import { appendEvent } from '../timeline/index.ts';
import { DEADLINE_KINDS } from '../../../shared/enums.ts';

const STAFF = DEADLINE_KINDS.filter(isStaffClock);
const WARN_BEFORE_MS = 24 * 3600_000;
const BATCH = 500;

/** What one sweep did. */
export interface SweepResult {
  escalated: number;
  warned: number;
  /** Tenants whose calendar lacks the holidays of a year their clocks need (this year, next year, or one a clock runs into). */
  missingHolidays: Array<{ tenantId: number; years: number[]; latestDueAt: string | null; message: string }>;
}

/** Where a sweep reports what an administrator must do (pino's `warn`, as the server's logger has it). */
export interface SweepLog {
  warn: (obj: object, msg: string) => void;
}

/**
 * Run one sweep at `now`. Pass the database to commit per clock (each in its own `transactorOf` call, which on SQLite
 * may share a commit with other writes), or a transaction to do it all in that one (the demo seed). Calendars
 * that lack a year's holidays are listed in the result and, with `log`, warned about in one line per sweep.
 */
export async function sweepDeadlines(db: Kysely<DB>, now: string, opts: { log?: SweepLog } = {}): Promise<SweepResult> {
  const result: SweepResult = { escalated: 0, warned: 0, missingHolidays: [] };
  const inTx = db.isTransaction;
  const run = <T>(fn: (trx: Kysely<DB>) => Promise<T>) => (inTx ? fn(db) : transactorOf(db)(fn));

  for (;;) {
    const due = await overdueUnescalated(db, now, STAFF, BATCH);
    if (due.length === 0) break;
    for (const c of due) {
      const done = await run(async (trx) => {
        if (!(await claimEscalation(trx, c.id, now))) return false;
        await appendEvent(trx, {
          tenantId: c.tenantId, subject: { type: c.subjectType, id: c.subjectId }, type: 'escalate', actorId: null, at: now,
          data: { deadlineKind: c.kind, dueAt: c.dueAt, message: `${DEADLINE_KIND_NAMES[c.kind as DeadlineKind].zh}期限已过，系统自动督办` },
        });
        await writeAudit(trx, { tenantId: c.tenantId, actorId: null, action: 'deadline.escalate', entityType: c.subjectType, entityId: c.subjectId, at: now, data: { deadlineId: c.id, kind: c.kind } });
        return true;
      });
      if (done) result.escalated += 1;
    }
    if (due.length < BATCH) break;
  }

  const soon = new Date(Date.parse(now) + WARN_BEFORE_MS).toISOString();
  for (;;) {
    const warn = await dueSoonUnwarned(db, now, soon, STAFF, BATCH);
    if (warn.length === 0) break;
    for (const c of warn) {
      const done = await run(async (trx) => {
        if (!(await claimWarning(trx, c.id, now))) return false;
        await appendEvent(trx, {
          tenantId: c.tenantId, subject: { type: c.subjectType, id: c.subjectId }, type: 'warn', actorId: null, at: now,
          data: { deadlineKind: c.kind, dueAt: c.dueAt, message: `${DEADLINE_KIND_NAMES[c.kind as DeadlineKind].zh}期限将于 24 小时内到期` },
        });
        return true;
      });
      if (done) result.warned += 1;
    }
    if (warn.length < BATCH) break;
  }

  for (const tenantId of await tenantIds(db)) {
    const c = await calendarCoverage(db, tenantId, now);
    if (c.warning) result.missingHolidays.push({ tenantId, years: c.missingYears, latestDueAt: c.latestDueAt, message: c.warning.zh });
  }
  if (opts.log && result.missingHolidays.length) {
    const one = result.missingHolidays.length === 1 ? result.missingHolidays[0]! : null;
    opts.log.warn({ missingHolidays: result.missingHolidays.map(({ message: _, ...m }) => m) },
      one ? one.message : `${result.missingHolidays.length} 个单位的节假日日历缺少年份（按双休日计算期限），请录入`);
  }
  return result;
}
