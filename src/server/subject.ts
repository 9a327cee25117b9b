/**
 * What clocks and timelines hang on (issue 14): a subject is a record of some type, by id. Issues are the only
 * subjects today; rectification measures, follow-up tasks, questionnaires and on-site sessions add their type here
 * and get a clock (`deadlines`) and a history (`timeline`) without tables of their own.
 */

/** Kinds of record that carry clocks and timelines. */
export const SUBJECT_TYPES = ['issue'] as const;
/** A subject's kind. */
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** One record that carries clocks and a timeline. */
export interface Subject {
  type: SubjectType;
  id: number;
}

/** The subject of an issue. */
export const issueSubject = (id: number): Subject => ({ type: 'issue', id });
