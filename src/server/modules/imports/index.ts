/** The imports module's public face: its manifest (routes, the `import` command, import facts on a timeline) and the import service for benches. */
export { dryRun, errorSheet, runImport, type ImportProgress, type ImportReport } from './import.service.ts';
export { importsModule } from './imports.routes.ts';
export type { ImportMapping } from './mapping.ts';
export { openSource } from './source.ts';
