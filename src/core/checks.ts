/**
 * Numeric checks of a derivation at sample points: the symbolic f, ∇f, H_f
 * and ∇‖∇f‖₁ against central finite differences (of f, of ∇f, and of
 * x ↦ ‖∇f(x)‖₁), with Richardson extrapolation and a step per point and
 * coordinate. A point is `nonsmooth` when a kink lies at it or within a
 * step: some kink expression is zero there (relative to the size of the
 * numbers that make it) or changes sign across the stencil, or one-sided
 * differences of the norm disagree by a jump that does not shrink with h.
 */
import type { Expr } from './engine/expr';
import { Tape } from './engine/evaluate';
import type { GradNorm } from './engine/gradnorm';
import type { PointCheck } from './result';

/** Relative size below which a computed value counts as zero. */
const ZERO = 1e-11;

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Checks one derivation at points; compiles its expressions once. */
export class PointChecker {
  private readonly full: Tape;
  private readonly light: Tape;

  /**
   * `tolerance` is relative. `written` is the value of f as the user wrote
   * it at a point: NaN where it is not defined (simplification may have
   * widened the domain of `g.f`), ±Infinity where it overflows.
   */
  constructor(
    private readonly g: GradNorm,
    private readonly tolerance: number,
    private readonly written: (x: readonly number[]) => number = () => 0,
  ) {
    this.full = new Tape([g.f, ...g.gradient, ...g.hessian.flat(), ...g.result, ...g.kinks]);
    this.light = new Tape([g.f, ...g.gradient, ...g.kinks]);
  }

  check(x: readonly number[]): PointCheck {
    return checkPoint(this.g, this.full, this.light, x, this.tolerance, this.written(x));
  }

  /**
   * Deterministic sample points away from kinks and inside the domain: a
   * fixed pseudo-random sequence, positive coordinates tried as well (for
   * logarithms and roots). Returns up to `count` checks that are not
   * nonsmooth or undefined.
   */
  choose(count: number): PointCheck[] {
    const d = this.g.gradient.length;
    const chosen: PointCheck[] = [];
    let state = 12345;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.round(((state / 2147483648) * 3 - 1.5) * 100) / 100;
    };
    for (let attempt = 0; attempt < 40 && chosen.length < count; attempt++) {
      const raw = Array.from({ length: d }, next);
      const point = attempt % 2 === 1 ? raw.map((v) => Math.abs(v) + 0.1) : raw;
      const check = this.check(point);
      if (check.status === 'ok' || check.status === 'mismatch') chosen.push(check);
    }
    return chosen;
  }
}

