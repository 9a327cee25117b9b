/**
 * The issue lifecycle as data (DESIGN §2): states with their coarse type, and the transition table
 * (action, from, to, who may, under which condition). Only lifecycle commands change `status`;
 * the API returns the actions an actor may take now, so the web app never restates these rules.
 */
import type { Role } from './enums.ts';

/** Every state an issue can be in. */
export const ISSUE_STATUSES = [
  'registered', 'accepted', 'declined', 'assigned', 'returned', 'in_progress', 'extension_requested',
  'replied', 'callback', 'closed', 'closed_unresolved', 'reopened', 'merged', 'review', 're_review',
] as const;
/** An issue status code. */
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** Coarse types that statistics branch on: an issue closed without being solved is never "resolved". */
export const STATUS_TYPES = ['open', 'resolved', 'unresolved'] as const;
/** A coarse status type. */
export type StatusType = (typeof STATUS_TYPES)[number];

/** Display name and coarse type of each state. */
export const STATUS_INFO: Record<IssueStatus, { zh: string; en: string; type: StatusType }> = {
  registered: { zh: '已登记', en: 'Registered', type: 'open' },
  accepted: { zh: '已受理', en: 'Accepted', type: 'open' },
  declined: { zh: '不予受理', en: 'Declined', type: 'unresolved' },
  assigned: { zh: '已交办', en: 'Assigned', type: 'open' },
  returned: { zh: '已退回', en: 'Returned', type: 'open' },
  in_progress: { zh: '办理中', en: 'In progress', type: 'open' },
  extension_requested: { zh: '延期待批', en: 'Extension requested', type: 'open' },
  replied: { zh: '已答复', en: 'Replied', type: 'open' },
  callback: { zh: '已回访', en: 'Called back', type: 'open' },
  closed: { zh: '已办结', en: 'Closed (resolved)', type: 'resolved' },
  closed_unresolved: { zh: '已办结(未解决)', en: 'Closed (unresolved)', type: 'unresolved' },
  reopened: { zh: '重办', en: 'Reopened', type: 'open' },
  merged: { zh: '已并单', en: 'Merged', type: 'unresolved' },
  review: { zh: '复查中', en: 'Under review', type: 'open' },
  re_review: { zh: '复核中', en: 'Under re-review', type: 'open' },
};

/** States whose coarse type is `open`. */
export const OPEN_STATUSES = ISSUE_STATUSES.filter((s) => STATUS_INFO[s].type === 'open');

/** Every action of the lifecycle. `note` and `supervise` leave the state as it is. */
export const ISSUE_ACTIONS = [
  'accept', 'decline', 'assign', 'return', 'start', 'request_extension', 'approve_extension',
  'reject_extension', 'reply', 'callback', 'close', 'reopen', 'merge', 'request_review', 'decide_review',
  'request_re_review', 'decide_re_review', 'supervise', 'note',
] as const;
/** An action code. */
export type IssueAction = (typeof ISSUE_ACTIONS)[number];

/** Display names of actions. */
export const ACTION_NAMES: Record<IssueAction, { zh: string; en: string }> = {
  accept: { zh: '受理', en: 'Accept' },
  decline: { zh: '不予受理', en: 'Decline' },
  assign: { zh: '交办', en: 'Assign' },
  return: { zh: '退回(派单异议)', en: 'Return (wrong assignment)' },
  start: { zh: '开始办理(首次联系)', en: 'Start (first contact)' },
  request_extension: { zh: '申请延期', en: 'Request extension' },
  approve_extension: { zh: '批准延期', en: 'Approve extension' },
  reject_extension: { zh: '驳回延期', en: 'Reject extension' },
  reply: { zh: '答复', en: 'Reply' },
  callback: { zh: '回访', en: 'Call back' },
  close: { zh: '办结', en: 'Close' },
  reopen: { zh: '重办', en: 'Reopen' },
  merge: { zh: '并单', en: 'Merge' },
  request_review: { zh: '登记复查申请', en: 'Register review request' },
  decide_review: { zh: '作出复查意见', en: 'Decide review' },
  request_re_review: { zh: '登记复核申请', en: 'Register re-review request' },
  decide_re_review: { zh: '作出复核意见', en: 'Decide re-review' },
  supervise: { zh: '督办', en: 'Supervise' },
  note: { zh: '备注', en: 'Add note' },
};

/**
 * Conditions a row may require, evaluated on the issue's facts:
 * the call-back result, the 复查/复核 round, and whether the one extension is still available.
 */
