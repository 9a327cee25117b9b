/**
 * Who may do what with activities (issue 16): cadres, leaders and clerks record activities at places in their subtree
 * and the issues heard there; everyone sees the activities of their subtree (SQL, `activities.repo.ts`). The case
 * library is the tenant's: every staff member reads it, the same roles add cases (at a place in their subtree, or none).
 */
import { covers, type Actor } from '../../actor.ts';
import { ACTIVITY_ROLES } from '../../../shared/enums.ts';

/** Whether the actor may record activities (and their issues, cases) at a unit with this path. */
export function canRecordAt(actor: Actor, unitPath: string): boolean {
  return actor.bindings.some((b) => ACTIVITY_ROLES.includes(b.role) && covers(b, unitPath));
}

/** Whether the actor records activities anywhere. */
export function recordsActivities(actor: Actor): boolean {
  return actor.bindings.some((b) => ACTIVITY_ROLES.includes(b.role));
}

/**
 * Whether the actor may see the personal data an activity recorded unmasked — a listener's phone, the person met on a
 * visit: clerks, leaders and cadres whose subtree holds the activity's place (each reveal is audited).
 */
export function canRevealPersonal(actor: Actor, unitPath: string): boolean {
  return actor.bindings.some((b) => (b.role === 'clerk' || b.role === 'leader' || b.role === 'cadre') && covers(b, unitPath));
}
