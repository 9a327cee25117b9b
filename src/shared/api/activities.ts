/**
 * TypeBox schemas of the activities module's routes (issue 16): grassroots activities of the four kinds, the issues
 * heard there, the case library, a lecture's audience feedback. The web imports their types (`import type` only).
 */
import { Type, type Static } from 'typebox';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, AUDIENCE_TYPES, IDEA_SOURCES, RECEPTION_MODES, VISIT_KINDS } from '../enums.ts';
import { ISSUE_STATUSES, STATUS_TYPES } from '../lifecycle.ts';
import { LIMITS } from '../limits.ts';
import { CreateIssueBody } from './issues.ts';
import { DateOnly, DateTime, Id, Nullable, StringEnum } from './common.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** Limits of an activity's fields. */
export const ACTIVITY_LIMITS = {
  titleMax: 100, placeMax: 200, notesMax: 10_000, cadresMax: 50, materialsMax: 20, materialTitleMax: 200, casesMax: 20,
  participantsMax: 100_000, caseStoryMax: 5_000, tagsMax: 10, tagMax: 20, questionMax: 500,
  /** Days after a lecture ends that its feedback link stays open. */
  feedbackOpenDays: 30,
} as const;

const Material = Type.Object({ title: Text(ACTIVITY_LIMITS.materialTitleMax) }, { additionalProperties: false });

const activityFields = {
  title: Text(ACTIVITY_LIMITS.titleMax),
  orgUnitId: Id,
  startsAt: DateTime,
  endsAt: DateTime,
  placeText: Type.Optional(Nullable(Type.String({ maxLength: ACTIVITY_LIMITS.placeMax }))),
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  cadreIds: Type.Array(Id, { maxItems: ACTIVITY_LIMITS.cadresMax, uniqueItems: true }),
  participantCount: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: ACTIVITY_LIMITS.participantsMax }))),
  notes: Type.Optional(Type.String({ maxLength: ACTIVITY_LIMITS.notesMax })),
  audienceType: Type.Optional(Nullable(StringEnum(AUDIENCE_TYPES))),
  /** A reception day: open to all who come (公开接访) or by appointment (预约接访). */
  receptionMode: Type.Optional(Nullable(StringEnum(RECEPTION_MODES))),
  materials: Type.Optional(Type.Array(Material, { maxItems: ACTIVITY_LIMITS.materialsMax })),
  caseIds: Type.Optional(Type.Array(Id, { maxItems: ACTIVITY_LIMITS.casesMax, uniqueItems: true })),
};

/** Body of POST /activities. Without `status`, one that has ended is recorded as done, one still ahead as planned. */
export const CreateActivityBody = Type.Object({
  kind: StringEnum(ACTIVITY_KINDS),
  ...activityFields,
  status: Type.Optional(StringEnum(['planned', 'done'] as const)),
}, { additionalProperties: false });
export type CreateActivityInput = Static<typeof CreateActivityBody>;

/** Body of PATCH /activities/{id}: the fields to change and the version the client saw. */
export const UpdateActivityBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  ...Object.fromEntries(Object.entries(activityFields).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof typeof activityFields]: ReturnType<typeof Type.Optional<(typeof activityFields)[K]>> },
  status: Type.Optional(StringEnum(ACTIVITY_STATUSES)),
}, { additionalProperties: false });
export type UpdateActivityInput = Static<typeof UpdateActivityBody>;

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

/** An activity as the API shows it. */
export const ActivityOut = Type.Object({
  id: Type.Integer(),
  kind: StringEnum(ACTIVITY_KINDS),
  title: Type.String(),
  orgUnitId: Type.Integer(),
  orgUnitName: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  placeText: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  participantCount: Nullable(Type.Integer()),
  notes: Type.String(),
  status: StringEnum(ACTIVITY_STATUSES),
  audienceType: Nullable(StringEnum(AUDIENCE_TYPES)),
  receptionMode: Nullable(StringEnum(RECEPTION_MODES)),
  materials: Type.Array(Type.Object({ title: Type.String() })),
  cadres: Type.Array(Ref),
  cases: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String() })),
  createdBy: Ref,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  issueCount: Type.Integer(),
  feedbackCount: Type.Integer(),
  /** The public feedback page's path (`/f/{token}`), for outreach lectures. */
  feedbackPath: Nullable(Type.String()),
  /** Whether the actor may change it and record issues from it. */
  canEdit: Type.Boolean(),
});
export type Activity = Static<typeof ActivityOut>;

