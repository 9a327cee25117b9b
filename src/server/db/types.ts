/**
 * Kysely table types. Columns are snake_case in SQL and camelCase here (CamelCasePlugin).
 * Times are ISO-8601 UTC strings (`toISOString()`), flags are 0/1 integers, JSON is text:
 * one representation that SQLite and PostgreSQL both store and sort the same way.
 */
import type { SubjectType } from '../subject.ts';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EventType } from '../../shared/events.ts';

export interface TenantTable {
  id: Generated<number>;
  code: string;
  name: string;
  createdAt: string;
}

export interface OrgUnitTable {
  id: Generated<number>;
  tenantId: number;
  parentId: number | null;
  code: string;
  name: string;
  level: string;
  /** Materialized path of ids, `/1/4/9/`: a subtree is `path LIKE '/1/4/%'`. */
  path: string;
  sort: number;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserTable {
  id: Generated<number>;
  tenantId: number;
  username: string;
  displayName: string;
  passwordHash: string;
  phone: string | null;
  active: number;
  mustChangePassword: number;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface RoleBindingTable {
  id: Generated<number>;
  tenantId: number;
  userId: number;
  role: string;
  orgUnitId: number;
  createdAt: string;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself lives only in the cookie. */
  id: string;
  tenantId: number;
  userId: number;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  tenantId: number;
  username: string;
  ip: string;
  at: string;
  ok: number;
  /** `password` (a login) or `unlock` (an administrator ended the slowing of the account). */
  kind: Generated<string>;
  /** The proof-of-work challenge the attempt carried (each counts once). */
  proof: string | null;
  /** The network the address counts as for throttling (`networkOf`: an IPv4 address, an IPv6 /64). */
  net: string | null;
}

/** A create's `Idempotency-Key`, kept 24 hours with the request's hash and the record it made. */
export interface IdempotencyKeyTable {
  id: Generated<number>;
  tenantId: number;
  userId: number;
  scope: string;
  key: string;
  requestHash: string;
  resourceId: number | null;
  createdAt: string;
}

export interface CategoryTable {
  id: Generated<number>;
  tenantId: number;
  parentId: number | null;
  name: string;
  path: string;
  level: number;
  sort: number;
  active: number;
  /** JSON array of keywords and synonyms the category picker matches besides the name (0010). */
  keywords: Generated<string>;
}

export interface PersonTable {
  id: Generated<number>;
  tenantId: number;
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
  createdAt: string;
}

export interface IssueTable {
  id: Generated<number>;
  tenantId: number;
  trackingCode: string;
  title: string;
  body: string;
  kind: string;
  channel: string;
  urgency: string;
  status: string;
  version: number;
  orgUnitId: number;
  responsibleUnitId: number | null;
  categoryId: number | null;
  petitionerId: number | null;
  anonymous: number;
  address: string | null;
  lat: number | null;
  lng: number | null;
  sourceActivityId: number | null;
  /** A joint petition (第20条, migration 0015): how many signed or came, and their names (JSON array) when given. */
  signerCount: number | null;
  signerNames: string | null;
  /** 包案: the leader who owns the issue (migration 0012). */
  ownerId: number | null;
  policyFamily: string;
  receivedAt: string;
  registeredBy: number | null;
  resolved: number | null;
  satisfaction: string | null;
  replyOutcome: string | null;
  reviewRound: number;
  extensionUsed: number;
  mergedIntoId: number | null;
  /** Earliest due time among the clocks still running; drives the overdue filter and the workbench. */
  nextDueAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** A statutory or internal clock running on a subject (an issue today; later measures, follow-up tasks…). */
export interface ClockTable {
  id: Generated<number>;
  tenantId: number;
  subjectType: SubjectType;
  subjectId: number;
  kind: string;
  startedAt: string;
  dueAt: string;
  metAt: string | null;
  /** The rule that produced `dueAt`, e.g. `60 calendar_days`. */
  rule: string;
  warnedAt: string | null;
  escalatedAt: string | null;
}

/** One entry of a subject's timeline. */
export interface TimelineEventTable {
  id: Generated<number>;
  tenantId: number;
  subjectType: SubjectType;
  subjectId: number;
  type: EventType;
  actorId: number | null;
  at: string;
  fromStatus: string | null;
  toStatus: string | null;
  data: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  tenantId: number;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  at: string;
  ip: string | null;
  data: string;
}

export interface AttachmentTable {
  id: Generated<number>;
  tenantId: number;
  issueId: number;
  eventId: number | null;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: number;
  createdAt: string;
}

export interface CalendarDayTable {
  tenantId: number;
  date: string;
  type: string;
  name: string;
}

export interface DeadlinePolicyTable {
  id: Generated<number>;
  tenantId: number;
  family: string;
  /** An issue kind, or `*` for every kind. */
  issueKind: string;
  /** An urgency, or `*` for every urgency. */
  urgency: string;
  clock: string;
  amount: number;
  unit: string;
  updatedAt: string;
}

export interface CounterTable {
  tenantId: number;
  name: string;
  value: number;
}

export interface SettingTable {
  tenantId: number;
  key: string;
  value: string;
}

export interface SavedFilterTable {
  id: Generated<number>;
  tenantId: number;
  userId: number;
  name: string;
  /** The ledger's URL query string, without the `?`. */
  query: string;
  createdAt: string;
  updatedAt: string;
}

/** The whole database. */
export interface DB {
  tenants: TenantTable;
  orgUnits: OrgUnitTable;
  users: UserTable;
  roleBindings: RoleBindingTable;
  sessions: SessionTable;
  loginAttempts: LoginAttemptTable;
  idempotencyKeys: IdempotencyKeyTable;
  categories: CategoryTable;
  people: PersonTable;
  issues: IssueTable;
  clocks: ClockTable;
  timelineEvents: TimelineEventTable;
  auditLog: AuditLogTable;
  attachments: AttachmentTable;
  calendarDays: CalendarDayTable;
  deadlinePolicies: DeadlinePolicyTable;
  counters: CounterTable;
  settings: SettingTable;
  savedFilters: SavedFilterTable;
  issueSearch: IssueSearchTable;
  searchPending: SearchPendingTable;
  issueLinks: IssueLinkTable;
  suggestionModels: SuggestionModelTable;
  intakeSuggestions: IntakeSuggestionTable;
  importMappings: ImportMappingTable;
  importBatches: ImportBatchTable;
  importRows: ImportRowTable;
  activities: ActivityTable;
  activityCadres: ActivityCadreTable;
  cases: CaseTable;
  activityCases: ActivityCaseTable;
  activityFeedback: ActivityFeedbackTable;
  activityVisits: ActivityVisitTable;
  activityFindings: ActivityFindingTable;
  ideas: IdeaTable;
  questionnaires: QuestionnaireTable;
  questionnaireQuestions: QuestionnaireQuestionTable;
  questionnaireResponses: QuestionnaireResponseTable;
  questionnaireAnswers: QuestionnaireAnswerTable;
  activityPhotos: ActivityPhotoTable;
  onsiteUnits: OnsiteUnitTable;
  onsiteItems: OnsiteItemTable;
  onsiteSignoffs: OnsiteSignoffTable;
  noticeTemplates: NoticeTemplateTable;
  documents: DocumentTable;
  issueRepresentatives: IssueRepresentativeTable;
}

/** A representative of a joint petition (at most five, 第20条). */
export interface IssueRepresentativeTable {
  tenantId: number;
  issueId: number;
  sort: number;
  name: string;
  phone: string | null;
}

/** A document template (migration 0014): per tenant, kind and category (`categoryId` 0: the kind's default). */
export interface NoticeTemplateTable {
  id: Generated<number>;
  tenantId: number;
  kind: string;
  categoryId: number;
  title: string;
  body: string;
  updatedBy: number | null;
  updatedAt: string;
  version: number;
}

/** A document issued on an issue, as it was issued (never updated). */
export interface DocumentTable {
  id: Generated<number>;
  tenantId: number;
  issueId: number;
  kind: string;
  year: number;
  seq: number;
  number: string;
  title: string;
  /** The text as issued (plain text, one paragraph a line). */
  body: string;
  /** JSON: the placeholder values it was filled with. */
  data: string;
  /** The timeline event (the lifecycle action) it records. */
  eventId: number;
  templateId: number | null;
  issuedBy: number;
  issuedAt: string;
}

/** A unit present at an on-site office session (migration 0013). */
export interface OnsiteUnitTable {
  tenantId: number;
  activityId: number;
  unitId: number;
}

/** An agenda item of an on-site office session: one ledger issue and the outcome recorded for it. */
export interface OnsiteItemTable {
  id: Generated<number>;
  tenantId: number;
  activityId: number;
  issueId: number;
  sort: number;
  /** `pending`, `solved`, `followup` or `left` (ONSITE_OUTCOMES). */
  outcome: string;
  /** What was decided: the solution, the follow-up task, or why it was left. */
  note: string;
  followupUnitId: number | null;
  followupDueAt: string | null;
  /** The issue's handling clock the follow-up's deadline was set on. */
  followupClockId: number | null;
  decidedBy: number | null;
  decidedAt: string | null;
  /** Solved: when the last sign-off came and the reply went through the lifecycle. */
  completedAt: string | null;
  addedBy: number;
  addedAt: string;
}

/** A department's sign-off of an item solved on the spot; `signedAt` null until it signs. */
export interface OnsiteSignoffTable {
  tenantId: number;
  itemId: number;
  unitId: number;
  signedAt: string | null;
  signerName: string | null;
  recordedBy: number | null;
  /** 1: a user of the unit confirmed in the app; 0: the recorder recorded who signed. */
  inApp: number;
}

/** A photo of an activity (migration 0012), in the attachment store like an issue's files. */
export interface ActivityPhotoTable {
  id: Generated<number>;
  tenantId: number;
  activityId: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: number;
  createdAt: string;
}

/** A questionnaire of a research trip (migration 0012); `token` is its public link. */
export interface QuestionnaireTable {
  id: Generated<number>;
  tenantId: number;
  activityId: number;
  title: string;
  intro: string;
  status: string;
  token: string;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A question; `options` is a JSON array of `{ id, text }` whose ids stay across edits. */
export interface QuestionnaireQuestionTable {
  id: Generated<number>;
  tenantId: number;
  questionnaireId: number;
  sort: number;
  type: string;
  title: string;
  help: string;
  required: number;
  options: string;
  minChoices: number | null;
  maxChoices: number | null;
  maxLength: number | null;
  minValue: number | null;
  maxValue: number | null;
  closed: number;
}

/** One respondent's answers: through the public link, or recorded by a cadre (on a visit). */
export interface QuestionnaireResponseTable {
  id: Generated<number>;
  tenantId: number;
  questionnaireId: number;
  via: string;
  visitId: number | null;
  createdBy: number | null;
  createdAt: string;
}

/** One question's answer in a response: option ids (JSON), a number, or text with its NFKC `doc`. */
export interface QuestionnaireAnswerTable {
  tenantId: number;
  questionnaireId: number;
  responseId: number;
  questionId: number;
  choices: string | null;
  num: number | null;
  text: string | null;
  doc: string | null;
}

/** A visit of a research trip: to whom or where, who was met (personal data, masked), what was seen. */
export interface ActivityVisitTable {
  id: Generated<number>;
  tenantId: number;
  activityId: number;
  kind: string;
  visitedAt: string;
  orgUnitId: number | null;
  placeText: string | null;
  metName: string | null;
  metPhone: string | null;
  seen: string;
  createdBy: number;
  createdAt: string;
}

/** A problem found on a research trip; `issueId` once it became an issue. */
export interface ActivityFindingTable {
  id: Generated<number>;
  tenantId: number;
  activityId: number;
  visitId: number | null;
  text: string;
  categoryId: number | null;
  issueId: number | null;
  createdBy: number;
  createdAt: string;
}

/** A suggestion heard (问计于民) from a resident or a cadre; `doc` is its NFKC text for search. */
export interface IdeaTable {
  id: Generated<number>;
  tenantId: number;
  activityId: number | null;
  text: string;
  doc: string;
  source: string;
  sourceName: string | null;
  adopted: number;
  adoptedNote: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
}

/** A grassroots activity of any kind (migration 0011); the outreach lecture's own columns are null for the others. */
export interface ActivityTable {
  id: Generated<number>;
  tenantId: number;
  kind: string;
  title: string;
  orgUnitId: number;
  startsAt: string;
  endsAt: string;
  placeText: string | null;
  lat: number | null;
  lng: number | null;
  participantCount: number | null;
  notes: string;
  status: string;
  audienceType: string | null;
  /** A reception day's mode (`public` / `appointment`); null for the other kinds. */
  receptionMode: string | null;
  /** JSON array of `{ title }`. */
  materials: string;
  /** The public feedback link's token (outreach lectures). */
  feedbackToken: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A cadre who went to an activity. */
export interface ActivityCadreTable {
  tenantId: number;
  activityId: number;
  userId: number;
}

/** A local case of the case library (地方特色案例). */
export interface CaseTable {
  id: Generated<number>;
  tenantId: number;
  title: string;
  story: string;
  orgUnitId: number | null;
  /** JSON array of strings. */
  tags: string;
  sourceIssueId: number | null;
  doc: string;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
}

/** A case a lecture used. */
export interface ActivityCaseTable {
  tenantId: number;
  activityId: number;
  caseId: number;
  sort: number;
}

/** One listener's feedback on a lecture, through its public link. */
export interface ActivityFeedbackTable {
  id: Generated<number>;
  tenantId: number;
  activityId: number;
  willing: number;
  understood: number;
  benefited: number;
  question: string | null;
  phone: string | null;
  /** The issue the question became. */
  issueId: number | null;
  createdAt: string;
}

/** A saved column/value mapping for imports (JSON of `imports/mapping.ts` ImportMapping). */
export interface ImportMappingTable {
  id: Generated<number>;
  tenantId: number;
  name: string;
  mapping: string;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** One import of a file: its fingerprint, mapping, progress and report (errors as JSON). */
export interface ImportBatchTable {
  id: Generated<number>;
  tenantId: number;
  filename: string;
  fingerprint: string;
  mapping: string;
  /** `running`, `done` or `failed`. */
  status: string;
  total: number;
  created: number;
  skipped: number;
  failed: number;
  errors: string;
  createdBy: number | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A source row that was imported: its key (source id, or file fingerprint + row) and the issue it became. */
export interface ImportRowTable {
  issueId: number;
  tenantId: number;
  sourceKey: string;
  batchId: number;
  /**
   * What the import knew (JSON of `ImportFacts`, imports/import.service.ts), shown as the first entry of the issue's
   * timeline; null for rows imported before it was kept here (their timeline has an `imported` event).
   */
  facts: string | null;
}

/** The searchable text of an issue (NFKC); its tokens are in FTS5 `issue_fts` (SQLite) or `tsv` (PostgreSQL). */
export interface IssueSearchTable {
  issueId: number;
  tenantId: number;
  doc: string;
}

/** An issue whose text is stored but whose tokens are not indexed yet (bulk imports index after their rows). */
export interface SearchPendingTable {
  issueId: number;
  tenantId: number;
}

/** A link from an issue to an earlier one: `repeat` (the same problem again) or `similar`. */
export interface IssueLinkTable {
  id: Generated<number>;
  tenantId: number;
  issueId: number;
  relatedIssueId: number;
  kind: string;
  createdBy: number | null;
  createdAt: string;
}

/** A trained suggestion model (`category` or `unit`), serialised. */
export interface SuggestionModelTable {
  id: Generated<number>;
  tenantId: number;
  kind: string;
  trainedAt: string;
  examples: number;
  classes: number;
  /** JSON: cross-validated scores and training time. */
  metrics: string;
  model: Buffer;
}

/** What was suggested at intake (JSON top 3) and what the clerk chose (`rank` 1–3, or null when not among them). */
export interface IntakeSuggestionTable {
  id: Generated<number>;
  tenantId: number;
  issueId: number;
  kind: string;
  modelId: number | null;
  suggested: string;
  chosen: string | null;
  rank: number | null;
  createdAt: string;
}

export type Issue = Selectable<IssueTable>;
export type NewIssue = Insertable<IssueTable>;
export type IssueUpdate = Updateable<IssueTable>;
export type OrgUnit = Selectable<OrgUnitTable>;
export type User = Selectable<UserTable>;
export type Clock = Selectable<ClockTable>;
export type TimelineEvent = Selectable<TimelineEventTable>;
export type Category = Selectable<CategoryTable>;
