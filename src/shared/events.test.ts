import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, OTHER_EVENT_TYPES, type EventType } from './events.ts';
import { ISSUE_ACTIONS } from './lifecycle.ts';

describe('event types', () => {
  it('are each action and the other events, once each', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    expect(EVENT_TYPES).toEqual(expect.arrayContaining([...ISSUE_ACTIONS, ...OTHER_EVENT_TYPES]));
    expect(EVENT_TYPES).toHaveLength(ISSUE_ACTIONS.length + OTHER_EVENT_TYPES.length);
  });

  it('refuse a bare string when type-checked', () => {
    // @ts-expect-error: not an event type (`npm run typecheck` fails if this ever becomes one).
    const unknown: EventType = 'comment';
    expect(EVENT_TYPES).not.toContain(unknown);
  });
});
