/**
 * Parsing and validation of the "Set Sample Point" input, and the
 * workspaceState key it is stored under. Pure (unit-tested).
 */

/** Result of parsing user input: points, or a message saying what is wrong. */
export type PointsInput = { ok: true; points: number[][] } | { ok: false; message: string };

/**
 * Parses `1, 2.5` (one point) or `1, 2; 0, -1` (several, `;`-separated).
 * Brackets are tolerated (`[1, 2]`); each point must have `dimension` finite numbers.
 * An empty string means "use the automatic points" (`points: []`).
 */
export function parsePointsInput(input: string, dimension: number): PointsInput {
  const text = input.trim();
  if (text === '') return { ok: true, points: [] };
  const groups = text.replace(/\]\s*,\s*\[/g, ';').split(';');
  const points: number[][] = [];
  for (const [i, group] of groups.entries()) {
    const inner = group.replace(/[[\]()]/g, '').trim();
    if (inner === '') return { ok: false, message: `Point ${i + 1} is empty.` };
    const parts = inner.split(/[\s,]+/).filter((s) => s !== '');
    const values = parts.map(Number);
    const bad = parts.findIndex((s, k) => s === '' || !Number.isFinite(values[k]));
    if (bad >= 0) {
      return { ok: false, message: `"${parts[bad]}" in point ${i + 1} is not a finite number.` };
    }
    if (values.length !== dimension) {
      const want = dimension === 1 ? '1 value' : `${dimension} values`;
      return {
        ok: false,
        message: `Point ${i + 1} has ${values.length} value(s); the function needs ${want}.`,
      };
    }
    points.push(values);
  }
  return { ok: true, points };
}

/** Formats points back into the input syntax (to prefill the input box). */
export function formatPoints(points: readonly (readonly number[])[]): string {
  return points.map((p) => p.join(', ')).join('; ');
}

/** The workspaceState key for a function's sample points. */
export function samplePointKey(uri: string, functionName: string): string {
  return `gradientNormLens.samplePoints:${uri}#${functionName}`;
}

/** Keeps only points of the right dimension (settings apply to every function). */
export function pointsForDimension(points: readonly number[][], dimension: number): number[][] {
  return points.filter((p) => p.length === dimension);
}
