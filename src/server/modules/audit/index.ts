/** The audit module's public face: its manifest and what other modules may call. */
export { writeAudit } from './audit.repo.ts';
export { auditModule } from './audit.routes.ts';