/** Query of GET /activities. */
export const ActivityListQuery = Type.Object({
  kind: Type.Optional(StringEnum(ACTIVITY_KINDS)),
  status: Type.Optional(StringEnum(ACTIVITY_STATUSES)),
  /** The unit's subtree. */
  unitId: Type.Optional(Id),
  cadreId: Type.Optional(Id),
  /** Activities overlapping [from, to] (Beijing dates). */
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  /** How many to skip (the list's pages). */
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
}, { additionalProperties: false });
export type ActivityListFilter = Static<typeof ActivityListQuery>;

/** GET /activities: newest first, at most `limit`, with how many matched. */
export const ActivityList = Type.Object({ items: Type.Array(ActivityOut), total: Type.Integer() });

/** An issue an activity produced, with its live status. */
export const ActivityIssueOut = Type.Object({
  id: Type.Integer(), trackingCode: Type.String(), title: Type.String(), status: StringEnum(ISSUE_STATUSES),
  statusType: StringEnum(STATUS_TYPES), orgUnitName: Type.String(), receivedAt: Type.String(), closedAt: Nullable(Type.String()),
});
/** GET /activities/{id}/issues. */
export const ActivityIssueList = Type.Object({ items: Type.Array(ActivityIssueOut), resolvedShare: Nullable(Type.Number()) });

/**
 * Body of POST /activities/{id}/issues: an intake (the ledger's fields) whose channel is the activity's and whose place
 * and received time default to the activity's.
 */
export const ActivityIssueBody = Type.Object({
  ...Object.fromEntries(Object.entries(CreateIssueBody.properties).filter(([k]) => k !== 'channel' && k !== 'mergeIntoId')) as Omit<typeof CreateIssueBody.properties, 'channel' | 'mergeIntoId' | 'orgUnitId'>,
  orgUnitId: Type.Optional(Id),
}, { additionalProperties: false });
export type ActivityIssueInput = Static<typeof ActivityIssueBody>;

/** Someone who can be named among the cadres who went. */
export const CadreList = Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), unitName: Type.String() })) });

/** Body of POST /cases and PATCH /cases/{id}. */
export const CaseBody = Type.Object({
  title: Text(ACTIVITY_LIMITS.titleMax),
  story: Text(ACTIVITY_LIMITS.caseStoryMax),
  orgUnitId: Type.Optional(Nullable(Id)),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: ACTIVITY_LIMITS.tagMax }), { maxItems: ACTIVITY_LIMITS.tagsMax })),
  sourceIssueId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });
export type CaseInput = Static<typeof CaseBody>;

/** A case of the library, with where it was used. */
export const CaseOut = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  story: Type.String(),
  orgUnitId: Nullable(Type.Integer()),
  orgUnitName: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  sourceIssue: Nullable(Type.Object({ id: Type.Integer(), trackingCode: Type.String() })),
  usedIn: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), startsAt: Type.String() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Case = Static<typeof CaseOut>;

/** Query of GET /cases: words to find (any substring of title, story or tags), a tag. */
export const CaseListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  tag: Type.Optional(Type.String({ maxLength: ACTIVITY_LIMITS.tagMax })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false });
/** GET /cases. */
export const CaseList = Type.Object({ items: Type.Array(CaseOut), total: Type.Integer() });

/** A draft case from a closed issue: its title and body with the person's data taken out (GET /cases/draft?issueId=). */
export const CaseDraftOut = Type.Object({ title: Type.String(), story: Type.String(), orgUnitId: Type.Integer(), sourceIssueId: Type.Integer() });

const Scale = Type.Integer({ minimum: 1, maximum: 5 });
/** What a listener sends through the public feedback page. */
export const FeedbackIn = Type.Object({
  willing: Scale, understood: Scale, benefited: Scale,
  question: Type.Optional(Type.String({ maxLength: ACTIVITY_LIMITS.questionMax })),
  phone: Type.Optional(Type.String({ maxLength: LIMITS.phoneMax, pattern: '^[0-9+\\- ()]*$' })),
}, { additionalProperties: false });
export type FeedbackInput = Static<typeof FeedbackIn>;

