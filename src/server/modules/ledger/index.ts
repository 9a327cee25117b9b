/**
 * The ledger module's public face: its manifest; `registerIssue`, the one way an issue enters from a person
 * (activities, reception days, the portal and Open311 call it); and what the seed, the workbench and imports read.
 */
export { planClock } from './commands/clocks.ts';
export { createIssue, issueRow, trackingCodeOf, type IssueStart } from './commands/create-issue.ts';
export { registerIssue, type RegisterOptions, type Registered } from './commands/register-issue.ts';
export { transitionIssue } from './commands/transition-issue.ts';
export { canSetOwner, ownerCandidates, setIssueOwner } from './commands/owner.ts';
export { canRevealPetitioner } from './ledger.policy.ts';
export { findIssuesInScope, listIssuesInScope } from './ledger.repo.ts';
export { ledgerModule } from './ledger.routes.ts';
export { maskName, maskPhone, renderIssues } from './ledger.view.ts';
export { discardCreated, openStored, receiveUploads } from './attachments.ts';
