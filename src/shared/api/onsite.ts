/**
 * TypeBox schemas of on-site office sessions (现场办公, issue 17): the units present, the agenda of ledger issues, each
 * item's outcome (solved on the spot with the named departments' sign-offs, or a follow-up with a unit and a deadline,
 * or left), and the tasks a unit has from sessions (to sign, to follow up). The web imports their types.
 */
import { Type, type Static } from 'typebox';
import { FOLLOWUP_STATES, ONSITE_OUTCOMES } from '../enums.ts';
import { ISSUE_STATUSES, STATUS_TYPES } from '../lifecycle.ts';
import { DateTime, Id, Nullable, StringEnum } from './common.ts';

/** Limits of a session's fields. */
export const ONSITE_LIMITS = { unitsMax: 30, itemsMax: 100, noteMax: 2_000, signerMax: 50 } as const;

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

/** PUT /activities/{id}/onsite/units: the units present (departments, townships). */
export const OnsiteUnitsBody = Type.Object({
  unitIds: Type.Array(Id, { maxItems: ONSITE_LIMITS.unitsMax, uniqueItems: true }),
}, { additionalProperties: false });

/** POST /activities/{id}/agenda: put a ledger issue on the agenda. */
export const AgendaAddBody = Type.Object({ issueId: Id }, { additionalProperties: false });

/** Params of an agenda item. */
export const AgendaItemParams = Type.Object({ id: Id, itemId: Id });

/** POST …/solve: solved on the spot by these departments (each present), with what was done. */
export const SolveBody = Type.Object({
  unitIds: Type.Array(Id, { minItems: 1, maxItems: ONSITE_LIMITS.unitsMax, uniqueItems: true }),
  solution: Type.String({ minLength: 1, maxLength: ONSITE_LIMITS.noteMax }),
}, { additionalProperties: false });
export type SolveInput = Static<typeof SolveBody>;

/** POST …/sign: a department's sign-off; `signerName` when the recorder records it on the unit's behalf. */
export const SignBody = Type.Object({
  unitId: Id,
  signerName: Type.Optional(Type.String({ minLength: 1, maxLength: ONSITE_LIMITS.signerMax })),
}, { additionalProperties: false });
export type SignInput = Static<typeof SignBody>;

/** POST …/followup: the unit that follows the item up, by when, and the task. */
export const FollowupBody = Type.Object({
  unitId: Id,
  dueAt: DateTime,
  task: Type.String({ minLength: 1, maxLength: ONSITE_LIMITS.noteMax }),
}, { additionalProperties: false });
export type FollowupInput = Static<typeof FollowupBody>;

/** POST …/leave: left for later, with why. */
export const LeaveBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: ONSITE_LIMITS.noteMax })) }, { additionalProperties: false });

const IssueBrief = Type.Object({
  id: Type.Integer(),
  trackingCode: Type.String(),
  title: Type.String(),
  status: StringEnum(ISSUE_STATUSES),
  statusType: StringEnum(STATUS_TYPES),
  orgUnitName: Type.String(),
  responsibleUnitName: Nullable(Type.String()),
});

const Signoff = Type.Object({
  unit: Ref,
  signedAt: Nullable(Type.String()),
  signerName: Nullable(Type.String()),
  inApp: Type.Boolean(),
});

const Followup = Type.Object({
  unit: Ref,
  dueAt: Type.String(),
  state: StringEnum(FOLLOWUP_STATES),
  /** When the unit replied (the clock was met), or null. */
  doneAt: Nullable(Type.String()),
});

/** One agenda item. */
export const AgendaItemOut = Type.Object({
  id: Type.Integer(),
  issue: IssueBrief,
  outcome: StringEnum(ONSITE_OUTCOMES),
  note: Type.String(),
  signoffs: Type.Array(Signoff),
  followup: Nullable(Followup),
  decidedBy: Nullable(Ref),
  decidedAt: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
});
export type AgendaItem = Static<typeof AgendaItemOut>;

/** GET /activities/{id}/onsite: who came and the agenda. */
export const OnsiteOut = Type.Object({
  activityId: Type.Integer(),
  units: Type.Array(Ref),
  items: Type.Array(AgendaItemOut),
  canEdit: Type.Boolean(),
});
export type Onsite = Static<typeof OnsiteOut>;

const SessionRef = Type.Object({ id: Type.Integer(), title: Type.String(), startsAt: Type.String(), orgUnitName: Type.String() });

/** GET /onsite-tasks: what the actor's units have from on-site sessions — sign-offs awaited, follow-ups. */
export const OnsiteTasksOut = Type.Object({
  toSign: Type.Array(Type.Object({ session: SessionRef, itemId: Type.Integer(), issue: IssueBrief, unit: Ref, solution: Type.String() })),
  followups: Type.Array(Type.Object({ session: SessionRef, itemId: Type.Integer(), issue: IssueBrief, task: Type.String(), followup: Followup })),
});
export type OnsiteTasks = Static<typeof OnsiteTasksOut>;
