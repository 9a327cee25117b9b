/**
 * Commands of the case library (地方特色案例): add and change a case, draft one from a closed issue (身边事) with the
 * person's data taken out. A case's place, when it has one, must be in the actor's recording scope.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Actor } from '../../../actor.ts';
import { AppError, notFound } from '../../../plugins/errors.ts';
import { writeAudit } from '../../audit/index.ts';
import { redactPersonal } from '../../../nlp/index.ts';
import type { CaseInput } from '../../../../shared/api/activities.ts';
import { STATUS_INFO, type IssueStatus } from '../../../../shared/lifecycle.ts';
import { canRecordAt, recordsActivities } from '../activities.policy.ts';
import * as repo from '../activities.repo.ts';

type Db = Kysely<DB>;
export const CASE = { zh: '案例', en: 'Case' };
const ISSUE = { zh: '问题', en: 'Issue' };

const cleanTags = (tags: readonly string[] | undefined) => [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];

async function checkCase(db: Db, actor: Actor, input: CaseInput) {
  if (!recordsActivities(actor)) throw new AppError(403, 'forbidden');
  if (input.orgUnitId) {
    const unit = await repo.unitOf(db, actor.tenantId, input.orgUnitId);
    if (!unit) throw new AppError(422, 'unknown_reference', { field: '所在地', field_en: 'place', id: input.orgUnitId });
    if (!canRecordAt(actor, unit.path)) throw new AppError(403, 'activity_place_out_of_scope', { name: unit.name });
  }
  if (input.sourceIssueId) {
    const issue = await repo.issueForCase(db, actor, input.sourceIssueId);
    if (!issue) throw notFound(ISSUE);
  }
}

/** Add a case; returns its id. */
export async function createCase(db: Db, actor: Actor, input: CaseInput, now: string): Promise<number> {
  await checkCase(db, actor, input);
  const id = await repo.insertCase(db, {
    tenantId: actor.tenantId, title: input.title.trim(), story: input.story.trim(), orgUnitId: input.orgUnitId ?? null, tags: cleanTags(input.tags),
    sourceIssueId: input.sourceIssueId ?? null, createdBy: actor.userId, now,
  });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'case.create', entityType: 'case', entityId: id, at: now, ip: actor.ip, data: { title: input.title } });
  return id;
}

/** Change a case (any recording role may keep the library; its place must be in their scope). */
export async function updateCaseCommand(db: Db, actor: Actor, id: number, input: CaseInput, now: string): Promise<void> {
  const existing = await repo.findCase(db, actor.tenantId, id);
  if (!existing) throw notFound(CASE);
  await checkCase(db, actor, input);
  await repo.updateCase(db, id, { title: input.title.trim(), story: input.story.trim(), orgUnitId: input.orgUnitId ?? null, tags: cleanTags(input.tags), sourceIssueId: input.sourceIssueId ?? null, now });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'case.update', entityType: 'case', entityId: id, at: now, ip: actor.ip, data: { title: input.title } });
}

/** A draft case from a closed issue in scope: its title and body without the petitioner's name, phones or IDs. */
export async function draftCaseFromIssue(db: Db, actor: Actor, issueId: number) {
  if (!recordsActivities(actor)) throw new AppError(403, 'forbidden');
  const issue = await repo.issueForCase(db, actor, issueId);
  if (!issue) throw notFound(ISSUE);
  if (STATUS_INFO[issue.status as IssueStatus].type === 'open') throw new AppError(422, 'case_source_open', { code: issue.trackingCode });
  const names = [issue.personName];
  return { title: redactPersonal(issue.title, names), story: redactPersonal(issue.body, names), orgUnitId: issue.orgUnitId, sourceIssueId: issue.id };
}
