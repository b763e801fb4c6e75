/**
 * Number formatting for the checks table. Pure (unit-tested, no DOM).
 */

/** A number for the table: 6 significant digits, '—' where undefined. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  const s = abs >= 1e-4 && abs < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(4);
  return s.replace(/^-/, '−');
}

/** A vector as `(a, b, c)`, abbreviated past `max` entries. */
export function formatVector(v: readonly (number | null)[], max = 6): string {
  const parts = v.slice(0, max).map(formatNumber);
  if (v.length > max) parts.push(`… (${v.length} entries)`);
  return `(${parts.join(', ')})`;
}

/** The full vector (for a tooltip). */
export function formatVectorFull(v: readonly (number | null)[]): string {
  return `(${v.map(formatNumber).join(', ')})`;
}

/** A relative error as a short string (`3.2e-9`). */
export function formatError(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return x === 0 ? '0' : x.toExponential(1);
}
