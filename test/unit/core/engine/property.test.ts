/**
 * Property-based tests: random expressions built from every supported
 * function. Their gradient, Hessian and result must match mathjs's
 * derivative (where mathjs has rules) and finite differences (always).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PointChecker } from '../../../../src/core/checks';
import { signVariable } from '../../../../src/core/engine/gradnorm';
import { agreesWithMathjs, close, derived } from './helpers';

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

const coarsePoint = fc.array(
  fc.integer({ min: -2000, max: 2000 }).map((v) => v / 1000),
  { minLength: 3, maxLength: 3 },
);

describe('the result written with sign symbols (H_f·s)', () => {
  it('equals the result written out, with s_i = sign(∂f/∂x_i)', () => {
    fc.assert(
      // Coordinates in steps of 0.001: one that underflows (5e-324) makes f_i round to 0
      // while sign(f_i) is ±1, which is rounding, not the formula.
      fc.property(formulas(true), coarsePoint, (formula, p) => {
        const { g, evalAt } = derived(formula, VARS);
        const grad = g.gradient.map((e) => evalAt(e, p));
        // Where a component is ~0 but not 0, its sign depends on rounding: not a fair comparison.
        fc.pre(grad.every((v) => Number.isFinite(v) && (v === 0 || Math.abs(v) > 1e-9)));
        const s = grad.map(Math.sign);
        const withSigns = [...p];
        s.forEach((v, i) => (withSigns[signVariable(VARS.length, i)] = v));
        g.result.forEach((e, j) => {
          const full = evalAt(e, p);
          const bySign = evalAt(g.resultBySign[j], withSigns);
          fc.pre(Number.isFinite(full));
          assert.ok(
            close(bySign, full, 1e-9),
            `${formula} at ${p}, entry ${j}: ${bySign} vs ${full}`,
          );
        });
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });

  it('is shorter than the result written out when the gradient is long', () => {
    const { g } = derived('(x^2 + y - 11)^2 + (x + y^2 - 7)^2', ['x', 'y']);
    g.result.forEach((e, j) => assert.ok(g.resultBySign[j].size < e.size / 2));
  });
});