const Distribution = Type.Array(Type.Integer(), { minItems: 5, maxItems: 5, description: '1–5 分各有多少人' });
/** A question asked through the feedback page. */
export const FeedbackQuestionOut = Type.Object({
  id: Type.Integer(), question: Type.String(), phone: Nullable(Type.String()), phoneMasked: Type.Boolean(), createdAt: Type.String(),
  issue: Nullable(Type.Object({ id: Type.Integer(), trackingCode: Type.String() })),
});
/** GET /activities/{id}/feedback: the three scales' averages and distributions, and the questions. */
export const FeedbackSummaryOut = Type.Object({
  count: Type.Integer(),
  averages: Type.Object({ willing: Nullable(Type.Number()), understood: Nullable(Type.Number()), benefited: Nullable(Type.Number()) }),
  distribution: Type.Object({ willing: Distribution, understood: Distribution, benefited: Distribution }),
  questions: Type.Array(FeedbackQuestionOut),
});
export type FeedbackSummary = Static<typeof FeedbackSummaryOut>;

/** Params of a feedback entry's routes. */
export const FeedbackParams = Type.Object({ id: Id, feedbackId: Id });

/** Body of POST /activities/{id}/feedback/{feedbackId}/issue: what the clerk adds to the question. */
export const FeedbackIssueBody = Type.Object({
  title: Type.Optional(Text(LIMITS.titleMax)),
  categoryId: Type.Optional(Nullable(Id)),
  orgUnitId: Type.Optional(Id),
  kind: Type.Optional(CreateIssueBody.properties.kind),
}, { additionalProperties: false });

// ---- field research: visits, findings, the suggestion bank --------------------------------------------------------

/** Limits of research records. */
export const RESEARCH_LIMITS = { seenMax: 5_000, findingMax: 2_000, ideaMax: 2_000, noteMax: 1_000 } as const;

/** Body of POST /activities/{id}/visits. */
export const VisitBody = Type.Object({
  kind: StringEnum(VISIT_KINDS),
  visitedAt: Type.Optional(DateTime),
  orgUnitId: Type.Optional(Nullable(Id)),
  placeText: Type.Optional(Nullable(Type.String({ maxLength: ACTIVITY_LIMITS.placeMax }))),
  metName: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.nameMax }))),
  metPhone: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.phoneMax, pattern: '^[0-9+\\- ()]*$' }))),
  seen: Type.Optional(Type.String({ maxLength: RESEARCH_LIMITS.seenMax })),
}, { additionalProperties: false });
export type VisitInput = Static<typeof VisitBody>;

/** A visit as shown: who was met is masked (revealed by an audited call). */
export const VisitOut = Type.Object({
  id: Type.Integer(), kind: StringEnum(VISIT_KINDS), visitedAt: Type.String(), orgUnitId: Nullable(Type.Integer()), orgUnitName: Nullable(Type.String()),
  placeText: Nullable(Type.String()), metName: Nullable(Type.String()), metPhone: Nullable(Type.String()), masked: Type.Boolean(), seen: Type.String(),
  createdBy: Type.String(), createdAt: Type.String(),
});
export type Visit = Static<typeof VisitOut>;
/** GET /activities/{id}/visits. */
export const VisitList = Type.Object({ items: Type.Array(VisitOut) });

/** Body of POST /activities/{id}/findings. */
export const FindingBody = Type.Object({
  text: Text(RESEARCH_LIMITS.findingMax),
  visitId: Type.Optional(Nullable(Id)),
  categoryId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });
export type FindingInput = Static<typeof FindingBody>;

/** A finding, with the issue it became and that issue's live status. */
export const FindingOut = Type.Object({
  id: Type.Integer(), visitId: Nullable(Type.Integer()), text: Type.String(), categoryId: Nullable(Type.Integer()), createdAt: Type.String(),
  issue: Nullable(Type.Object({ id: Type.Integer(), trackingCode: Type.String(), status: StringEnum(ISSUE_STATUSES), statusType: StringEnum(STATUS_TYPES) })),
});
export type Finding = Static<typeof FindingOut>;
/** GET /activities/{id}/findings. */
export const FindingList = Type.Object({ items: Type.Array(FindingOut) });

