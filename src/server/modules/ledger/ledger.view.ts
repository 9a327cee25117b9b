/** How an issue is shown to an actor: masked personal data, clocks with overdue flags, allowed actions. */
import type { Kysely } from 'kysely';
import type { DB, Clock } from '../../db/types.ts';
import { STATUS_INFO, type IssueStatus } from '../../../shared/lifecycle.ts';
import type { Static } from 'typebox';
import type { Actor } from '../../actor.ts';
import { clocksOfMany, isStaffClock } from '../deadlines/index.ts';
import { allowedActions } from './ledger.policy.ts';
import { peopleByIds, representativesOf, type IssueRow } from './ledger.repo.ts';
import type { IssueOut } from '../../../shared/api/issues.ts';

type IssueJson = Static<typeof IssueOut>;

/** 张三丰 → 张**; keeps the first character only. */
export function maskName(s: string | null): string | null {
  if (!s) return s;
  const chars = [...s];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 13812345678 → 138****5678. */
export function maskPhone(s: string | null): string | null {
  if (!s) return s;
  return s.length <= 4 ? '*'.repeat(s.length) : s.slice(0, 3) + '*'.repeat(Math.max(0, s.length - 7)) + s.slice(-4);
}

/** Mask all but the first 6 and last 2 characters of an ID number. */
export function maskId(s: string | null): string | null {
  if (!s) return s;
  return s.length <= 8 ? '*'.repeat(s.length) : s.slice(0, 6) + '*'.repeat(s.length - 8) + s.slice(-2);
}

/** Keep an address to its first 6 characters (township/village level). */
export function maskAddress(s: string | null): string | null {
  if (!s) return s;
  const chars = [...s];
  return chars.length <= 6 ? chars[0] + '***' : chars.slice(0, 6).join('') + '***';
}

/** Render issues for an actor; clocks and petitioners are loaded in two queries for the whole page. */
export async function renderIssues(db: Kysely<DB>, actor: Actor, rows: readonly IssueRow[], now: string): Promise<IssueJson[]> {
  const ids = rows.map((r) => r.id);
  const [clocks, people, reps] = await Promise.all([
    clocksOfMany(db, 'issue', ids),
    peopleByIds(db, rows.map((r) => r.petitionerId).filter((x): x is number => x != null)),
    representativesOf(db, rows.filter((r) => r.signerCount !== null).map((r) => r.id)),
  ]);
  const clocksBy = new Map<number, Clock[]>();
  for (const c of clocks) (clocksBy.get(c.subjectId) ?? clocksBy.set(c.subjectId, []).get(c.subjectId)!).push(c);
  const peopleBy = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => renderIssue(actor, r, clocksBy.get(r.id) ?? [], r.petitionerId ? peopleBy.get(r.petitionerId) : undefined, now, reps.filter((x) => x.issueId === r.id)));
}

/** Render one issue from already-loaded parts. */
export function renderIssue(
  actor: Actor, r: IssueRow, clocks: readonly Clock[],
  person: { name: string | null; phone: string | null; idNumber: string | null; address: string | null } | undefined, now: string,
  reps: readonly { name: string; phone: string | null }[] = [],
): IssueJson {
  const status = r.status as IssueStatus;
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    title: r.title,
    body: r.body,
    status,
    statusType: STATUS_INFO[status].type,
    version: r.version,
    channel: r.channel as IssueJson['channel'],
    kind: r.kind as IssueJson['kind'],
    urgency: r.urgency as IssueJson['urgency'],
    orgUnitId: r.orgUnitId,
    responsibleUnitId: r.responsibleUnitId,
    orgUnitName: r.locName,
    responsibleUnitName: r.respName,
    categoryId: r.categoryId,
    policyFamily: r.policyFamily,
    receivedAt: r.receivedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    closedAt: r.closedAt,
    anonymous: r.anonymous === 1,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    petitioner: person ? {
      name: maskName(person.name), phone: maskPhone(person.phone), idNumber: maskId(person.idNumber),
      address: maskAddress(person.address), masked: true,
    } : null,
    resolved: r.resolved === null ? null : r.resolved === 1,
    satisfaction: r.satisfaction,
    replyOutcome: r.replyOutcome,
    reviewRound: r.reviewRound,
    extensionUsed: r.extensionUsed === 1,
    mergedIntoId: r.mergedIntoId,
    sourceActivityId: r.sourceActivityId,
    owner: r.ownerId ? { id: r.ownerId, name: r.ownerName ?? '' } : null,
    // Representatives are masked like a petitioner (revealing them is not offered yet).
    joint: r.signerCount === null ? null : {
      signerCount: r.signerCount, signerNamesCount: r.signerNames ? (JSON.parse(r.signerNames) as string[]).length : 0,
      representatives: reps.map((x) => ({ name: maskName(x.name), phone: maskPhone(x.phone) })),
    },
    nextDueAt: r.nextDueAt,
    overdue: r.nextDueAt !== null && r.nextDueAt < now,
    deadlines: clocks.map((c) => ({
      kind: c.kind as IssueJson['deadlines'][number]['kind'],
      startedAt: c.startedAt, dueAt: c.dueAt, metAt: c.metAt, rule: c.rule, escalatedAt: c.escalatedAt,
      overdue: isStaffClock(c.kind) && (c.metAt ? c.metAt > c.dueAt : c.dueAt < now),
    })),
    allowedActions: allowedActions(actor, r),
  };
}
