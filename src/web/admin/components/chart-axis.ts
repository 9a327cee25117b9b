/** Axes for charts of counts: whole numbers only, and a top that sits just above the largest bar. */

/** The value axis for counts up to `max`: 0 to the first round number at or above it, in at most six whole steps. */
export function countAxis(max: number): { type: 'value'; min: 0; max: number; interval: number; minInterval: 1 } {
  const top = Math.max(1, Math.ceil(max));
  let interval = top;
  // Steps 1, 2, 2.5, 3, 4, 5 times a power of ten, whole numbers only: the smallest that needs at most six of them.
  search: for (let p = 1; ; p *= 10) {
    for (const m of [1, 2, 2.5, 3, 4, 5]) {
      const step = m * p;
      if (!Number.isInteger(step)) continue;
      if (Math.ceil(top / step) <= 6) { interval = step; break search; }
    }
  }
  return { type: 'value', min: 0, max: Math.ceil(top / interval) * interval, interval, minInterval: 1 };
}
