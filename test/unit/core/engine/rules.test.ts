/**
 * Derivative rules by family, each checked numerically against mathjs's
 * derivative (an independent implementation) at points away from kinks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALL_RULES } from '../../../../src/core/engine/rules';
import { agreesWithMathjs, centralDifference, close, derived } from './helpers';

const families: Record<string, string[]> = {
  arithmetic: ['x^3 * y - 2 * x / y', '(x + y)^4', 'x^y', '2^x * y', 'x / (1 + x^2 * y^2)'],
  elementary: [
    'exp(x * y)',
    'log(x^2 + y^2 + 1)',
    'sqrt(x^2 + y^2)',
    'log10(x) * log(y) / log(2)',
    'exp(-(x^2 + y^2) / 2)',
    'cbrt(x^2 + y^2 + 1)',
  ],
  trigonometric: [
    'sin(x) * cos(y)',
    'tan(x * y)',
    'atan(x / y)',
    'asin(x / 3) + acos(y / 3)',
    'sin(x)^2 + cos(x * y)^2',
  ],
  hyperbolic: ['tanh(x * y)', 'sinh(x) + cosh(y)', 'log(cosh(x - y))'],
};

const points = [
  [0.7, 1.3],
  [-0.4, 0.9],
  [1.6, -0.8],
];

describe('derivative rules agree with mathjs', () => {
  for (const [family, formulas] of Object.entries(families)) {
    describe(family, () => {
      for (const formula of formulas) {
        it(formula, () => {
          for (const p of points) {
            const usable =
              formula.includes('log10') || formula.includes('x^y') ? p.map(Math.abs) : p;
            assert.equal(agreesWithMathjs(formula, ['x', 'y'], usable), undefined, `at ${usable}`);
          }
        });
      }
    });
  }
});

describe('functions mathjs cannot differentiate, checked by finite differences', () => {
  for (const formula of ['atan2(y, x)', 'log2(x * y)', 'hypot(x, y, 1)', 'cbrt(x - 3 * y)']) {
    it(formula, () => {
      const d = derived(formula, ['x', 'y']);
      const f = (p: number[]) => d.evalAt(d.g.f, p);
      for (const p of [
        [0.7, 1.3],
        [1.2, 0.7],
      ]) {
        for (let j = 0; j < 2; j++) {
          const fd = centralDifference(f, p, j);
          assert.ok(close(d.evalAt(d.g.gradient[j], p), fd, 1e-7), `${formula} ∂${j} at ${p}`);
        }
      }
    });
  }
});

describe('nonsmooth functions (mathjs has no rule for sign or max: checked by hand)', () => {
  it('d|u| = sign(u) du, with no u/|u| form', () => {
    const d = derived('abs(x * y)', ['x', 'y']);
    assert.equal(d.print(d.g.gradient[0]), 'y * sign(x * y)');
    assert.equal(d.evalAt(d.g.gradient[0], [0, 2]), 0);
  });

  it('d sign(u) = 0: no Dirac term', () => {
    const d = derived('sign(x) * y', ['x', 'y']);
    assert.equal(d.print(d.g.gradient[0]), '0');
    assert.equal(d.print(d.g.gradient[1]), 'sign(x)');
  });

  it('max and min are piecewise: the derivative follows the larger/smaller argument', () => {
    const d = derived('max(x, y^2) + min(x, 0)', ['x', 'y']);
    assert.deepEqual(
      [d.evalAt(d.g.gradient[0], [2, 1]), d.evalAt(d.g.gradient[1], [2, 1])],
      [1, 0],
    );
    assert.deepEqual(
      [d.evalAt(d.g.gradient[0], [0.5, 1]), d.evalAt(d.g.gradient[1], [0.5, 1])],
      [0, 2],
    );
    assert.deepEqual(
      [d.evalAt(d.g.gradient[0], [-1, 0.5]), d.evalAt(d.g.gradient[1], [-1, 0.5])],
      [1, 1],
    );
  });

  it('at a kink the value is finite (sign(0) = 0), never NaN', () => {
    const d = derived('abs(x) + max(x, 0)^2', ['x']);
    assert.equal(d.evalAt(d.g.gradient[0], [0]), 0);
    assert.equal(d.evalAt(d.g.hessian[0][0], [0]), 0.5);
  });
});

describe('rule table', () => {
  it('has a rule for every function the engine keeps as a call', () => {
    const names = [
      'sin',
      'cos',
      'tan',
      'asin',
      'acos',
      'atan',
      'atan2',
      'sinh',
      'cosh',
      'tanh',
      'exp',
      'log',
      'cbrt',
      'abs',
      'sign',
      'max',
      'min',
    ] as const;
    for (const n of names) assert.equal(typeof CALL_RULES[n], 'function', n);
  });
});
