/** Numeric checks: statuses a user reads in the table, and that they can fail. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PointChecker } from '../../../src/core/checks';
import { derived } from './engine/helpers';

describe('numeric checks', () => {
  it('agree with finite differences at smooth points', () => {
    const d = derived('x^2 * sin(y) + exp(x * y)', ['x', 'y']);
    const c = new PointChecker(d.g, 1e-6).check([1, 2]);
    assert.equal(c.status, 'ok');
    assert.ok(c.error !== null && c.error < 1e-8, `error ${c.error}`);
    assert.deepEqual(
      c.result.map((v) => Number(v!.toFixed(6))),
      [52.709694, 27.814633],
    );
  });

  it('call a floating-point zero a zero: x² sin y at (1, π/2) is nonsmooth', () => {
    const d = derived('x^2 * sin(y)', ['x', 'y']);
    const c = new PointChecker(d.g, 1e-6).check([1, Math.PI / 2]);
    assert.equal(c.status, 'nonsmooth');
    assert.ok(c.result.every((v) => v !== null && Number.isFinite(v)));
  });

  it('take sign(0) = 0 where the gradient vanishes: Rosenbrock at its minimum gives 0', () => {
    const d = derived('100*(y - x^2)^2 + (1 - x)^2 + 100*(z - y^2)^2 + (1 - y)^2', ['x', 'y', 'z']);
    const c = new PointChecker(d.g, 1e-6).check([1, 1, 1]);
    assert.deepEqual(c.gradient, [0, 0, 0]);
    assert.deepEqual(c.result, [0, 0, 0], 'H·sign(0) = 0, not H·sign(rounding error)');
    assert.equal(c.status, 'nonsmooth');
  });

  it('flag a kink within a step of the point', () => {
    const d = derived('abs(x - 1) + y^2', ['x', 'y']);
    assert.equal(new PointChecker(d.g, 1e-6).check([1 + 1e-5, 0.5]).status, 'nonsmooth');
    assert.equal(new PointChecker(d.g, 1e-6).check([1.5, 0.5]).status, 'ok');
  });

  it('report mismatch when the symbolic values are wrong', () => {
    const right = derived('x^3 * y', ['x', 'y']);
    const wrong = derived('x^2 * y', ['x', 'y']);
    // The gradient and Hessian of x²y passed off as those of x³y.
    const forged = {
      ...right.g,
      gradient: wrong.g.gradient,
      hessian: wrong.g.hessian,
      result: wrong.g.result,
    };
    const c = new PointChecker(forged, 1e-6).check([1.3, 0.7]);
    assert.equal(c.status, 'mismatch');
    assert.ok(c.error !== null && c.error > 0.1);
  });

  it('mark points outside the domain as undefined, with nulls and no NaN', () => {
    const d = derived('log(x) + y', ['x', 'y']);
    const c = new PointChecker(d.g, 1e-6).check([-1, 0]);
    assert.equal(c.status, 'undefined');
    assert.equal(c.value, null);
    assert.ok(!JSON.stringify(c).includes('NaN'));
  });

  it('choose sample points inside the domain and away from kinks', () => {
    const d = derived('log(x) + sqrt(y) + abs(x - y)', ['x', 'y']);
    const chosen = new PointChecker(d.g, 1e-6).choose(2);
    assert.equal(chosen.length, 2);
    for (const c of chosen) assert.equal(c.status, 'ok', `at ${c.point}`);
  });
});

describe('numeric checks at extreme scales (no false mismatch)', () => {
  for (const [formula, point] of [
    ['1e-8 * x^3 + y^3', [3, 3]],
    ['exp(20 * x) + y^2', [1.3, 0.7]],
    ['min(x, (x - x^7)^2) + y', [2.339, -0.928]],
  ] as const) {
    it(`${formula} at (${point})`, () => {
      const d = derived(formula, ['x', 'y']);
      const c = new PointChecker(d.g, 1e-6).check([...point]);
      assert.equal(
        c.status,
        'ok',
        `error ${c.error}, result ${c.result}, fd ${c.finiteDifference}`,
      );
    });
  }
});
