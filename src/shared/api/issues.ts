/**
 * TypeBox schemas of the ledger's routes — the issue as the API shows it, intake, transitions, lists, the timeline,
 * links, attachments, categories — and their types, which the web imports (`import type` only).
 */
import { Type, type Static } from 'typebox';
import { CHANNELS, DEADLINE_KINDS, ISSUE_KINDS, LEDGER_SORTS, REPLY_OUTCOMES, SATISFACTIONS, URGENCIES } from '../enums.ts';
import { EVENT_TYPES } from '../events.ts';
import { ISSUE_ACTIONS, ISSUE_STATUSES, STATUS_TYPES } from '../lifecycle.ts';
import { LIMITS } from '../limits.ts';
import { DateOnly, DateTime, Id, Nullable, StringEnum } from './common.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** Petitioner fields at intake. */
export const PetitionerIn = Type.Object({
  name: Type.Optional(Type.String({ maxLength: LIMITS.nameMax })),
  phone: Type.Optional(Type.String({ maxLength: LIMITS.phoneMax, pattern: '^[0-9+\\- ()]*$' })),
  idNumber: Type.Optional(Type.String({ maxLength: 18, pattern: '^[0-9]{17}[0-9Xx]$|^$' })),
  address: Type.Optional(Type.String({ maxLength: LIMITS.addressMax })),
}, { additionalProperties: false });

/** Body of POST /issues. */
export const CreateIssueBody = Type.Object({
  title: Type.Optional(Text(LIMITS.titleMax)),
  body: Text(LIMITS.bodyMax),
  channel: StringEnum(CHANNELS),
  kind: StringEnum(ISSUE_KINDS),
  urgency: Type.Optional(StringEnum(URGENCIES)),
  orgUnitId: Id,
  categoryId: Type.Optional(Nullable(Id)),
  receivedAt: Type.Optional(DateTime),
  anonymous: Type.Optional(Type.Boolean()),
  petitioner: Type.Optional(Nullable(PetitionerIn)),
  address: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.addressMax }))),
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  /** 联名信 / 集体访 (第20条): how many signed or came, their names when given, and their representatives (at most five). */
  joint: Type.Optional(Type.Object({
    signerCount: Type.Integer({ minimum: 2, maximum: 1_000_000 }),
    signerNames: Type.Optional(Type.Array(Type.String({ maxLength: LIMITS.nameMax }), { maxItems: LIMITS.signerNamesMax })),
    representatives: Type.Array(Type.Object({
      name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax }),
      phone: Type.Optional(Type.String({ maxLength: LIMITS.phoneMax, pattern: '^[0-9+\\- ()]*$' })),
    }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }),
  }, { additionalProperties: false })),
  relatedIssueId: Type.Optional(Id),
  mergeIntoId: Type.Optional(Id),
  suggestions: Type.Optional(Type.Object({
    categoryModelId: Type.Optional(Id), categoryIds: Type.Optional(Type.Array(Id, { maxItems: 5 })),
    unitModelId: Type.Optional(Id), unitIds: Type.Optional(Type.Array(Id, { maxItems: 5 })),
  }, { additionalProperties: false, description: '登记页显示过的推荐（记录采纳情况，用于改进模型）' })),
}, { additionalProperties: false });
export type CreateIssueInput = Static<typeof CreateIssueBody>;

/** Body of POST /issues/{id}/transitions: the action, the version the client saw, and the action's fields. */
export const TransitionBody = Type.Object({
  action: StringEnum(ISSUE_ACTIONS),
  version: Type.Integer({ minimum: 1 }),
  note: Type.Optional(Text(LIMITS.textMax)),
  reason: Type.Optional(Text(LIMITS.textMax)),
  properChannel: Type.Optional(Text(LIMITS.textMax)),
  unitId: Type.Optional(Id),
  dueAt: Type.Optional(DateTime),
  outcome: Type.Optional(StringEnum(REPLY_OUTCOMES)),
  text: Type.Optional(Text(LIMITS.textMax)),
  basis: Type.Optional(Text(LIMITS.textMax)),
  resolved: Type.Optional(Type.Boolean()),
  satisfaction: Type.Optional(StringEnum(SATISFACTIONS)),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.extensionMaxDays })),
  intoIssueId: Type.Optional(Id),
}, { additionalProperties: false });
export type TransitionInput = Static<typeof TransitionBody>;

/** A clock as the API shows it. */
export const DeadlineOut = Type.Object({
  kind: StringEnum(DEADLINE_KINDS),
  startedAt: Type.String(),
  dueAt: Type.String(),
  metAt: Nullable(Type.String()),
  rule: Type.String(),
  overdue: Type.Boolean(),
  escalatedAt: Nullable(Type.String()),
});

