/**
 * Issuing the regulation's documents (issue 18): the document a lifecycle step calls for (受理告知书 after acceptance,
 * 不予受理告知书 after a decline, 交办告知书 after an assignment, the 信访处理意见书 after the reply, the 复查 / 复核
 * 意见书 after those decisions) is filled from its template with what the issue's record says — the petitioner, the
 * dates, the units, the reasons, the outcome and its basis, the unit one level up for 复查 — previewed, then issued
 * once for that step: numbered per kind and year, kept unchanged, entered on the issue's timeline and audited.
 * The issuer may fill a placeholder the record leaves empty (e.g. 依据), never change one it fills.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { covers, type Actor } from '../../../actor.ts';
import { AppError, notFound } from '../../../plugins/errors.ts';
import { writeAudit } from '../../audit/index.ts';
import { canRevealPetitioner, findIssuesInScope } from '../../ledger/index.ts';
import { appendEvent, eventsOf, type TimelineEntry } from '../../timeline/index.ts';
import { clocksOf } from '../../deadlines/index.ts';
import { issueSubject } from '../../../subject.ts';
import {
  DEFAULT_TEMPLATES, DOCUMENT_KINDS, DOCUMENT_KIND_NAMES, DOCUMENT_NUMBER_SHORT, DOCUMENT_SOURCE, PLACEHOLDERS, type DocumentKind, type Placeholder,
} from '../../../../shared/documents.ts';
import { ACTION_NAMES } from '../../../../shared/lifecycle.ts';
import { REPLY_OUTCOME_NAMES, type ReplyOutcome } from '../../../../shared/enums.ts';
import { addDays, shanghaiDate } from '../../../../shared/shanghai-date.ts';
import type { IssueDocumentInput } from '../../../../shared/api/documents.ts';
import { emptyPlaceholders, fill, isPlaceholder } from '../render.ts';
import * as repo from '../paperwork.repo.ts';

type Db = Kysely<DB>;
type Values = Partial<Record<Placeholder, string>>;
const ISSUE = { zh: '问题', en: 'Issue' };

/** 2026-12-04 → 2026年12月4日 */
export function cnDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
const day = (instant: string) => cnDate(shanghaiDate(instant));
const GOVERNMENT_LEVELS = new Set(['province', 'city', 'county', 'township']);
const organ = (u: { name: string; level: string } | null | undefined) => (u ? (GOVERNMENT_LEVELS.has(u.level) ? `${u.name}人民政府` : u.name) : '上一级人民政府');

type IssueRow = NonNullable<Awaited<ReturnType<typeof findIssuesInScope>>[number]>;

/** Who may issue a kind on an issue: the petition office and leaders over it; for the 意见书 also the unit that replied. */
function mayIssue(actor: Actor, issue: IssueRow, kind: DocumentKind): boolean {
  if (!canRevealPetitioner(actor, issue)) return false;
  const office = actor.bindings.some((b) => (b.role === 'clerk' || b.role === 'leader') && covers(b, issue.locPath));
  const replier = kind === 'opinion' && actor.bindings.some((b) => b.role === 'handler' && covers(b, issue.respPath));
  return office || replier;
}

async function load(db: Db, actor: Actor, issueId: number): Promise<IssueRow> {
  const [issue] = await findIssuesInScope(db, actor, [issueId]);
  if (!issue) throw notFound(ISSUE);
  return issue;
}

/** The latest event of each source action, for the kinds. */
function sourceEvents(events: TimelineEntry[]): Map<DocumentKind, TimelineEntry> {
  const out = new Map<DocumentKind, TimelineEntry>();
  for (const kind of DOCUMENT_KINDS) {
    const e = events.filter((x) => x.type === DOCUMENT_SOURCE[kind]).pop();
    if (e) out.set(kind, e);
  }
  return out;
}

