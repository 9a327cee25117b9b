/**
 * Shapes of the API's JSON, as the staff app uses them: the ledger's are the server's schemas' own types
 * (`src/shared/api/`, imported as types only, so no schema code is bundled).
 */
import type { OrgLevel, Role } from '../../../shared/enums.ts';
import type { IssueStatus } from '../../../shared/lifecycle.ts';

export type {
  Attachment, BulkResult, Category, Deadline, Issue, IssueLink, IssuePage, ListedIssue, Petitioner, SearchMatch, Timeline, TimelineEvent,
} from '../../../shared/api/issues.ts';
export type { SavedFilter } from '../../../shared/api/preferences.ts';

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
