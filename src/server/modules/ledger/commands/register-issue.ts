/**
 * registerIssue: the one way an issue enters the ledger from a person (the staff intake screen today; activities,
 * reception days, the portal and Open311 next). In one transaction: create the issue (tracking code, first clock,
 * timeline, audit, search row), record the suggestions the clerk was shown, link it to the issue it repeats, or
 * merge it into that issue (并单: the new record is kept — who asked, when — and closed into the open one). With an
 * idempotency key the whole registration runs at most once (`idempotency` module). Bulk imports share the row
 * builder and the tracking-code format (`create-issue.ts`) but not this path.
 */
import type { Transactor } from '../../../db/transaction.ts';
import type { Actor } from '../../../actor.ts';
import type { CreateIssueInput } from '../../../../shared/api/issues.ts';
import type { DeadlineContext } from '../../deadlines/index.ts';
import { runOnce } from '../../idempotency/index.ts';
import { recordSuggestions } from '../../intel/index.ts';
import { createIssue, type CreatedIssue } from './create-issue.ts';
import { linkIssue } from './link-issue.ts';
import { transitionIssue } from './transition-issue.ts';

/** Where and how a registration arrives. */
export interface RegisterOptions {
  now: string;
  /** The client's Idempotency-Key, and the route or channel it is scoped to (default `POST /issues`). */
  idempotencyKey?: string;
  idempotencyScope?: string;
  /** The grassroots activity (lecture, research visit, reception day, on-site session) where it was heard. */
  sourceActivityId?: number;
}

/** What a registration did. `created` is absent for a replay (render the issue as it is now) and after a merge. */
export interface Registered {
  id: number;
  replayed: boolean;
  created?: CreatedIssue;
}

/** Register an issue as `actor` (who must hold an intake role and have the place in scope). */
export async function registerIssue(tx: Transactor, ctx: DeadlineContext, actor: Actor, input: CreateIssueInput, opts: RegisterOptions): Promise<Registered> {
  const { relatedIssueId, mergeIntoId, suggestions } = input;
  const { now } = opts;
  let created: CreatedIssue | undefined;
  const hashOf = opts.sourceActivityId === undefined ? input : { ...input, sourceActivityId: opts.sourceActivityId };
  const result = await runOnce(tx, actor, opts.idempotencyKey, opts.idempotencyScope ?? 'POST /issues', hashOf, async (trx) => {
    const c = await createIssue(trx, ctx, actor, input, now, { sourceActivityId: opts.sourceActivityId ?? null });
    if (suggestions) await recordSuggestions(trx, actor.tenantId, c.id, suggestions, input.categoryId ?? null, now);
    if (relatedIssueId) await linkIssue(trx, actor, c.id, relatedIssueId, 'repeat', now);
    if (mergeIntoId) await transitionIssue(trx, ctx, actor, c.id, { action: 'merge', version: 1, intoIssueId: mergeIntoId }, now);
    created = c;
    return c.id;
  });
  return { id: result.id, replayed: result.replayed, ...(created && !mergeIntoId && !result.replayed ? { created } : {}) };
}