function checkPoint(
  g: GradNorm,
  full: Tape,
  light: Tape,
  x: readonly number[],
  tolerance: number,
  written: number,
): PointCheck {
  const d = g.gradient.length;
  full.run(x, true, ZERO);
  const value = full.value(g.f);
  const gradient = g.gradient.map((e) => full.value(e));
  const hessian = g.hessian.map((row) => row.map((e) => full.value(e)));
  const result = g.result.map((e) => full.value(e));
  const base = {
    point: [...x],
    value: finiteOrNull(value),
    gradient: gradient.map(finiteOrNull),
    hessian: hessian.map((r) => r.map(finiteOrNull)),
    result: result.map(finiteOrNull),
  };
  if (!Number.isFinite(written)) {
    // f as written is undefined (or overflows) here; the simplified form's values would mislead.
    const none = () => new Array<null>(d).fill(null);
    return {
      point: [...x],
      value: null,
      gradient: none(),
      hessian: x.map(none),
      result: none(),
      finiteDifference: none(),
      error: null,
      status: 'undefined',
      note: Number.isNaN(written)
        ? 'f, as written, is not defined at this point'
        : 'f is infinite at this point: a pole (1/0, log 0) or a value beyond the ' +
          'floating-point range',
    };
  }
  const all = [value, ...gradient, ...hessian.flat(), ...result];
  if (!all.every(Number.isFinite)) {
    return {
      ...base,
      finiteDifference: new Array(d).fill(null),
      error: null,
      status: 'undefined',
      note: all.some(Number.isNaN)
        ? 'f or its derivatives are not defined at this point'
        : 'f or its derivatives are infinite at this point: a pole (1/0, log 0) or a value ' +
          'beyond the floating-point range',
    };
  }

  const zeroAt = (e: Expr) => Math.abs(full.value(e)) <= ZERO * full.magnitude(e);
  let kinkNote = g.kinks.find(zeroAt);
  const signsHere = g.kinks.map((k) => (zeroAt(k) ? 0 : Math.sign(full.value(k))));

  // Stencil evaluations: f, ∇f and ‖∇f‖₁ at x ± h e_j and x ± h/2 e_j.
  const norm = () => g.gradient.reduce((s, e) => s + Math.abs(light.value(e)), 0);
  const normHere = gradient.reduce((s, v) => s + Math.abs(v), 0);
  const fdGradient: number[] = [];
  const fdHessian: number[][] = Array.from({ length: d }, () => new Array<number>(d));
  const fdResult: number[] = [];
  const uncertainty = {
    gradient: [] as number[],
    hessian: [] as number[][],
    result: [] as number[],
  };
  let jump = false;
  const y = [...x];
  light.runBase(x);

  for (let j = 0; j < d; j++) {
    const h = 1e-3 * Math.max(1, Math.abs(x[j]));
    const sample = (t: number) => {
      y[j] = x[j] + t;
      light.runMoved(y, j);
      const out = { f: light.value(g.f), g: g.gradient.map((e) => light.value(e)), n: norm() };
      if (!kinkNote) {
        g.kinks.forEach((k, idx) => {
          const s = Math.sign(light.value(k));
          if (signsHere[idx] !== 0 && s !== 0 && s !== signsHere[idx]) kinkNote = k;
        });
      }
      return out;
    };
    const [p1, m1, p2, m2] = [sample(h), sample(-h), sample(h / 2), sample(-h / 2)];
    y[j] = x[j];

    const richardson = (a1: number, b1: number, a2: number, b2: number) => {
      const coarse = (a1 - b1) / (2 * h);
      const fine = (a2 - b2) / h;
      return { value: (4 * fine - coarse) / 3, spread: Math.abs(fine - coarse) };
    };
    const df = richardson(p1.f, m1.f, p2.f, m2.f);
    fdGradient.push(df.value);
    uncertainty.gradient.push(df.spread);
    uncertainty.hessian[j] = [];
    for (let i = 0; i < d; i++) {
      const dh = richardson(p1.g[i], m1.g[i], p2.g[i], m2.g[i]);
      fdHessian[i][j] = dh.value;
      uncertainty.hessian[j][i] = dh.spread;
    }
    const dn = richardson(p1.n, m1.n, p2.n, m2.n);
    fdResult.push(dn.value);
    uncertainty.result.push(dn.spread);

    // A kink makes the one-sided slopes differ by a jump that stays as h
    // halves; on a smooth function the difference halves with h.
    const scale = Math.max(normHere, ...result.map(Math.abs), 1e-300);
    const jumpCoarse = Math.abs(p1.n - 2 * normHere + m1.n) / h;
    const jumpFine = Math.abs(p2.n - 2 * normHere + m2.n) / (h / 2);
    if (jumpCoarse > 1e-6 * scale && jumpFine > 0.75 * jumpCoarse) jump = true;
  }

  // Per compared entry: its scale (the size of the numbers that made it; a
  // result that cancels to 0 is compared with Σ_i |f_ij|), and the noise that
  // differencing at step h adds to what it differences: rounding of order
  // ε·(size of that function) divided by h. Noise is absolute: a component
  // far smaller than the others cannot be checked by differences, and is not
  // called a mismatch for that.
  const eps = Number.EPSILON;
  const h0 = (j: number) => 1e-3 * Math.max(1, Math.abs(x[j]));
  const noiseOf = (size: number) => x.map((_, j) => (100 * eps * size) / h0(j));
  const normSize = g.gradient.reduce((s, e) => s + full.magnitude(e), 0);
  const errors: number[] = [];
  const mismatch = [
    compare(
      { symbolic: gradient, fd: fdGradient, spread: uncertainty.gradient },
      g.gradient.map((e) => full.magnitude(e)),
      noiseOf(full.magnitude(g.f)),
      tolerance,
      errors,
    ),
    ...hessian.map((row, i) =>
      compare(
        { symbolic: row, fd: fdHessian[i], spread: row.map((_, j) => uncertainty.hessian[j][i]) },
        g.hessian[i].map((e) => full.magnitude(e)),
        noiseOf(full.magnitude(g.gradient[i])),
        tolerance,
        errors,
      ),
    ),
    compare(
      { symbolic: result, fd: fdResult, spread: uncertainty.result },
      hessian.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)),
      noiseOf(normSize),
      tolerance,
      errors,
    ),
  ].some(Boolean);
  const error = errors.length > 0 ? Math.max(...errors) : 0;
  const nonsmooth = kinkNote !== undefined || jump;
  return {
    ...base,
    finiteDifference: fdResult.map(finiteOrNull),
    error: finiteOrNull(error),
    status: nonsmooth ? 'nonsmooth' : mismatch ? 'mismatch' : 'ok',
    note: nonsmooth
      ? 'a kink lies at or within a step of this point: the result is one subgradient (sign(0) = 0)'
      : mismatch
        ? 'symbolic and finite-difference values disagree'
        : undefined,
  };
}

/**
 * Records relative errors; true when one exceeds the tolerance beyond what
 * differences can resolve (their spread between two steps, and their noise).
 */
function compare(
  values: { symbolic: readonly number[]; fd: readonly number[]; spread: readonly number[] },
  scale: readonly number[],
  noise: readonly number[],
  tolerance: number,
  errors: number[],
): boolean {
  let bad = false;
  values.symbolic.forEach((s, k) => {
    const fd = values.fd[k];
    const diff = Math.abs(s - fd);
    const denom = Math.max(Math.abs(s), Math.abs(fd), scale[k], Number.MIN_VALUE);
    errors.push(diff / Math.max(denom, noise[k]));
    if (diff > tolerance * denom + 10 * values.spread[k] + noise[k]) bad = true;
  });
  return bad;
}
