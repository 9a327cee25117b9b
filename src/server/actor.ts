/** Who is acting: the logged-in user with the role bindings that give it its data scope (DESIGN §1). */
import type { Role } from '../shared/enums.ts';

/** One role held at one org unit; `path` is the unit's materialized path. */
export interface Binding {
  role: Role;
  orgUnitId: number;
  path: string;
}

/** The actor of a request or a command. */
export interface Actor {
  userId: number;
  tenantId: number;
  username: string;
  displayName: string;
  bindings: Binding[];
  ip: string | null;
}

/** Whether the actor holds a role anywhere. */
export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.bindings.some((b) => roles.includes(b.role));
}

/** Paths of the bindings, without those already inside another (fewer OR branches in scope queries). */
export function scopePaths(bindings: readonly Pick<Binding, 'path'>[]): string[] {
  const paths = [...new Set(bindings.map((b) => b.path))].sort((a, b) => a.length - b.length);
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

/** Whether a unit (by path) lies in the subtree of a binding. */
export function covers(binding: Pick<Binding, 'path'>, unitPath: string | null | undefined): boolean {
  return !!unitPath && unitPath.startsWith(binding.path);
}
