/**
 * The paperwork module's public face (issue 18, 《信访工作条例》): the written documents the regulation requires —
 * 受理 / 不予受理 / 交办告知书, the 信访处理意见书, 复查 and 复核意见书 — filled from templates the tenant's
 * administrators edit (Mustache placeholders, checked when saved), issued once per lifecycle step, numbered and kept
 * unchanged, each on the issue's timeline (`document` events) and in the audit log.
 */
import type { ModuleManifest } from '../types.ts';
import { paperworkRoutes } from './paperwork.routes.ts';

export { issueDocument, previewDocument } from './commands/documents.ts';
export { saveTemplate } from './commands/templates.ts';
export { demoDocumentSteps } from './paperwork.repo.ts';

export const paperworkModule: ModuleManifest = { name: 'paperwork', routes: paperworkRoutes };
