/** The deadlines module's public face: its manifest and what other modules may call. */
export { clocksOf, clocksOfMany, insertClock, meetClocks, moveDue, replacePolicies, upsertCalendar } from './deadlines.repo.ts';
export { deadlinesModule } from './deadlines.routes.ts';
export { deadlineContext, invalidateDeadlineContext, type DeadlineContext } from './deadlines.service.ts';
export { computeDue, DEFAULT_POLICIES, describeRule, extendDue, findRule, isStaffClock } from './engine.ts';
export { OFFICIAL_CALENDAR } from './official-holidays.ts';
export { sweepDeadlines } from './sweeper.ts';
