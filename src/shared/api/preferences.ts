/** TypeBox schemas of a user's preferences: saved ledger filters; their types for the web. */
import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.ts';

/** Body of POST /saved-filters. `query` is the ledger's URL query string (`status=assigned&overdue=true`). */
export const SavedFilterBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: LIMITS.savedFilterNameMax, pattern: '\\S' }),
  // Printable text only: no control characters, no fragment; a leading `?` is dropped.
  query: Type.String({ maxLength: LIMITS.savedFilterQueryMax, pattern: '^[^\\u0000-\\u001f\\u007f#]*$' }),
}, { additionalProperties: false });

/** A saved filter as the API shows it. */
export const SavedFilterOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  query: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** A saved filter: a name and the ledger's query text. */
export type SavedFilter = Static<typeof SavedFilterOut>;
