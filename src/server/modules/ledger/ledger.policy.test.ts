/**
 * Pure tests of the ledger policy: every transition allowed and refused per role, conditions, reach and
 * who may see the petitioner. No database, no HTTP.
 */
import { describe, expect, it } from 'vitest';
import {
  ISSUE_ACTIONS, ISSUE_STATUSES, TRANSITIONS,
  type IssueAction, type IssueStatus, type TransitionCondition, type TransitionRule,
} from '../../../shared/lifecycle.ts';
import { ROLES, type Role } from '../../../shared/enums.ts';
import type { Actor, Binding } from '../../actor.ts';
import { type PolicyIssue, allowedActions, canRevealPetitioner, resolveAction } from './ledger.policy.ts';

/** The county-level unit most actors are bound to. */
const SCOPE = '/1/3/';
/** The issue's location, inside SCOPE. */
const LOC = '/1/3/9/';
/** The issue's responsible unit, inside SCOPE; handlers are bound here. */
const RESP = '/1/3/20/';

function actor(...bindings: [Role, string][]): Actor {
  const list: Binding[] = bindings.map(([role, path], i) => ({ role, orgUnitId: i + 100, path }));
  return { userId: 7, tenantId: 1, username: 'u7', displayName: '测试用户', bindings: list, ip: null };
}

/** The standard actor of a role: handlers at the responsible unit, every other role at the county. */
function standardActor(role: Role): Actor {
  return actor([role, role === 'handler' ? RESP : SCOPE]);
}

function issue(status: IssueStatus | string, over: Partial<PolicyIssue> = {}): PolicyIssue {
  return {
    status, kind: 'complaint', locPath: LOC, respPath: RESP, resolved: null, reviewRound: 0, extensionUsed: 0, ...over,
  };
}

type Outcome = { rule: TransitionRule } | { refused: 'state' | 'role' };

/** Conditions, restated over the stored integers rather than reusing `conditionHolds`. */
function holds(when: TransitionCondition | undefined, i: PolicyIssue): boolean {
  if (when === undefined) return true;
  switch (when) {
    case 'resolved': return i.resolved === 1;
    case 'unresolved': return i.resolved === 0;
    case 'round0': return i.reviewRound === 0;
    case 'round1': return i.reviewRound === 1;
    case 'extensionAvailable': return i.extensionUsed === 0;
  }
}

/**
 * The outcome the table demands for a standard actor (whose single binding reaches the test issue for
 * both kinds of reach): the first row for action+status whose condition holds and that names the role.
 */
function expectedOutcome(role: Role, action: IssueAction, i: PolicyIssue): Outcome {
  const rows = TRANSITIONS.filter((r) => r.action === action && (r.from as readonly string[]).includes(i.status) && holds(r.when, i));
  if (rows.length === 0) return { refused: 'state' };
  const hit = rows.find((r) => r.roles.includes(role));
  return hit ? { rule: hit } : { refused: 'role' };
}

/** Every combination of the facts conditions read. */
const FACT_VARIANTS: Pick<PolicyIssue, 'resolved' | 'reviewRound' | 'extensionUsed'>[] = [];
for (const resolved of [null, 1, 0]) {
  for (const reviewRound of [0, 1, 2]) {
    for (const extensionUsed of [0, 1]) FACT_VARIANTS.push({ resolved, reviewRound, extensionUsed });
  }
}

/**
 * Hand-written allowed actions of the standard actors for a fresh issue (resolved unknown, review round 0,
 * extension unused). Statuses left out allow nothing, except where `otherwise` says so.
 */
const MAIN_PATH: Record<Role, { otherwise: IssueAction[]; byStatus: Partial<Record<IssueStatus, IssueAction[]>> }> = {
  admin: { otherwise: [], byStatus: {} },
  clerk: {
    otherwise: ['note'],
    byStatus: {
      registered: ['accept', 'decline', 'merge', 'note'],
      accepted: ['assign', 'merge', 'note'],
      returned: ['assign', 'note'],
      reopened: ['assign', 'note'],
      replied: ['callback', 'request_review', 'note'],
      callback: ['request_review', 'note'],
      closed: ['request_review', 'note'],
      closed_unresolved: ['request_review', 'note'],
      review: ['decide_review', 'note'],
      re_review: ['decide_re_review', 'note'],
    },
  },
  leader: {
    otherwise: ['supervise', 'note'],
    byStatus: {
      declined: ['note'],
      merged: ['note'],
      extension_requested: ['approve_extension', 'reject_extension', 'supervise', 'note'],
      callback: ['reopen', 'supervise', 'note'],
      closed: ['reopen', 'note'],
      closed_unresolved: ['reopen', 'note'],
      review: ['decide_review', 'supervise', 'note'],
      re_review: ['decide_re_review', 'supervise', 'note'],
    },
  },
  handler: {
    otherwise: ['note'],
    byStatus: {
      assigned: ['return', 'start', 'note'],
      in_progress: ['request_extension', 'reply', 'note'],
    },
  },
  cadre: { otherwise: ['note'], byStatus: {} },
  inspector: {
    otherwise: ['supervise'],
    byStatus: { declined: [], closed: [], closed_unresolved: [], merged: [] },
  },
};

