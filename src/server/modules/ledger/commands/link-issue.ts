/**
 * linkIssue: record that an issue repeats (or resembles) an earlier one — 第十九条's repeated petitions are handled
 * with the earlier case in view. Both issues must be in the actor's scope; both timelines get an event.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { IssueStatus } from '../../../../shared/lifecycle.ts';
import { AppError, notFound } from '../../../plugins/errors.ts';
import { writeAudit } from '../../audit/index.ts';
import type { Actor } from '../../../actor.ts';
import * as repo from '../ledger.repo.ts';
import { appendEvent } from '../../timeline/index.ts';
import { issueSubject } from '../../../subject.ts';

export const LINK_KINDS = ['repeat', 'similar'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export async function linkIssue(db: Kysely<DB>, actor: Actor, issueId: number, relatedIssueId: number, kind: LinkKind, now: string): Promise<void> {
  const issue = await repo.findIssueInScope(db, actor, issueId);
  if (!issue) throw notFound({ zh: '问题', en: 'Issue' });
  if (relatedIssueId === issueId) {
    throw new AppError(400, 'validation', { detail: '不能关联自身', detail_en: 'an issue cannot be linked to itself' }, { relatedIssueId: { zh: '不能关联自身', en: 'cannot link an issue to itself' } });
  }
  const related = await repo.findIssueInScope(db, actor, relatedIssueId);
  if (!related) {
    throw new AppError(400, 'unknown_reference', { field: '关联问题', field_en: 'relatedIssueId', id: relatedIssueId }, { relatedIssueId: { zh: '关联的问题不存在或不在您的管辖范围内', en: 'no such issue in your scope' } });
  }
  if (await repo.linkExists(db, issueId, relatedIssueId)) return;
  await repo.insertLink(db, { tenantId: actor.tenantId, issueId, relatedIssueId, kind, createdBy: actor.userId, createdAt: now });
  await appendEvent(db, { tenantId: actor.tenantId, subject: issueSubject(issueId), type: 'linked', actorId: actor.userId, at: now, data: { relatedIssueId, trackingCode: related.trackingCode, kind } });
  await appendEvent(db, { tenantId: actor.tenantId, subject: issueSubject(relatedIssueId), type: 'linked_from', actorId: actor.userId, at: now, data: { fromIssueId: issueId, trackingCode: issue.trackingCode, kind } });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'issue.link', entityType: 'issue', entityId: issueId, ip: actor.ip, at: now, data: { relatedIssueId, kind } });
}

/** The links of an issue, both ways, with the other issue's code, title and status (only those in scope). */
export async function linksOf(db: Kysely<DB>, actor: Actor, issueId: number) {
  const rows = await repo.linkRowsOf(db, actor.tenantId, issueId);
  const out = [];
  for (const r of rows) {
    const otherId = r.issueId === issueId ? r.relatedIssueId : r.issueId;
    const other = await repo.findIssueInScope(db, actor, otherId);
    if (!other) continue;
    out.push({ issueId: otherId, trackingCode: other.trackingCode, title: other.title, status: other.status as IssueStatus, kind: r.kind as LinkKind, direction: r.issueId === issueId ? 'to' as const : 'from' as const, createdAt: r.createdAt });
  }
  return out;
}
