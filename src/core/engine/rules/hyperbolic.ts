/** Hyperbolic functions. */
import { mul, pow, sub } from '../algebra';
import { call } from '../functions';
import type { RuleTable } from './types';

export const hyperbolicRules: RuleTable = {
  // d sinh u = cosh u du
  sinh: (b, [u], [du]) => mul(b, [call(b, 'cosh', [u]), du]),
  // d cosh u = sinh u du
  cosh: (b, [u], [du]) => mul(b, [call(b, 'sinh', [u]), du]),
  // d tanh u = (1 − tanh² u) du
  tanh: (b, [u], [du]) => mul(b, [sub(b, b.one, pow(b, call(b, 'tanh', [u]), b.num(2))), du]),
};
