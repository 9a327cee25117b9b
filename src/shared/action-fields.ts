/**
 * The fields each lifecycle action needs in its transition body, beyond `action` and `version`: the server refuses the
 * action without them (400, `transitionIssue`), and the web's form for the action asks for exactly these.
 */
import type { TransitionInput } from './api/issues.ts';
import type { IssueAction } from './lifecycle.ts';

/** A field of the transition body that an action can take. */
export type TransitionField = Exclude<keyof TransitionInput, 'action' | 'version'>;

/** Fields each action needs; an action not listed needs none. */
export const REQUIRED_FIELDS: Partial<Record<IssueAction, readonly TransitionField[]>> = {
  decline: ['reason', 'properChannel'],
  assign: ['unitId'],
  return: ['reason'],
  start: ['note'],
  request_extension: ['reason', 'days'],
  reply: ['outcome', 'text'],
  callback: ['resolved', 'satisfaction'],
  reopen: ['reason'],
  merge: ['intoIssueId'],
  decide_review: ['outcome', 'text'],
  decide_re_review: ['outcome', 'text'],
  supervise: ['note'],
  note: ['note'],
};
