/** Shapes of the API's JSON, as the staff app uses them. */
import type { Channel, DeadlineKind, IssueKind, OrgLevel, Role, Urgency } from '../../../shared/enums.ts';
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
  type: string;
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