/** What the record says for each placeholder. */
async function valuesFor(db: Db, actor: Actor, issue: IssueRow, event: TimelineEntry, events: TimelineEntry[], now: string): Promise<Values> {
  const data = JSON.parse(event.data) as Record<string, unknown>;
  const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : '');
  const petitioner = issue.anonymous || !issue.petitionerId ? '匿名信访人' : (await repo.personName(db, issue.petitionerId)) ?? '信访人';
  // The issuing unit: the petition office among the issuer's units (a department-level office), else the unit over the issue.
  const units = await Promise.all(actor.bindings.filter((b) => b.role !== 'admin').map((b) => repo.unitWithParent(db, actor.tenantId, b.orgUnitId)));
  const office = units.find((u) => u?.level === 'department' && u.name.includes('信访')) ?? units.find((u, i) => u && covers(actor.bindings[i]!, issue.locPath)) ?? units[0];
  const decided = events.filter((e) => e.type === 'accept' || e.type === 'decline').pop();
  const handle = (await clocksOf(db, issueSubject(issue.id))).filter((c) => c.kind === 'handle').pop();
  const resp = issue.responsibleUnitId ? await repo.unitWithParent(db, actor.tenantId, issue.responsibleUnitId) : undefined;
  const respParent = resp?.parentId ? await repo.unitWithParent(db, actor.tenantId, resp.parentId) : undefined;
  const reviewerParent = respParent?.parentId ? await repo.unitWithParent(db, actor.tenantId, respParent.parentId) : undefined;
  const outcome = str('outcome') as ReplyOutcome;
  const v: Values = {
    信访人: petitioner,
    信访编号: issue.trackingCode,
    信访事项: issue.title,
    诉求内容: issue.body,
    收到日期: day(issue.receivedAt),
    出具日期: day(now),
    出具单位: office ? organ({ name: office.name, level: office.level }) : '',
    受理日期: decided ? day(decided.at) : '',
    承办单位: str('unitName') || (resp?.name ?? ''),
    办理期限: str('dueAt') ? day(str('dueAt')) : handle ? day(handle.dueAt) : '',
    不予受理理由: str('reason'),
    其他途径: str('properChannel'),
    处理结果: REPLY_OUTCOME_NAMES[outcome]?.zh ?? '',
    处理意见: str('text'),
    依据: str('basis'),
    复查机关: resp ? organ(respParent ? { name: respParent.name, level: respParent.level } : null) : '',
    复查期限: day(`${addDays(shanghaiDate(event.at), 30)}T12:00:00+08:00`),
    复核机关: respParent ? organ(reviewerParent ? { name: reviewerParent.name, level: reviewerParent.level } : null) : '',
  };
  return v;
}

/** The template text for a kind on this issue (its category's, else the kind's; the built-in one until edited). */
async function templateOf(db: Db, tenantId: number, kind: DocumentKind, categoryId: number | null) {
  const row = await repo.templateFor(db, tenantId, kind, categoryId);
  return row ? { id: row.id as number | null, title: row.title, body: row.body } : { id: null, ...DEFAULT_TEMPLATES[kind] };
}

/** What may be issued on the issue now: the kinds whose step happened and was not documented yet. */
export async function availableDocuments(db: Db, actor: Actor, issueId: number) {
  const issue = await load(db, actor, issueId);
  const events = await eventsOf(db, issueSubject(issue.id));
  const out: { kind: DocumentKind; eventId: number; at: string }[] = [];
  for (const [kind, e] of sourceEvents(events)) {
    if (!mayIssue(actor, issue, kind)) continue;
    if (await repo.documentForEvent(db, kind, e.id)) continue;
    out.push({ kind, eventId: e.id, at: e.at });
  }
  return out;
}

