/** The ledger module's public face: its manifest and what other modules may call. */
export { planClock } from './commands/clocks.ts';
export { createIssue } from './commands/create-issue.ts';
export { transitionIssue } from './commands/transition-issue.ts';
export { findIssuesInScope, insertCategory, listIssuesInScope } from './ledger.repo.ts';
export { ledgerModule } from './ledger.routes.ts';
export { renderIssues } from './ledger.view.ts';
