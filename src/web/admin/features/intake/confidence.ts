/** How the intake screen states a suggestion's calibrated confidence. */

/**
 * The percentage shown for a suggestion's confidence (0–1, calibrated: the probability it is right), rounded, and at
 * most 99 %: a calibrated probability is never a certainty (the fit's targets stop short of 1), and "100 %" would
 * tell the clerk not to look.
 */
export function confidencePct(x: number): number {
  return Math.min(99, Math.round(Math.max(0, Math.min(1, x)) * 100));
}
