/** The org module's public face: its manifest and what other modules may call. */
export { isAdmin } from './org.policy.ts';
export { actorByUsername, getUnitByCode, insertUnit, insertUser, tenantIds, tenantsByCode } from './org.repo.ts';
export { orgModule } from './org.routes.ts';
export { createUser, resetPassword } from './org.service.ts';
export { issueInScope, issueInScopeByPaths, resolveScope, scopedUnitIds } from './scope.repo.ts';
