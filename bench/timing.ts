/**
 * Timing helpers shared by our side and the peers: medians of repeated
 * runs with `performance.now()`, the number of runs bounded by a count and
 * a time budget so that slow cases still finish.
 */

/** The median of a non-empty list (the mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Result of `repeatTimed`: the median and how many runs it is over. */
export interface Timed {
  median: number;
  runs: number;
  /** Every run, in order, in milliseconds. */
  all: number[];
}

/**
 * Runs `fn` until `maxRuns` runs or until `budgetMs` has been spent (at
 * least once). With three runs or more the first is dropped as a warm-up.
 */
export function repeatTimed(fn: () => unknown, maxRuns: number, budgetMs: number): Timed {
  const all: number[] = [];
  const start = performance.now();
  do {
    const t0 = performance.now();
    fn();
    all.push(performance.now() - t0);
  } while (all.length < maxRuns && performance.now() - start < budgetMs);
  const counted = all.length >= 3 ? all.slice(1) : all;
  return { median: median(counted), runs: counted.length, all };
}

/** Rounds to `digits` decimals, keeping null. */
export function round(v: number | null, digits = 2): number | null {
  if (v === null) return null;
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}
