/** Circular functions and their inverses. */
import { add, div, mul, neg, pow, sub } from '../algebra';
import { call } from '../functions';
import type { RuleTable } from './types';

export const trigonometricRules: RuleTable = {
  // d sin u = cos u du
  sin: (b, [u], [du]) => mul(b, [call(b, 'cos', [u]), du]),
  // d cos u = −sin u du
  cos: (b, [u], [du]) => neg(b, mul(b, [call(b, 'sin', [u]), du])),
  // d tan u = du / cos² u  (sec² u)
  tan: (b, [u], [du]) => mul(b, [pow(b, call(b, 'cos', [u]), b.num(-2)), du]),
  // d asin u = du / √(1 − u²)
  asin: (b, [u], [du]) => mul(b, [pow(b, sub(b, b.one, pow(b, u, b.num(2))), b.num(-0.5)), du]),
  // d acos u = −du / √(1 − u²)
  acos: (b, [u], [du]) =>
    neg(b, mul(b, [pow(b, sub(b, b.one, pow(b, u, b.num(2))), b.num(-0.5)), du])),
  // d atan u = du / (1 + u²)
  atan: (b, [u], [du]) => div(b, du, add(b, [b.one, pow(b, u, b.num(2))])),
  // d atan2(y, x) = (x dy − y dx) / (x² + y²)
  atan2: (b, [y, x], [dy, dx]) =>
    div(
      b,
      sub(b, mul(b, [x, dy]), mul(b, [y, dx])),
      add(b, [pow(b, x, b.num(2)), pow(b, y, b.num(2))]),
    ),
};
