/** Shapes of the API's JSON, as the staff app uses them. */
import type { Channel, DeadlineKind, IssueKind, OrgLevel, Role, Urgency } from '../../../shared/enums.ts';
import type { EventType } from '../../../shared/events.ts';
import type { IssueAction, IssueStatus } from '../../../shared/lifecycle.ts';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  roles: { role: Role; orgUnitId: number }[];
}

export interface OrgUnit {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  parentId: number | null;
  active: boolean;
}

export interface Category {
  id: number;
  name: string;
  parentId: number | null;
  level: number;
  active: boolean;
}

export interface Deadline {
  kind: DeadlineKind;
  startedAt: string;
  dueAt: string;
  metAt: string | null;
  rule: string;
  overdue: boolean;
  escalatedAt: string | null;
}

export interface Petitioner {
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
  masked: boolean;
}

export interface Issue {
  id: number;
  trackingCode: string;
  title: string;
  body: string;
  status: IssueStatus;
  statusType: 'open' | 'resolved' | 'unresolved';
  version: number;
  channel: Channel;
  kind: IssueKind;
  urgency: Urgency;
  orgUnitId: number;
  orgUnitName: string;
  responsibleUnitId: number | null;
  responsibleUnitName: string | null;
  categoryId: number | null;
  policyFamily: string;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  anonymous: boolean;
  address: string | null;
  petitioner: Petitioner | null;
  resolved: boolean | null;
  satisfaction: string | null;
  replyOutcome: string | null;
  reviewRound: number;
  extensionUsed: boolean;
  mergedIntoId: number | null;
  nextDueAt: string | null;
  overdue: boolean;
  deadlines: Deadline[];
  allowedActions: IssueAction[];
}

export interface IssuePage {
  items: Issue[];
  nextCursor: string | null;
}

export interface TimelineEvent {
  id: number;
  type: EventType;
  at: string;
  actorId: number | null;
  actorName: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  data: Record<string, unknown>;
}

export interface Attachment {
  id: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
  url: string;
}

/** What a text search matched in a listed issue: the normalised terms and a snippet of the text with the hits marked. */
export interface SearchMatch {
  terms: string[];
  snippet: { text: string; hit: boolean }[];
}

/** An issue like the one being typed (or like an existing one), with why it is similar. */
export interface SimilarIssue {
  id: number;
  trackingCode: string;
  title: string;
  status: IssueStatus;
  statusType: 'open' | 'resolved' | 'unresolved';
  orgUnitId: number;
  orgUnitName: string;
  categoryId: number | null;
  receivedAt: string;
  mergedIntoId: number | null;
  /** 0–1. */
  textSimilarity: number;
  samePlace: boolean;
  /** Same township or street (the same parent unit). */
  nearPlace: boolean;
  sameCategory: boolean;
  score: number;
}

/** A link between two issues, seen from one of them. */
export interface IssueLink {
  issueId: number;
  trackingCode: string;
  title: string;
  status: IssueStatus;
  kind: 'repeat' | 'similar';
  /** `to`: this issue links to the other; `from`: the other links to this one. */
  direction: 'to' | 'from';
  createdAt: string;
}

/** One suggested category or unit. */
export interface SuggestedItem {
  id: number;
  name: string;
  /** The category path or the unit's full name. */
  path: string;
  /** 0–1. */
  confidence: number;
}

/** Suggestions for a text: null where no model has been trained yet. */
export interface Suggestions {
  category: { modelId: number; items: SuggestedItem[] } | null;
  unit: { modelId: number; items: SuggestedItem[] } | null;
}

/** Trend of a hot spot against the window before. */
export type HotspotTrend = 'new' | 'rising' | 'steady' | 'falling';

/** Issues of one category clustering in one area. */
export interface Hotspot {
  areaId: number;
  areaName: string;
  categoryId: number | null;
  categoryName: string;
  count: number;
  previousCount: number;
  /** (count − previous) / previous; null when there were none before. */
  change: number | null;
  trend: HotspotTrend;
  /** Counts over the previous and the current window, oldest first. */
  series: number[];
  keywords: string[];
  issueIds: number[];
  score: number;
}

/** GET /hotspots. */
export interface HotspotList {
  from: string;
  to: string;
  items: Hotspot[];
}
