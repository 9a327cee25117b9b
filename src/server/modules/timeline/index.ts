/**
 * The timeline module's public face: the history of any subject (an issue today). Modules append events here and
 * read them back; a module that knows more of a subject's past (an import's facts) contributes entries through its
 * manifest (`timelineSources`), which the ledger merges into what it shows.
 */
import type { ModuleManifest } from '../types.ts';

export { appendEvent, appendEvents, eventsOf, lastEventOfType, type NewEvent, type TimelineEntry } from './timeline.repo.ts';

/** No routes of its own: a subject's owner serves its timeline (GET /issues/{id}/events). */
export const timelineModule: ModuleManifest = { name: 'timeline' };
