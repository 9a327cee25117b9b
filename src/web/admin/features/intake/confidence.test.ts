import { describe, expect, it } from 'vitest';
import { confidencePct } from './confidence.ts';

describe('confidencePct', () => {
  it('rounds to a whole percentage and never says 100 %', () => {
    expect(confidencePct(0.364)).toBe(36);
    expect(confidencePct(0.995)).toBe(99);
    expect(confidencePct(1)).toBe(99);
    expect(confidencePct(0.004)).toBe(0);
    expect(confidencePct(-0.1)).toBe(0);
  });
});
