/** The modules the core registers, in order. A new feature adds its manifest here and nowhere else. */
import { authModule } from './auth/index.ts';
import { orgModule } from './org/index.ts';
import { ledgerModule } from './ledger/index.ts';
import { deadlinesModule } from './deadlines/index.ts';
import { workbenchModule } from './workbench/index.ts';
import { preferencesModule } from './preferences/index.ts';
import { intelModule } from './intel/index.ts';
import { importsModule } from './imports/index.ts';
import { auditModule } from './audit/index.ts';
import { searchModule } from './search/index.ts';
import { timelineModule } from './timeline/index.ts';
import { activitiesModule } from './activities/index.ts';
import { paperworkModule } from './paperwork/index.ts';
import type { ModuleManifest } from './types.ts';

/** Every module. */
export const MODULES: readonly ModuleManifest[] = [
  authModule, orgModule, timelineModule, searchModule, ledgerModule, deadlinesModule, workbenchModule, preferencesModule, intelModule, importsModule, auditModule, activitiesModule, paperworkModule,
];
