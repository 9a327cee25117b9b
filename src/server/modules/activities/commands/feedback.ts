/**
 * Audience feedback on a lecture (宣讲): a listener's three scales and optional question through the public link, and
 * the step that turns a question into an issue (channel 宣讲, linked to the lecture, the phone as the petitioner's).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Transactor } from '../../../db/transaction.ts';
import type { Actor } from '../../../actor.ts';
import { AppError, notFound } from '../../../plugins/errors.ts';
import { writeAudit } from '../../audit/index.ts';
import type { DeadlineContext } from '../../deadlines/index.ts';
import type { Registered } from '../../ledger/index.ts';
import { ACTIVITY_LIMITS, type FeedbackInput } from '../../../../shared/api/activities.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import * as repo from '../activities.repo.ts';
import { ACTIVITY, registerActivityIssue } from './activities.ts';

type Db = Kysely<DB>;
const FEEDBACK = { zh: '评价', en: 'Feedback' };

/** Whether a lecture's feedback link takes answers now, and if not why (shown on the public page). */
export function feedbackState(row: Pick<repo.ActivityRow, 'kind' | 'status' | 'endsAt'>, now: string): 'open' | 'cancelled' | 'expired' | 'not_outreach' {
  if (row.kind !== 'outreach') return 'not_outreach';
  if (row.status === 'cancelled') return 'cancelled';
  if (Date.parse(now) > Date.parse(row.endsAt) + ACTIVITY_LIMITS.feedbackOpenDays * 86_400_000) return 'expired';
  return 'open';
}

/** Store one listener's feedback on the lecture; returns its id (the caller checked the link is open). */
export async function submitFeedback(db: Db, row: repo.ActivityRow, input: FeedbackInput, now: string): Promise<number> {
  const question = input.question?.trim() || null;
  const phone = input.phone?.replace(/[\s\-()]/g, '') || null;
  const id = await repo.insertFeedback(db, {
    tenantId: row.tenantId, activityId: row.id, willing: input.willing, understood: input.understood, benefited: input.benefited,
    question, phone, createdAt: now,
  });
  await writeAudit(db, { tenantId: row.tenantId, actorId: null, action: 'feedback.submit', entityType: 'feedback', entityId: id, at: now, ip: null, data: { activityId: row.id, question: question !== null } });
  return id;
}

/** Register a listener's question as an issue heard at the lecture, once. */
export async function feedbackToIssue(
  tx: Transactor, db: Db, ctx: DeadlineContext, actor: Actor, activityId: number, feedbackId: number,
  input: { title?: string; categoryId?: number | null; orgUnitId?: number; kind?: 'consult' | 'help' | 'complaint' | 'report' | 'suggestion' | 'appeal' | 'accusation' }, now: string,
): Promise<Registered> {
  const row = await repo.findActivityInScope(db, actor, activityId);
  if (!row) throw notFound(ACTIVITY);
  const f = await repo.findFeedback(db, activityId, feedbackId);
  if (!f) throw notFound(FEEDBACK);
  if (!f.question) throw new AppError(422, 'feedback_no_question');
  if (f.issueId) {
    throw new AppError(409, 'feedback_already_issue', { code: await repo.trackingCodeOf(db, f.issueId) });
  }
  const title = input.title ?? [...f.question.replace(/\s+/g, ' ')].slice(0, 30).join('');
  let registered: Registered | undefined;
  await tx(async (trx) => {
    // The registration and the mark share one transaction: a question becomes at most one issue.
    const within: Transactor = (fn) => fn(trx);
    registered = await registerActivityIssue(within, trx, ctx, actor, activityId, {
      title: [...title].slice(0, LIMITS.titleMax).join(''), body: f.question!, kind: input.kind ?? 'consult', receivedAt: f.createdAt,
      ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}), ...(input.orgUnitId ? { orgUnitId: input.orgUnitId } : {}),
      ...(f.phone ? { petitioner: { phone: f.phone } } : { anonymous: true }),
    }, { now });
    if (!(await repo.markFeedbackIssue(trx, f.id, registered.id))) throw new AppError(409, 'feedback_already_issue', { code: `#${registered.id}` });
  });
  return registered!;
}
