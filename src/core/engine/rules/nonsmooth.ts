/**
 * Functions with kinks. Away from the kink each rule is the classical
 * derivative; at the kink the formula takes sign(0) = 0, which gives one
 * element of the (Clarke) subdifferential, never NaN and never a Dirac term:
 *
 * - d|u| = sign(u) du (no u/|u| form, which is NaN at 0);
 * - d sign(u) = 0 (the jump at 0 is a kink of the result, reported in the
 *   nonsmooth set, not a delta);
 * - max(a, b) = (a + b + |a − b|)/2, so d max = (da + db + sign(a − b)(da − db))/2,
 *   and min likewise with − before the sign.
 */
import { add, mul, sub } from '../algebra';
import { call } from '../functions';
import type { RuleTable } from './types';

export const nonsmoothRules: RuleTable = {
  abs: (b, [u], [du]) => mul(b, [call(b, 'sign', [u]), du]),
  sign: (b) => b.zero,
  max: (b, [x, y], [dx, dy]) =>
    mul(b, [b.half, add(b, [dx, dy, mul(b, [call(b, 'sign', [sub(b, x, y)]), sub(b, dx, dy)])])]),
  min: (b, [x, y], [dx, dy]) =>
    mul(b, [
      b.half,
      sub(b, add(b, [dx, dy]), mul(b, [call(b, 'sign', [sub(b, x, y)]), sub(b, dx, dy)])),
    ]),
};
