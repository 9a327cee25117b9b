/** The audit module's public face: its manifest (reading the log) and `writeAudit`, called in each command's transaction. */
export { writeAudit } from './audit.repo.ts';
export { auditModule } from './audit.routes.ts';
