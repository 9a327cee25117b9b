/** Activities, cases and feedback as the API shows them to an actor. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../actor.ts';
import type { Activity, Case, FeedbackSummary } from '../../../shared/api/activities.ts';
import { FEEDBACK_SCALES, type ActivityKind, type ActivityStatus, type AudienceType, type ReceptionMode } from '../../../shared/enums.ts';
import { canRecordAt } from './activities.policy.ts';
import { maskPhone } from '../ledger/index.ts';
import * as repo from './activities.repo.ts';

/** The activities as the actor sees them, in the order given. */
export async function renderActivities(db: Kysely<DB>, actor: Actor, rows: readonly repo.ActivityRow[]): Promise<Activity[]> {
  const ids = rows.map((r) => r.id);
  const extras = await repo.activityExtras(db, actor, ids);
  const creators = await repo.userNames(db, [...new Set(rows.map((r) => r.createdBy))]);
  return rows.map((r) => ({
    id: r.id, kind: r.kind as ActivityKind, title: r.title, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, startsAt: r.startsAt, endsAt: r.endsAt,
    placeText: r.placeText, lat: r.lat, lng: r.lng, participantCount: r.participantCount, notes: r.notes, status: r.status as ActivityStatus,
    audienceType: (r.audienceType as AudienceType | null) ?? null, receptionMode: (r.receptionMode as ReceptionMode | null) ?? null, materials: JSON.parse(r.materials) as Array<{ title: string }>,
    cadres: extras.cadres.get(r.id) ?? [], cases: extras.cases.get(r.id) ?? [],
    createdBy: { id: r.createdBy, name: creators.get(r.createdBy) ?? '' }, createdAt: r.createdAt, updatedAt: r.updatedAt, version: r.version,
    issueCount: extras.issues.get(r.id) ?? 0, feedbackCount: extras.feedback.get(r.id) ?? 0,
    feedbackPath: r.feedbackToken ? `/f/${r.feedbackToken}` : null, canEdit: canRecordAt(actor, r.unitPath),
  }));
}

/** Cases with where they were used. */
export async function renderCases(db: Kysely<DB>, rows: ReadonlyArray<Awaited<ReturnType<typeof repo.findCase>> & object>): Promise<Case[]> {
  const uses = await repo.usesOfCases(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, title: r.title, story: r.story, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, tags: JSON.parse(r.tags) as string[],
    sourceIssue: r.sourceIssueId && r.sourceTrackingCode ? { id: r.sourceIssueId, trackingCode: r.sourceTrackingCode } : null,
    usedIn: uses.get(r.id) ?? [], createdAt: r.createdAt, updatedAt: r.updatedAt,
  }));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A lecture's feedback: averages and distributions of the three scales, the questions with phones masked. */
export async function renderFeedback(db: Kysely<DB>, actor: Actor, row: repo.ActivityRow): Promise<FeedbackSummary> {
  const all = await repo.feedbackOf(db, row.id);
  const averages = { willing: null, understood: null, benefited: null } as FeedbackSummary['averages'];
  const distribution = { willing: [0, 0, 0, 0, 0], understood: [0, 0, 0, 0, 0], benefited: [0, 0, 0, 0, 0] } as FeedbackSummary['distribution'];
  for (const s of FEEDBACK_SCALES) {
    for (const f of all) distribution[s][f[s] - 1]! += 1;
    if (all.length > 0) averages[s] = round2(all.reduce((sum, f) => sum + f[s], 0) / all.length);
  }
  const questions = all.filter((f) => f.question).map((f) => ({
    id: f.id, question: f.question!, phone: f.phone ? maskPhone(f.phone) : null, phoneMasked: !!f.phone, createdAt: f.createdAt,
    issue: f.issueId && f.trackingCode ? { id: f.issueId, trackingCode: f.trackingCode } : null,
  }));
  return { count: all.length, averages, distribution, questions };
}