/** Params of a visit's or a finding's routes. */
export const VisitParams = Type.Object({ id: Id, visitId: Id });
export const FindingParams = Type.Object({ id: Id, findingId: Id });

/** Body of POST /ideas: a suggestion heard (问计于民), from a resident or a cadre, at an activity or not. */
export const IdeaBody = Type.Object({
  text: Text(RESEARCH_LIMITS.ideaMax),
  source: StringEnum(IDEA_SOURCES),
  sourceName: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.nameMax }))),
  activityId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });
export type IdeaInput = Static<typeof IdeaBody>;
/** Body of PATCH /ideas/{id}: adopted or not, and how. */
export const IdeaPatch = Type.Object({
  adopted: Type.Boolean(),
  adoptedNote: Type.Optional(Nullable(Type.String({ maxLength: RESEARCH_LIMITS.noteMax }))),
}, { additionalProperties: false });
/** A suggestion of the bank; a resident's name is masked. */
export const IdeaOut = Type.Object({
  id: Type.Integer(), text: Type.String(), source: StringEnum(IDEA_SOURCES), sourceName: Nullable(Type.String()),
  activity: Nullable(Type.Object({ id: Type.Integer(), title: Type.String() })), adopted: Type.Boolean(), adoptedNote: Nullable(Type.String()),
  createdAt: Type.String(), updatedAt: Type.String(),
});
export type Idea = Static<typeof IdeaOut>;
/** Query of GET /ideas. */
export const IdeaListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  adopted: Type.Optional(Type.Boolean()),
  activityId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false });
/** GET /ideas. */
export const IdeaList = Type.Object({ items: Type.Array(IdeaOut), total: Type.Integer() });

/** The kinds of image an activity's photos may be. */
export const ACTIVITY_PHOTO_TYPES = ['jpg', 'jpeg', 'png', 'webp', 'gif'] as const;

/** An activity's photos. */
export const PhotoList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.Integer(), filename: Type.String(), mime: Type.String(), size: Type.Integer(), url: Type.String(), uploadedBy: Type.String(), createdAt: DateTime,
  })),
});
export type Photo = Static<typeof PhotoList>['items'][number];

/** Query of GET /cadre-ledger (and its export): a unit's subtree (default: the actor's) over a period of Beijing dates. */
export const CadreLedgerQuery = Type.Object({
  unitId: Type.Optional(Id),
  from: DateOnly,
  to: DateOnly,
}, { additionalProperties: false });
export type CadreLedgerFilter = Static<typeof CadreLedgerQuery>;

const Outcomes = {
  /** Done activities by kind. */
  activities: Type.Object(Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, Type.Integer()])) as Record<(typeof ACTIVITY_KINDS)[number], ReturnType<typeof Type.Integer>>),
  activityTotal: Type.Integer(),
  /** Villages and communities reached (an activity or a visit there). */
  placesReached: Type.Integer(),
  /** Issues heard at those activities; of which closed as resolved (coarse type `resolved`, not merely closed). */
  issues: Type.Integer(),
  resolved: Type.Integer(),
  /** Call-backs recorded on those issues, and how many were 满意 or 基本满意. */
  calledBack: Type.Integer(),
  satisfied: Type.Integer(),
  basicallySatisfied: Type.Integer(),
};

/** The 四下基层 ledger: per cadre, per unit below the chosen one (with its subtree), and the places not reached. */
export const CadreLedgerOut = Type.Object({
  unit: Type.Object({ id: Type.Integer(), name: Type.String() }),
  from: DateOnly,
  to: DateOnly,
  cadres: Type.Array(Type.Object({ userId: Type.Integer(), name: Type.String(), unitName: Type.String(), ...Outcomes })),
  units: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), places: Type.Integer(), ...Outcomes })),
  total: Type.Object({ places: Type.Integer(), ...Outcomes }),
  unreached: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), township: Type.String() })),
});
export type CadreLedger = Static<typeof CadreLedgerOut>;
