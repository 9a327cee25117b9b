/** The preferences module's public face: its manifest and what other modules may call. */
export { preferencesModule } from './preferences.routes.ts';
