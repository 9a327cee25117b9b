/**
 * The deadlines module's public face: its manifest (routes for rules and the calendar, the sweep job and command,
 * a new tenant's rules and holidays); clocks of any subject (start, meet, move, read); the engine's due-time rules.
 */
export { clocksOf, clocksOfMany, insertClock, meetClocks, moveDue } from './deadlines.repo.ts';
export { deadlinesModule } from './deadlines.routes.ts';
export { deadlineContext, invalidateDeadlineContext, type DeadlineContext } from './deadlines.service.ts';
export { computeDue, describeRule, extendDue, findRule, isStaffClock } from './engine.ts';
export { sweepDeadlines } from './sweeper.ts';
