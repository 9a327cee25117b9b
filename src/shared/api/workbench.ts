/** TypeBox schema of the workbench (the user's to-dos by urgency, with counts, and recent issues), and its type for the web. */
import { Type, type Static } from 'typebox';
import { IssueOut } from './issues.ts';

/** The to-do lists, most urgent first. */
export const WORKBENCH_BUCKETS = ['overdue', 'dueToday', 'dueThisWeek', 'returned', 'awaitingApproval'] as const;
/** A to-do list. */
export type WorkbenchBucket = (typeof WORKBENCH_BUCKETS)[number];

const Issues = Type.Array(IssueOut);

/** GET /workbench. */
export const WorkbenchOut = Type.Object({
  counts: Type.Object({
    total: Type.Integer(), overdue: Type.Integer(), dueToday: Type.Integer(), dueThisWeek: Type.Integer(),
    returned: Type.Integer(), awaitingApproval: Type.Integer(),
  }),
  buckets: Type.Object({ overdue: Issues, dueToday: Issues, dueThisWeek: Issues, returned: Issues, awaitingApproval: Issues }),
  recent: Issues,
  /** Issues received per Beijing day over the last 30 days, oldest first. */
  trend: Type.Array(Type.Object({ date: Type.String(), received: Type.Integer() })),
});

/** GET /workbench. */
export type Workbench = Static<typeof WorkbenchOut>;