/** The petitioner as shown: masked unless revealed. */
export const PetitionerOut = Type.Object({
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
  address: Nullable(Type.String()),
  masked: Type.Boolean(),
});

/** The issue JSON. */
export const IssueOut = Type.Object({
  id: Type.Integer(),
  trackingCode: Type.String(),
  title: Type.String(),
  body: Type.String(),
  status: StringEnum(ISSUE_STATUSES),
  statusType: StringEnum(STATUS_TYPES),
  version: Type.Integer(),
  channel: StringEnum(CHANNELS),
  kind: StringEnum(ISSUE_KINDS),
  urgency: StringEnum(URGENCIES),
  orgUnitId: Type.Integer(),
  responsibleUnitId: Nullable(Type.Integer()),
  /** Names of the two units, in lists (the client's unit list holds only the units in the user's scope). */
  orgUnitName: Type.String(),
  responsibleUnitName: Nullable(Type.String()),
  categoryId: Nullable(Type.Integer()),
  policyFamily: Type.String(),
  receivedAt: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  address: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  petitioner: Nullable(PetitionerOut),
  resolved: Nullable(Type.Boolean()),
  satisfaction: Nullable(Type.String()),
  replyOutcome: Nullable(Type.String()),
  reviewRound: Type.Integer(),
  extensionUsed: Type.Boolean(),
  mergedIntoId: Nullable(Type.Integer()),
  /** The grassroots activity (lecture, research trip…) where it was heard: GET /activities/{id}. */
  sourceActivityId: Nullable(Type.Integer()),
  /** 包案: the leader who owns the issue. */
  owner: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  /** A joint petition: how many, how many names listed, the representatives (masked). */
  joint: Nullable(Type.Object({
    signerCount: Type.Integer(), signerNamesCount: Type.Integer(),
    representatives: Type.Array(Type.Object({ name: Nullable(Type.String()), phone: Nullable(Type.String()) })),
  })),
  nextDueAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  deadlines: Type.Array(DeadlineOut),
  allowedActions: Type.Array(StringEnum(ISSUE_ACTIONS)),
});

/** Kinds of link between two issues. */
const LinkKind = StringEnum(['repeat', 'similar'] as const);

/** Body of POST /issues/{id}/links. */
export const LinkBody = Type.Object({
  relatedIssueId: Id,
  kind: Type.Optional(LinkKind),
}, { additionalProperties: false });

/** A link between two issues as seen from one of them. `to`: this issue links to the other; `from`: the other to this one. */
export const LinkOut = Type.Object({
  issueId: Type.Integer(), trackingCode: Type.String(), title: Type.String(), status: StringEnum(ISSUE_STATUSES),
  kind: LinkKind, direction: StringEnum(['to', 'from'] as const), createdAt: Type.String(),
});

/** The links of an issue (GET and POST /issues/{id}/links). */
export const LinkList = Type.Object({ items: Type.Array(LinkOut) });

/** What a text search matched in a listed issue: the normalised terms and a snippet of the text with the hits marked. */
export const SearchMatchOut = Type.Object({
  terms: Type.Array(Type.String()),
  snippet: Type.Array(Type.Object({ text: Type.String(), hit: Type.Boolean() })),
});

/** A listed issue; with a search, what matched. */
export const ListedIssueOut = Type.Intersect([IssueOut, Type.Object({ match: Type.Optional(SearchMatchOut) })]);
export type ListedIssue = Static<typeof ListedIssueOut>;

/** One page of GET /issues; the first page counts the issues passing the filters, up to `countCap`. */
export const issuePageOut = (countCap: number) => Type.Object({
  items: Type.Array(ListedIssueOut),
  nextCursor: Nullable(Type.String()),
  total: Type.Optional(Type.Integer({ description: `符合筛选条件的问题数（仅第一页；最多数到 ${countCap}）` })),
  totalExact: Type.Optional(Type.Boolean({ description: `false：超过 ${countCap} 条，total 为下限` })),
});

/** Filters of the ledger (list and export). Several values of status/channel/kind are comma-separated. */
const filterFields = {
  status: Type.Optional(Type.String({ maxLength: 400 })),
  channel: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Type.Optional(Type.String({ maxLength: 200 })),
  categoryId: Type.Optional(Id),
  /** Located in or assigned to this unit's subtree. */
  unitId: Type.Optional(Id),
  /** Assigned to exactly this unit. */
  responsibleUnitId: Type.Optional(Id),
  /** 包案: owned by this leader. */
  ownerId: Type.Optional(Id),
  /** 重复件 (第19条): linked as a repeat of an earlier issue. */
  repeat: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  sort: Type.Optional(StringEnum(LEDGER_SORTS)),
};

