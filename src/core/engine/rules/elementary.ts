/** Exponential, logarithm and cube root. */
import { div, mul, pow } from '../algebra';
import { call } from '../functions';
import type { RuleTable } from './types';

export const elementaryRules: RuleTable = {
  // d eᵘ = eᵘ du
  exp: (b, [u], [du]) => mul(b, [call(b, 'exp', [u]), du]),
  // d ln u = du / u
  log: (b, [u], [du]) => div(b, du, u),
  // d ∛u = du / (3 ∛u²)
  cbrt: (b, [u], [du]) => mul(b, [b.num(1 / 3), pow(b, call(b, 'cbrt', [u]), b.num(-2)), du]),
};