function sorted(list: readonly IssueAction[]): IssueAction[] {
  return [...list].sort();
}

describe('resolveAction against the transition table', () => {
  const cases = ROLES.flatMap((role) => ISSUE_STATUSES.map((status) => [role, status] as const));

  it.each(cases)('as %s on a %s issue, matches the table for every action and every fact combination', (role, status) => {
    const a = standardActor(role);
    for (const facts of FACT_VARIANTS) {
      const i = issue(status, facts);
      for (const action of ISSUE_ACTIONS) {
        expect(resolveAction(a, action, i), `${action} with ${JSON.stringify(facts)}`).toEqual(expectedOutcome(role, action, i));
      }
    }
  });

  it('produces all three outcomes somewhere in the exhaustive grid (the oracle is not degenerate)', () => {
    const seen = new Set<string>();
    for (const role of ROLES) {
      for (const status of ISSUE_STATUSES) {
        for (const action of ISSUE_ACTIONS) {
          const r = resolveAction(standardActor(role), action, issue(status));
          seen.add('rule' in r ? 'rule' : r.refused);
        }
      }
    }
    expect([...seen].sort()).toEqual(['role', 'rule', 'state']);
  });

  it('refuses every action on an unknown status as a state error, even for the clerk', () => {
    for (const action of ISSUE_ACTIONS) expect(resolveAction(standardActor('clerk'), action, issue('archived'))).toEqual({ refused: 'state' });
  });
});

describe('allowedActions, hand-written per role (main path)', () => {
  const cases = ROLES.flatMap((role) => ISSUE_STATUSES.map((status) => [role, status] as const));

  it.each(cases)('as %s on a fresh %s issue', (role, status) => {
    const spec = MAIN_PATH[role];
    const expected = spec.byStatus[status] ?? spec.otherwise;
    expect(sorted(allowedActions(standardActor(role), issue(status)))).toEqual(sorted(expected));
  });

  it('lets the clerk accept a registered issue, moving it to accepted', () => {
    const r = resolveAction(standardActor('clerk'), 'accept', issue('registered'));
    expect('rule' in r && r.rule.to).toBe('accepted');
  });

  it('lets the handler start an assigned issue, moving it to in_progress', () => {
    const r = resolveAction(standardActor('handler'), 'start', issue('assigned'));
    expect('rule' in r && r.rule.to).toBe('in_progress');
  });

  it('lets the leader approve a requested extension, moving it back to in_progress', () => {
    const r = resolveAction(standardActor('leader'), 'approve_extension', issue('extension_requested'));
    expect('rule' in r && r.rule.to).toBe('in_progress');
  });

  it('refuses the clerk approving an extension as a role error, and the leader accepting as a role error', () => {
    expect(resolveAction(standardActor('clerk'), 'approve_extension', issue('extension_requested'))).toEqual({ refused: 'role' });
    expect(resolveAction(standardActor('leader'), 'accept', issue('registered'))).toEqual({ refused: 'role' });
  });

  it('refuses the handler starting an issue that is already in progress as a state error', () => {
    expect(resolveAction(standardActor('handler'), 'start', issue('in_progress'))).toEqual({ refused: 'state' });
  });

  it('lets the inspector supervise open issues only, keeping the state', () => {
    const open = resolveAction(standardActor('inspector'), 'supervise', issue('in_progress'));
    expect('rule' in open && open.rule.to).toBeNull();
    expect(resolveAction(standardActor('inspector'), 'supervise', issue('closed'))).toEqual({ refused: 'state' });
    expect(resolveAction(standardActor('inspector'), 'note', issue('in_progress'))).toEqual({ refused: 'role' });
  });

  it('lets the cadre only add notes, on any status', () => {
    for (const status of ISSUE_STATUSES) expect(allowedActions(standardActor('cadre'), issue(status))).toEqual(['note']);
  });

  it('lets the admin do nothing on any status', () => {
    for (const status of ISSUE_STATUSES) expect(allowedActions(standardActor('admin'), issue(status))).toEqual([]);
  });

  it('lists actions in the canonical ISSUE_ACTIONS order', () => {
    expect(allowedActions(standardActor('clerk'), issue('registered'))).toEqual(['accept', 'decline', 'merge', 'note']);
    expect(allowedActions(standardActor('leader'), issue('extension_requested')))
      .toEqual(['approve_extension', 'reject_extension', 'supervise', 'note']);
    expect(allowedActions(standardActor('handler'), issue('in_progress'))).toEqual(['request_extension', 'reply', 'note']);
  });

  it('reflects the facts: call-back result, review round and used extension', () => {
    expect(allowedActions(standardActor('clerk'), issue('callback', { resolved: 1 }))).toEqual(['close', 'request_review', 'note']);
    expect(allowedActions(standardActor('clerk'), issue('replied', { reviewRound: 1 })))
      .toEqual(['callback', 'request_re_review', 'note']);
    expect(allowedActions(standardActor('clerk'), issue('closed', { reviewRound: 2 }))).toEqual(['note']);
    expect(allowedActions(standardActor('handler'), issue('in_progress', { extensionUsed: 1 }))).toEqual(['reply', 'note']);
  });
});

