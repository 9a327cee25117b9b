/** The preferences module's public face: its manifest (per-user saved filters). */
export { preferencesModule } from './preferences.routes.ts';
