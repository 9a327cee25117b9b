/**
 * Shapes of the API's JSON, as the staff app uses them: the types of the server's own schemas (`src/shared/api/`),
 * imported as types only, so no schema code is bundled.
 */
export type {
  Attachment, BulkResult, Category, Deadline, Issue, IssueLink, IssuePage, ListedIssue, Petitioner, SearchMatch, Timeline, TimelineEvent,
} from '../../../shared/api/issues.ts';
export type { SavedFilter } from '../../../shared/api/preferences.ts';
export type { Login, Me, Session } from '../../../shared/api/auth.ts';
export type { OrgUnit, User } from '../../../shared/api/org.ts';
export type { Hotspot, HotspotList, HotspotTrend, SimilarIssue, SuggestedItem, Suggestions } from '../../../shared/api/intel.ts';
export type { Workbench, WorkbenchBucket } from '../../../shared/api/workbench.ts';
export type { AuditActor, AuditEntry, AuditPage } from '../../../shared/api/audit.ts';
export type { CalendarCoverage, CalendarDay, Policies, Policy } from '../../../shared/api/deadlines.ts';
