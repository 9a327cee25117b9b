/** The imports module's public face: its manifest and what other modules may call. */
export { dryRun, errorSheet, runImport, type ImportProgress, type ImportReport } from './import.service.ts';
export { importsModule } from './imports.routes.ts';
export type { ImportMapping } from './mapping.ts';
export { openSource } from './source.ts';
