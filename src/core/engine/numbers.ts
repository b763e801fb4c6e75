/** Recognising simple fractions among floating-point coefficients, for display. */

/** [p, q] with q ≤ 1000 when v is p/q to double precision, else undefined. */
export function asFraction(v: number): [number, number] | undefined {
  if (Number.isInteger(v)) return [v, 1];
  // From q = 1: a float that missed an integer (90.00000000000001) is that integer, not 180/2.
  for (let q = 1; q <= 1000; q++) {
    const p = Math.round(v * q);
    if (Math.abs(p / q - v) <= 1e-15 * Math.max(1, Math.abs(v)) && Math.abs(p) < 1e9) {
      return [p, q];
    }
  }
  return undefined;
}
