/** Who may manage the org tree and users: an admin whose binding covers the unit concerned. */
import type { Actor } from '../../actor.ts';
import { covers } from '../../actor.ts';

/** Whether the actor administers the unit with this path. */
export function canAdminister(actor: Actor, unitPath: string): boolean {
  return actor.bindings.some((b) => b.role === 'admin' && covers(b, unitPath));
}

/** Whether the actor is an administrator anywhere. */
export function isAdmin(actor: Actor): boolean {
  return actor.bindings.some((b) => b.role === 'admin');
}
