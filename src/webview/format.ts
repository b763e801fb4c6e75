/**
 * Number and text formatting for the webview. Pure (unit-tested, no DOM).
 */

/** What a '—' in the checks table means (its tooltip). */
export const UNDEFINED_TITLE = 'undefined here: f or its derivatives have no value at this point';

/**
 * A number for the table: at most 6 significant digits, trailing zeros
 * dropped, exponent form below 1e-4 and from 1e6 (`1.5e-9`, `2.34568e7`),
 * a typographic minus sign, and '—' where there is no value (never "NaN").
 */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0'; // also −0
  const rounded = Number(x.toPrecision(6));
  const abs = Math.abs(rounded); // 999999.7 rounds to 1e6: exponent form, like 1e6 itself
  const s = abs >= 1e-4 && abs < 1e6 ? String(rounded) : exponent(x);
  return s.replace(/^-/, '−');
}

/** `x` in exponent form with up to 6 significant digits and no trailing zeros. */
function exponent(x: number): string {
  const [mantissa, exp] = x.toExponential(5).split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return `${m}e${exp.replace(/^\+/, '')}`;
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

/**
 * A relative error as a short string, 2 significant digits: `0.25`, `3.2e-9`,
 * `1e-12`; '—' where there is none.
 */
export function formatError(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e4) return String(Number(x.toPrecision(2)));
  return x.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
}

/**
 * A remark of a derivation step as plain text. Remarks are prose, but a
 * function name may reach them in its LaTeX spelling (`\mathrm{my\_fn}`);
 * this turns such leftovers back into text so no backslash is ever shown.
 */
export function plainText(s: string): string {
  let out = s;
  // \mathrm{...}, \operatorname{...}, \text{...} (no nested braces in names).
  out = out.replace(/\\(?:mathrm|operatorname|text|mathit|mathbf)\{([^{}]*)\}/g, '$1');
  out = out.replace(/\\([_{}#$%&^~])/g, '$1');
  return out;
}
