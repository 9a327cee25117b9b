/**
 * The org module's public face: its manifest (units and users); the data scope in SQL every module filters by;
 * users, units and tenants for the seed, the CLI and jobs.
 */
export { isAdmin } from './org.policy.ts';
export { actorByUsername, getUnitByCode, insertUnit, insertUser, tenantIds, tenantsByCode } from './org.repo.ts';
export { orgModule } from './org.routes.ts';
export { createUser, resetPassword } from './org.service.ts';
export { issueInScope, issueInScopeByPaths, resolveScope, scopedUnitIds } from './scope.repo.ts';
