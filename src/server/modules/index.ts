/** The modules the core registers, in order. A new feature adds its manifest here and nowhere else. */
import { authModule } from './auth/auth.routes.ts';
import { orgModule } from './org/org.routes.ts';
import { ledgerModule } from './ledger/ledger.routes.ts';
import { deadlinesModule } from './deadlines/deadlines.routes.ts';
import { workbenchModule } from './workbench/workbench.routes.ts';
import { preferencesModule } from './preferences/preferences.routes.ts';
import { intelModule } from './intel/intel.routes.ts';
import { importsModule } from './imports/imports.routes.ts';
import { auditModule } from './audit/audit.routes.ts';
import type { ModuleManifest } from './types.ts';

/** Every module. */
export const MODULES: readonly ModuleManifest[] = [authModule, orgModule, ledgerModule, deadlinesModule, workbenchModule, preferencesModule, intelModule, importsModule, auditModule];
