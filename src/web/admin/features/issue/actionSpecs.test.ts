/** Each action's form asks for exactly the fields the server requires, and only for fields the transition body takes. */
import { describe, expect, it } from 'vitest';
import { REQUIRED_FIELDS } from '../../../../shared/action-fields.ts';
import { TransitionBody } from '../../../../shared/api/issues.ts';
import { ISSUE_ACTIONS } from '../../../../shared/lifecycle.ts';
import { ACTION_SPECS, FIELD_IDS } from './actionSpecs.ts';

describe('action forms', () => {
  it.each(ISSUE_ACTIONS)('%s asks for exactly the required fields of the server', (action) => {
    const fields = ACTION_SPECS[action].fields;
    expect(fields.filter((f) => f.required).map((f) => f.name).sort()).toEqual([...(REQUIRED_FIELDS[action] ?? [])].sort());
    expect(new Set(fields.map((f) => f.name)).size).toBe(fields.length);
  });

  it('asks only for fields of the transition body', () => {
    const accepted = Object.keys(TransitionBody.properties).filter((k) => k !== 'action' && k !== 'version').sort();
    expect(Object.keys(FIELD_IDS).sort()).toEqual(accepted);
    for (const action of ISSUE_ACTIONS) for (const f of ACTION_SPECS[action].fields) expect(accepted).toContain(f.name);
  });
});