/** Query of GET /issues: the filters, the order, and a cursor from the previous page's `nextCursor`. */
export const ListQuery = Type.Object({
  ...filterFields,
  cursor: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax })),
}, { additionalProperties: false });
export type ListQueryInput = Static<typeof ListQuery>;

/** Query of GET /issues/export: the same filters and order, no paging. */
export const ExportQuery = Type.Object(filterFields, { additionalProperties: false });

/** Body of POST /issues/bulk-transitions: one action with its fields for many issues, each at the version the client saw. */
export const BulkTransitionBody = Type.Object({
  action: StringEnum(['assign'] as const),
  unitId: Id,
  dueAt: Type.Optional(DateTime),
  items: Type.Array(Type.Object({ id: Id, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), {
    minItems: 1, maxItems: LIMITS.bulkMaxItems,
  }),
}, { additionalProperties: false });

/** What happened to one issue of a bulk transition. */
export const BulkResultOut = Type.Object({
  id: Type.Integer(),
  ok: Type.Boolean(),
  status: Type.Optional(StringEnum(ISSUE_STATUSES)),
  version: Type.Optional(Type.Integer()),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});

/** The answer of POST /issues/bulk-transitions. */
export const BulkResults = Type.Object({ results: Type.Array(BulkResultOut) });

/** A timeline event. */
export const EventOut = Type.Object({
  id: Type.Integer(),
  type: StringEnum(EVENT_TYPES),
  at: Type.String(),
  actorId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String()),
  fromStatus: Nullable(Type.String()),
  toStatus: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});

/** GET /issues/{id}/timeline: the events, and the names of the units they mention. */
export const TimelineOut = Type.Object({
  items: Type.Array(EventOut),
  unitNames: Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.String(), { description: '事件中出现的单位（所在地、承办单位）的名称，按编号' }),
});

/** An attachment's metadata. */
export const AttachmentOut = Type.Object({
  id: Type.Integer(), filename: Type.String(), mime: Type.String(), size: Type.Integer(), sha256: Type.String(),
  createdAt: Type.String(), url: Type.String(),
});

/** The attachments of an issue (GET, and POST of new files). */
export const AttachmentList = Type.Object({ items: Type.Array(AttachmentOut) });

/** Keywords of one category: at most this many… */
export const CATEGORY_KEYWORDS_MAX = 20;
/** …of at most this many characters each. */
export const CATEGORY_KEYWORD_LENGTH_MAX = 20;
/** A category's keywords and synonyms in an edit (trimmed; blank and repeated ones are dropped). */
const KeywordsIn = Type.Array(Type.String({ minLength: 1, maxLength: CATEGORY_KEYWORD_LENGTH_MAX }), { maxItems: CATEGORY_KEYWORDS_MAX });

/** A category of the tenant's tree; `keywords`: what the category picker matches besides the name and the path. */
export const CategoryOut = Type.Object({
  id: Type.Integer(), name: Type.String(), parentId: Nullable(Type.Integer()), level: Type.Integer(), active: Type.Boolean(), keywords: Type.Array(Type.String()),
});

/** GET /categories. */
export const CategoryList = Type.Object({ items: Type.Array(CategoryOut) });

/** Body of POST /categories. */
export const CreateCategoryBody = Type.Object({
  parentId: Type.Optional(Nullable(Id)), name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax }), keywords: Type.Optional(KeywordsIn),
}, { additionalProperties: false });

/** Body of PATCH /categories/{id}. */
export const UpdateCategoryBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.nameMax })), active: Type.Optional(Type.Boolean()), keywords: Type.Optional(KeywordsIn),
}, { additionalProperties: false });

/** The issue as the API shows it. */
export type Issue = Static<typeof IssueOut>;
/** A clock of an issue. */
export type Deadline = Static<typeof DeadlineOut>;
/** The petitioner, masked unless revealed. */
export type Petitioner = Static<typeof PetitionerOut>;
/** What a text search matched in a listed issue. */
export type SearchMatch = Static<typeof SearchMatchOut>;
/** One page of the ledger. */
export type IssuePage = Static<ReturnType<typeof issuePageOut>>;
/** What happened to one issue of a bulk transition. */
export type BulkResult = Static<typeof BulkResultOut>;
/** A timeline event. */
export type TimelineEvent = Static<typeof EventOut>;
/** GET /issues/{id}/timeline. */
export type Timeline = Static<typeof TimelineOut>;
/** An attachment's metadata. */
export type Attachment = Static<typeof AttachmentOut>;
/** A link between two issues, seen from one of them. */
export type IssueLink = Static<typeof LinkOut>;
/** A category. */
export type Category = Static<typeof CategoryOut>;
