/**
 * Types of an issue's timeline events (`timeline_events.type`): each lifecycle action (`transitionIssue` writes the
 * action's code), and the events no action makes. Every value stored so far is one of these.
 */
import { ISSUE_ACTIONS } from './lifecycle.ts';

/** Events that are not lifecycle actions. */
export const OTHER_EVENT_TYPES = [
  /** The issue registered (`createIssue`). */
  'create',
  /** Another issue merged into this one (the other's `merge`). */
  'merged_in',
  /** This issue linked to another, and the other's side of it (`linkIssue`). */
  'linked', 'linked_from',
  /** 包案: a leader named the issue's owner, or no longer (`setIssueOwner`). */
  'owner',
  /** Files uploaded. */
  'attachment',
  /** The sweeper: a clock due within a day, an overdue clock escalated (督办). */
  'warn', 'escalate',
  /** What an import knew of a case: now an entry from `import_rows.facts`, an event for cases imported before. */
  'imported',
  /** Heard at a grassroots activity (lecture, research visit…): an entry from the activity, `activities` module. */
  'from_activity',
  /** Put on an on-site office session's agenda, with what the session decided: an entry from `onsite_items`. */
  'onsite',
  /** A written document issued (受理告知书, 意见书…): `paperwork` module; the document itself is kept unchanged. */
  'document',
] as const;
/** An event that is not a lifecycle action. */
export type OtherEventType = (typeof OTHER_EVENT_TYPES)[number];

/** Every event type. */
export const EVENT_TYPES = [...ISSUE_ACTIONS, ...OTHER_EVENT_TYPES] as const;
/** An event type code. */
export type EventType = (typeof EVENT_TYPES)[number];
