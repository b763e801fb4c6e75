// Small models as TypeScript functions. CodeLens above each one opens its derivation.

export function gaussian(p: number[]): number {
  const r2 = p[0] * p[0] + p[1] * p[1];
  return Math.exp(-r2 / 2) / (2 * Math.PI);
}

export const softplusPair = (x: number, y: number): number =>
  Math.log(1 + Math.exp(x)) + Math.log(1 + Math.exp(-y)) + x * y;

export function potential(p: number[]): number {
  const r2 = p[0] ** 2 + p[1] ** 2;
  return Math.log(1 + r2) + Math.atan2(p[1], p[0]);
}