describe('conditions', () => {
  const clerk = standardActor('clerk');
  const handler = standardActor('handler');

  it('closes a called-back issue as closed when the call-back found it resolved', () => {
    const r = resolveAction(clerk, 'close', issue('callback', { resolved: 1 }));
    expect('rule' in r && r.rule.to).toBe('closed');
  });

  it('closes a called-back issue as closed_unresolved when the call-back found it unresolved', () => {
    const r = resolveAction(clerk, 'close', issue('callback', { resolved: 0 }));
    expect('rule' in r && r.rule.to).toBe('closed_unresolved');
  });

  it('refuses to close while the call-back result is unknown', () => {
    expect(resolveAction(clerk, 'close', issue('callback', { resolved: null }))).toEqual({ refused: 'state' });
  });

  it('allows request_review only in round 0', () => {
    const r0 = resolveAction(clerk, 'request_review', issue('replied', { reviewRound: 0 }));
    expect('rule' in r0 && r0.rule.to).toBe('review');
    expect(resolveAction(clerk, 'request_review', issue('replied', { reviewRound: 1 }))).toEqual({ refused: 'state' });
    expect(resolveAction(clerk, 'request_review', issue('replied', { reviewRound: 2 }))).toEqual({ refused: 'state' });
  });

  it('allows request_re_review only in round 1', () => {
    expect(resolveAction(clerk, 'request_re_review', issue('closed', { reviewRound: 0 }))).toEqual({ refused: 'state' });
    const r1 = resolveAction(clerk, 'request_re_review', issue('closed', { reviewRound: 1 }));
    expect('rule' in r1 && r1.rule.to).toBe('re_review');
    expect(resolveAction(clerk, 'request_re_review', issue('closed', { reviewRound: 2 }))).toEqual({ refused: 'state' });
  });

  it('allows request_extension only while the one extension is unused', () => {
    const fresh = resolveAction(handler, 'request_extension', issue('in_progress', { extensionUsed: 0 }));
    expect('rule' in fresh && fresh.rule.to).toBe('extension_requested');
    expect(resolveAction(handler, 'request_extension', issue('in_progress', { extensionUsed: 1 }))).toEqual({ refused: 'state' });
  });
});