async function prepare(db: Db, actor: Actor, issueId: number, input: IssueDocumentInput, now: string) {
  const issue = await load(db, actor, issueId);
  if (!mayIssue(actor, issue, input.kind)) throw new AppError(403, 'forbidden');
  const events = await eventsOf(db, issueSubject(issue.id));
  const event = sourceEvents(events).get(input.kind);
  const names = { kind: DOCUMENT_KIND_NAMES[input.kind].zh, kind_en: DOCUMENT_KIND_NAMES[input.kind].en.toLowerCase() };
  if (!event) {
    const action = ACTION_NAMES[DOCUMENT_SOURCE[input.kind]];
    throw new AppError(422, 'document_not_available', { ...names, action: action.zh, action_en: action.en });
  }
  const record = await valuesFor(db, actor, issue, event, events, now);
  // The issuer fills only what the record leaves empty.
  const supplied: Values = {};
  for (const [k, val] of Object.entries(input.values ?? {})) {
    if (!isPlaceholder(k)) throw new AppError(400, 'template_unknown_placeholder', { names: `「${k}」`, names_en: k, known: Object.keys(PLACEHOLDERS).join('、') });
    if (!record[k]?.trim() && val.trim()) supplied[k] = val.trim();
  }
  // The number is given when it is issued.
  const values: Values = { ...record, ...supplied, 文号: '（出具时编号）' };
  const template = await templateOf(db, actor.tenantId, input.kind, issue.categoryId);
  const empty = [...new Set([...emptyPlaceholders(template.title, values), ...emptyPlaceholders(template.body, values)])];
  return { issue, event, values, template, empty, names };
}

/** The document as it would be issued now, with the placeholders that have no value. */
export async function previewDocument(db: Db, actor: Actor, issueId: number, input: IssueDocumentInput, now: string) {
  const p = await prepare(db, actor, issueId, input, now);
  return { kind: input.kind, title: fill(p.template.title, p.values), body: fill(p.template.body, p.values).trim(), empty: p.empty };
}

/** Issue the document: numbered, kept unchanged, on the timeline and in the audit log. Returns its id. */
export async function issueDocument(db: Db, actor: Actor, issueId: number, input: IssueDocumentInput, now: string): Promise<number> {
  const p = await prepare(db, actor, issueId, input, now);
  const done = await repo.documentForEvent(db, input.kind, p.event.id);
  if (done) throw new AppError(409, 'document_exists', { ...p.names, number: done.number });
  if (p.empty.length) throw new AppError(422, 'document_placeholder_empty', { names: p.empty.map((n) => `「${n}」`).join(''), names_en: p.empty.join(', ') });
  const year = Number(shanghaiDate(now).slice(0, 4));
  const root = await repo.rootUnit(db, actor.tenantId);
  const short = `${root?.name.slice(0, 1) ?? ''}信${DOCUMENT_NUMBER_SHORT[input.kind]}`;
  const doc = await repo.insertDocument(db, {
    tenantId: actor.tenantId, issueId: p.issue.id, kind: input.kind, year, data: JSON.stringify(p.values), eventId: p.event.id,
    templateId: p.template.id, issuedBy: actor.userId, issuedAt: now, numberOf: (seq) => `${short}〔${year}〕${seq}号`,
    textOf: (number) => {
      const values = { ...p.values, 文号: number };
      return { title: fill(p.template.title, values), body: fill(p.template.body, values).trim() };
    },
  });
  const title = doc.title;
  await appendEvent(db, {
    tenantId: actor.tenantId, subject: issueSubject(p.issue.id), type: 'document', actorId: actor.userId, at: now,
    data: { documentId: doc.id, documentKind: input.kind, number: doc.number, documentTitle: title },
  });
  await writeAudit(db, { tenantId: actor.tenantId, actorId: actor.userId, action: 'document.issue', entityType: 'issue', entityId: p.issue.id, ip: actor.ip, at: now, data: { documentId: doc.id, kind: input.kind, number: doc.number } });
  return doc.id;
}

/** A document, if its issue is in the actor's scope and the actor may see its petitioner. */
export async function documentInScope(db: Db, actor: Actor, id: number) {
  const d = await repo.findDocument(db, actor.tenantId, id);
  if (!d) return undefined;
  const [issue] = await findIssuesInScope(db, actor, [d.issueId]);
  if (!issue || !canRevealPetitioner(actor, issue)) return undefined;
  return d;
}
