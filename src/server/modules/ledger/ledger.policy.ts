/** Who may do what to an issue: small predicates over the lifecycle table and the actor's bindings. */
import { ISSUE_ACTIONS, rulesFor, type ConditionFacts, type IssueAction, type IssueStatus, type TransitionRule } from '../../../shared/lifecycle.ts';
import type { Role } from '../../../shared/enums.ts';
import { type Actor, covers } from '../../actor.ts';

/** What the policy needs to know about an issue. */
export interface PolicyIssue {
  status: string;
  kind: string;
  locPath: string;
  respPath: string | null;
  resolved: number | null;
  reviewRound: number;
  extensionUsed: number;
}

/** The condition facts of an issue. */
export function factsOf(i: PolicyIssue): ConditionFacts {
  return { resolved: i.resolved === null ? null : i.resolved === 1, reviewRound: i.reviewRound, extensionUsed: i.extensionUsed === 1 };
}

/** Whether the actor holds one of the roles with the reach a rule requires. */
export function actorMeetsRule(actor: Actor, rule: TransitionRule, issue: PolicyIssue): boolean {
  return actor.bindings.some((b) => rule.roles.includes(b.role) && (
    rule.reach === 'responsible' ? covers(b, issue.respPath) : covers(b, issue.locPath) || covers(b, issue.respPath)));
}

/** The rule an actor may apply now, or why not: `state` (no such move from here) or `role`. */
export function resolveAction(actor: Actor, action: IssueAction, issue: PolicyIssue): { rule: TransitionRule } | { refused: 'state' | 'role' } {
  const rules = rulesFor(action, issue.status as IssueStatus, factsOf(issue));
  if (rules.length === 0) return { refused: 'state' };
  const rule = rules.find((r) => actorMeetsRule(actor, r, issue));
  return rule ? { rule } : { refused: 'role' };
}

/** Every action the actor may take on the issue now (returned with the issue so the UI never restates rules). */
export function allowedActions(actor: Actor, issue: PolicyIssue): IssueAction[] {
  return ISSUE_ACTIONS.filter((a) => 'rule' in resolveAction(actor, a, issue));
}

/**
 * Whether the actor may reveal the petitioner's personal data. 检举控告 material is shown only to the
 * petition office and leaders (《信访工作条例》第30条); handlers see other petitioners when the issue is theirs.
 */
export function canRevealPetitioner(actor: Actor, issue: PolicyIssue): boolean {
  const officeRoles: Role[] = ['clerk', 'leader'];
  return actor.bindings.some((b) => {
    if (officeRoles.includes(b.role)) return covers(b, issue.locPath) || covers(b, issue.respPath);
    if (b.role === 'handler' && issue.kind !== 'accusation') return covers(b, issue.respPath);
    return false;
  });
}