describe('reach', () => {
  it('refuses a handler bound to a sibling unit for responsible work, though the issue is in the same county', () => {
    const other = actor(['handler', '/1/3/21/']);
    expect(resolveAction(other, 'start', issue('assigned'))).toEqual({ refused: 'role' });
    expect(resolveAction(other, 'return', issue('assigned'))).toEqual({ refused: 'role' });
    expect(resolveAction(other, 'reply', issue('in_progress'))).toEqual({ refused: 'role' });
    expect(resolveAction(other, 'request_extension', issue('in_progress'))).toEqual({ refused: 'role' });
    expect(resolveAction(other, 'note', issue('in_progress'))).toEqual({ refused: 'role' });
    expect(allowedActions(other, issue('in_progress'))).toEqual([]);
  });

  it('refuses responsible work to a handler whose binding covers the location but not the responsible unit', () => {
    const atLocation = actor(['handler', LOC]);
    expect(resolveAction(atLocation, 'start', issue('assigned'))).toEqual({ refused: 'role' });
    expect(resolveAction(atLocation, 'reply', issue('in_progress'))).toEqual({ refused: 'role' });
    // Notes only need scope reach, which the location gives.
    expect(allowedActions(atLocation, issue('in_progress'))).toEqual(['note']);
  });

  it('does not treat a unit path as covering another whose id merely starts with the same digits', () => {
    expect(resolveAction(actor(['handler', '/1/3/2/']), 'start', issue('assigned'))).toEqual({ refused: 'role' });
  });

  it('lets a handler bound above the responsible unit do responsible work, but not one bound below it', () => {
    expect('rule' in resolveAction(actor(['handler', SCOPE]), 'start', issue('assigned'))).toBe(true);
    expect(resolveAction(actor(['handler', '/1/3/20/5/']), 'start', issue('assigned'))).toEqual({ refused: 'role' });
  });

  it('refuses responsible work when the issue has no responsible unit yet', () => {
    expect(resolveAction(standardActor('handler'), 'start', issue('assigned', { respPath: null }))).toEqual({ refused: 'role' });
  });

  it('refuses office roles bound to another township', () => {
    const elsewhere = '/1/4/';
    expect(resolveAction(actor(['clerk', elsewhere]), 'accept', issue('registered'))).toEqual({ refused: 'role' });
    expect(resolveAction(actor(['clerk', elsewhere]), 'note', issue('registered'))).toEqual({ refused: 'role' });
    expect(resolveAction(actor(['leader', elsewhere]), 'approve_extension', issue('extension_requested'))).toEqual({ refused: 'role' });
    expect(resolveAction(actor(['inspector', elsewhere]), 'supervise', issue('in_progress'))).toEqual({ refused: 'role' });
    expect(allowedActions(actor(['clerk', elsewhere]), issue('registered'))).toEqual([]);
  });

  it('gives scope reach through either the location or the responsible unit', () => {
    expect('rule' in resolveAction(actor(['clerk', LOC]), 'accept', issue('registered'))).toBe(true);
    expect('rule' in resolveAction(actor(['clerk', RESP]), 'accept', issue('registered'))).toBe(true);
  });

  it('requires role and reach to come from the same binding', () => {
    const mixed = actor(['clerk', SCOPE], ['handler', '/1/4/']);
    expect(resolveAction(mixed, 'start', issue('assigned'))).toEqual({ refused: 'role' });
    const both = actor(['cadre', SCOPE], ['handler', RESP]);
    const r = resolveAction(both, 'start', issue('assigned'));
    expect('rule' in r && r.rule.to).toBe('in_progress');
  });
});

describe('canRevealPetitioner', () => {
  const complaint = issue('in_progress', { kind: 'complaint' });
  const accusation = issue('in_progress', { kind: 'accusation' });

  it('reveals to the clerk and the leader in scope, for accusations too', () => {
    for (const role of ['clerk', 'leader'] as const) {
      expect(canRevealPetitioner(standardActor(role), complaint)).toBe(true);
      expect(canRevealPetitioner(standardActor(role), accusation)).toBe(true);
    }
  });

  it('does not reveal to the clerk or leader of another township', () => {
    expect(canRevealPetitioner(actor(['clerk', '/1/4/']), complaint)).toBe(false);
    expect(canRevealPetitioner(actor(['leader', '/1/4/']), complaint)).toBe(false);
  });

  it('reveals to the responsible handler, except for accusations', () => {
    expect(canRevealPetitioner(standardActor('handler'), complaint)).toBe(true);
    expect(canRevealPetitioner(standardActor('handler'), accusation)).toBe(false);
  });

  it('does not reveal to a handler who is not responsible', () => {
    expect(canRevealPetitioner(actor(['handler', '/1/3/21/']), complaint)).toBe(false);
    expect(canRevealPetitioner(actor(['handler', LOC]), complaint)).toBe(false);
  });

  it('never reveals to cadres, inspectors or admins, even at county level', () => {
    for (const role of ['cadre', 'inspector', 'admin'] as const) {
      expect(canRevealPetitioner(standardActor(role), complaint)).toBe(false);
      expect(canRevealPetitioner(standardActor(role), accusation)).toBe(false);
    }
  });
});