export type TransitionCondition = 'resolved' | 'unresolved' | 'round0' | 'round1' | 'extensionAvailable';

/** How the actor must relate to the issue through the binding that grants the role. */
export type Reach = 'scope' | 'responsible';

/** One row of the transition table. `to: null` keeps the current state. */
export interface TransitionRule {
  readonly action: IssueAction;
  readonly from: readonly IssueStatus[];
  readonly to: IssueStatus | null;
  readonly roles: readonly Role[];
  /** `responsible`: the binding's subtree must contain the issue's responsible unit (handler work). */
  readonly reach: Reach;
  readonly when?: TransitionCondition;
}

const CLOSED_OR_REPLIED = ['replied', 'callback', 'closed', 'closed_unresolved'] as const;
const ALL = ISSUE_STATUSES;

/** The lifecycle. Order matters only where one action has several rows: the first whose condition holds wins. */
export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'accept', from: ['registered'], to: 'accepted', roles: ['clerk'], reach: 'scope' },
  { action: 'decline', from: ['registered'], to: 'declined', roles: ['clerk'], reach: 'scope' },
  { action: 'merge', from: ['registered', 'accepted'], to: 'merged', roles: ['clerk'], reach: 'scope' },
  { action: 'assign', from: ['accepted', 'returned', 'reopened'], to: 'assigned', roles: ['clerk'], reach: 'scope' },
  { action: 'return', from: ['assigned'], to: 'returned', roles: ['handler'], reach: 'responsible' },
  { action: 'start', from: ['assigned'], to: 'in_progress', roles: ['handler'], reach: 'responsible' },
  {
    action: 'request_extension', from: ['in_progress'], to: 'extension_requested', roles: ['handler'],
    reach: 'responsible', when: 'extensionAvailable',
  },
  { action: 'approve_extension', from: ['extension_requested'], to: 'in_progress', roles: ['leader'], reach: 'scope' },
  { action: 'reject_extension', from: ['extension_requested'], to: 'in_progress', roles: ['leader'], reach: 'scope' },
  { action: 'reply', from: ['in_progress'], to: 'replied', roles: ['handler'], reach: 'responsible' },
  { action: 'callback', from: ['replied'], to: 'callback', roles: ['clerk'], reach: 'scope' },
  { action: 'close', from: ['callback'], to: 'closed', roles: ['clerk'], reach: 'scope', when: 'resolved' },
  { action: 'close', from: ['callback'], to: 'closed_unresolved', roles: ['clerk'], reach: 'scope', when: 'unresolved' },
  { action: 'reopen', from: ['callback', 'closed', 'closed_unresolved'], to: 'reopened', roles: ['leader'], reach: 'scope' },
  { action: 'request_review', from: CLOSED_OR_REPLIED, to: 'review', roles: ['clerk'], reach: 'scope', when: 'round0' },
  { action: 'decide_review', from: ['review'], to: 'replied', roles: ['leader', 'clerk'], reach: 'scope' },
  { action: 'request_re_review', from: CLOSED_OR_REPLIED, to: 're_review', roles: ['clerk'], reach: 'scope', when: 'round1' },
  { action: 'decide_re_review', from: ['re_review'], to: 'replied', roles: ['leader', 'clerk'], reach: 'scope' },
  { action: 'supervise', from: OPEN_STATUSES, to: null, roles: ['leader', 'inspector'], reach: 'scope' },
  { action: 'note', from: ALL, to: null, roles: ['clerk', 'leader', 'handler', 'cadre'], reach: 'scope' },
];

/** Facts of an issue that conditions read. */
export interface ConditionFacts {
  resolved: boolean | null;
  reviewRound: number;
  extensionUsed: boolean;
}

/** Whether a condition holds for these facts. */
export function conditionHolds(when: TransitionCondition | undefined, f: ConditionFacts): boolean {
  switch (when) {
    case undefined: return true;
    case 'resolved': return f.resolved === true;
    case 'unresolved': return f.resolved === false;
    case 'round0': return f.reviewRound === 0;
    case 'round1': return f.reviewRound === 1;
    case 'extensionAvailable': return !f.extensionUsed;
  }
}

/** The rows for an action that start from `status` and whose condition holds. */
export function rulesFor(action: IssueAction, status: IssueStatus, facts: ConditionFacts): TransitionRule[] {
  return TRANSITIONS.filter((r) => r.action === action && r.from.includes(status) && conditionHolds(r.when, facts));
}
