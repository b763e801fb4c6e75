/**
 * Property-based tests: random expressions built from every supported
 * function. Their gradient, Hessian and result must match mathjs's
 * derivative (where mathjs has rules) and finite differences (always).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PointChecker } from '../../../../src/core/checks';
import { agreesWithMathjs, derived } from './helpers';

const VARS = ['x', 'y', 'z'];

/** Formulas defined on all of R³ (domains guarded: log(1 + u²), u / (1 + u²), ...). */
function formulas(withKinks: boolean): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    fc.constantFrom(...VARS),
    fc.integer({ min: -3, max: 3 }).map(String),
    fc.constantFrom('0.5', 'pi'),
  );
  const { tree } = fc.letrec<{ tree: string }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc
        .tuple(tie('tree'), fc.constantFrom('+', '-', '*'), tie('tree'))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => `(${a}) / (1 + (${b})^2)`),
      fc.tuple(tie('tree'), fc.constantFrom(2, 3)).map(([a, k]) => `(${a})^${k}`),
      fc
        .tuple(fc.constantFrom('sin', 'cos', 'tanh', 'atan', 'sinh'), tie('tree'))
        .map(([f, a]) => `${f}(${a})`),
      tie('tree').map((a) => `exp(tanh(${a}))`),
      tie('tree').map((a) => `cosh(tanh(${a}))`),
      tie('tree').map((a) => `log(1 + (${a})^2)`),
      tie('tree').map((a) => `sqrt(1 + (${a})^2)`),
      tie('tree').map((a) => `tan(tanh(${a}))`),
      ...(withKinks
        ? [
            tie('tree').map((a) => `abs(${a})`),
            fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => `max(${a}, ${b})`),
            fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => `min(${a}, ${b})`),
            fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => `atan2(1 + (${a})^2, ${b})`),
            fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => `hypot(${a}, ${b}, 1)`),
          ]
        : []),
    ),
  }));
  return tree;
}

const point = fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 });

describe('random smooth expressions', () => {
  it('gradient, Hessian and result agree with mathjs derivative', () => {
    fc.assert(
      fc.property(formulas(false), point, (formula, p) => {
        const message = agreesWithMathjs(formula, VARS, p, 1e-6);
        assert.equal(message, undefined, `${formula} at ${p}`);
      }),
      { numRuns: 150, seed: 20261203 },
    );
  });
});

describe('random expressions with kinks', () => {
  it('never show a mismatch against finite differences', () => {
    fc.assert(
      fc.property(formulas(true), point, (formula, p) => {
        const d = derived(formula, VARS);
        const check = new PointChecker(d.g, 1e-6).check(p);
        assert.notEqual(
          check.status,
          'mismatch',
          `${formula} at ${p}: error ${check.error}, result ${check.result}, fd ${check.finiteDifference}`,
        );
        if (check.status === 'ok') {
          assert.ok(check.result.every((v) => v !== null && Number.isFinite(v)));
        }
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });
});
