/**
 * 包案 (DESIGN §2): a leader is named the owner of an issue — they answer for it until it is solved. Clerks and leaders
 * whose scope holds the issue name the owner; the owner must be a leader whose own scope holds it. The issue's
 * timeline and the audit log record it; the owner's cases are the ledger filtered by `ownerId` (and its export).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { covers, type Actor } from '../../../actor.ts';
import { AppError, notFound } from '../../../plugins/errors.ts';
import { writeAudit } from '../../audit/index.ts';
import { appendEvent } from '../../timeline/index.ts';
import { issueSubject } from '../../../subject.ts';
import * as repo from '../ledger.repo.ts';

const ISSUE = { zh: '问题', en: 'Issue' };

/** Whether the actor may name an issue's owning leader (a clerk or a leader whose scope holds it). */
export function canSetOwner(actor: Actor, issue: Pick<repo.IssueRow, 'locPath'>): boolean {
  return actor.bindings.some((b) => (b.role === 'clerk' || b.role === 'leader') && covers(b, issue.locPath));
}

/** The leaders who may own the issue: a leader binding whose subtree holds its place. */
export async function ownerCandidates(db: Kysely<DB>, actor: Actor, issueId: number) {
  const issue = await repo.findIssueInScope(db, actor, issueId);
  if (!issue) throw notFound(ISSUE);
  return repo.leadersCovering(db, actor.tenantId, issue.locPath);
}

/** Name (or, with null, clear) the leader who owns the issue. */
export async function setIssueOwner(db: Kysely<DB>, actor: Actor, issueId: number, ownerId: number | null, now: string): Promise<void> {
  const issue = await repo.findIssueInScope(db, actor, issueId);
  if (!issue) throw notFound(ISSUE);
  if (!canSetOwner(actor, issue)) throw new AppError(403, 'forbidden');
  if (issue.ownerId === ownerId) return;
  let name: string | null = null;
  if (ownerId !== null) {
    const leader = (await repo.leadersCovering(db, actor.tenantId, issue.locPath)).find((l) => l.id === ownerId);
    if (!leader) throw new AppError(422, 'owner_not_leader', {}, { ownerId: { zh: '包案人须是管辖该问题所在地的领导干部', en: 'the owner must be a leader whose scope holds the issue' } });
    name = leader.name;
  }
  await repo.setOwner(db, issueId, ownerId, now);
  await appendEvent(db, { tenantId: actor.tenantId, subject: issueSubject(issueId), type: 'owner', actorId: actor.userId, at: now, data: { ownerId, ownerName: name, previousId: issue.ownerId } });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'issue.own', entityType: 'issue', entityId: issueId, ip: actor.ip, at: now, data: { ownerId, previousId: issue.ownerId } });
}
