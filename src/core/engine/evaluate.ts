/**
 * Numeric evaluation of many expressions at many points. The DAG under the
 * roots is flattened once into a tape in dependency order; each evaluation
 * is then one pass over a Float64Array, with shared subexpressions computed
 * once. Alongside each value the tape can compute a magnitude: the size of
 * the numbers that went into it, which is what "zero" is relative to
 * (cos(π/2) evaluates to 6·10⁻¹⁷, and that is a zero).
 */
import { childrenOf, type CallName, type Expr } from './expr';
import { CALL_VALUES } from './functions';

interface Step {
  node: Expr;
  args: number[];
}

/** A compiled set of expressions. */
export class Tape {
  private readonly steps: Step[] = [];
  private readonly slot = new Map<number, number>();
  readonly values: Float64Array;
  readonly magnitudes: Float64Array;

  constructor(roots: readonly Expr[]) {
    for (const r of roots) this.visit(r);
    this.values = new Float64Array(this.steps.length);
    this.magnitudes = new Float64Array(this.steps.length);
  }

  private visit(root: Expr): void {
    // Iterative post-order walk: deep expressions must not overflow the stack.
    const stack: [Expr, boolean][] = [[root, false]];
    while (stack.length > 0) {
      const [e, ready] = stack.pop()!;
      if (this.slot.has(e.id)) continue;
      const children = childrenOf(e);
      if (!ready) {
        stack.push([e, true]);
        for (const c of children) if (!this.slot.has(c.id)) stack.push([c, false]);
        continue;
      }
      this.slot.set(e.id, this.steps.length);
      this.steps.push({ node: e, args: children.map((c) => this.slot.get(c.id)!) });
    }
  }

  /**
   * Evaluates every node at `point`; read results with `value(e)`. With
   * magnitudes, sign(u) is 0 where u is zero relative to its magnitude
   * (`zero`): a gradient component that vanishes at the point, computed in a
   * rescaled form as 8.7·10⁻¹⁸, still has sign(0) = 0.
   */
  run(point: readonly number[], withMagnitudes = false, zero = 0): void {
    const v = this.values;
    const m = this.magnitudes;
    for (let k = 0; k < this.steps.length; k++) {
      const { node, args } = this.steps[k];
      v[k] = evalStep(node, args, v, point);
      if (!withMagnitudes) continue;
      if (node.kind === 'call' && node.fn === 'sign' && Math.abs(v[args[0]]) <= zero * m[args[0]]) {
        v[k] = 0;
      }
      m[k] = magnitudeStep(node, args, v, m, v[k], point);
    }
  }

  private base: Float64Array | undefined;
  private readonly dependents = new Map<number, number[]>();

  /** Evaluates at `point` and keeps the values as the base for `runMoved`. */
  runBase(point: readonly number[]): void {
    this.run(point);
    this.base = Float64Array.from(this.values);
  }

  /**
   * Evaluates at `point`, which differs from the base point only in
   * coordinate j: only the nodes that depend on x_j are computed again
   * (finite differences move one coordinate at a time).
   */
  runMoved(point: readonly number[], j: number): void {
    if (!this.base) throw new Error('runMoved needs runBase first');
    const v = this.values;
    v.set(this.base);
    for (const k of this.dependentsOf(j)) {
      const { node, args } = this.steps[k];
      v[k] = evalStep(node, args, v, point);
    }
  }

  private dependentsOf(j: number): number[] {
    let list = this.dependents.get(j);
    if (!list) {
      list = [];
      for (let k = 0; k < this.steps.length; k++) {
        if (this.steps[k].node.deps.includes(j)) list.push(k);
      }
      this.dependents.set(j, list);
    }
    return list;
  }

  value(e: Expr): number {
    return this.values[this.slot.get(e.id)!];
  }

  magnitude(e: Expr): number {
    return this.magnitudes[this.slot.get(e.id)!];
  }
}

function evalStep(e: Expr, args: number[], v: Float64Array, point: readonly number[]): number {
  switch (e.kind) {
    case 'num':
    case 'const':
      return e.value;
    case 'var':
      return point[e.index];
    case 'add': {
      let s = 0;
      for (const a of args) s += v[a];
      return s;
    }
    case 'mul': {
      let p = 1;
      for (const a of args) p *= v[a];
      return p;
    }
    case 'pow': {
      const base = v[args[0]];
      const k = v[args[1]];
      // 0^negative is a pole, not +∞ as Math.pow says.
      if (base === 0 && k < 0) return NaN;
      return Math.pow(base, k);
    }
    case 'call':
      return CALL_VALUES[e.fn](...args.map((a) => v[a]));
  }
}

/**
 * |f′(u)| of functions whose slope is cheap, from the argument u and the value
 * f(u): their magnitude is the argument's scaled by it (tanh saturates: its
 * value does not depend on the size of a large argument).
 */
const SLOPE: Partial<Record<CallName, (u: number, f: number) => number>> = {
  tanh: (_u, f) => 1 - f * f,
  sin: (u) => Math.abs(Math.cos(u)),
  cos: (u) => Math.abs(Math.sin(u)),
  atan: (u) => 1 / (1 + u * u),
};

/** A bound on the size of the numbers combined to make this value. */
function magnitudeStep(
  e: Expr,
  args: number[],
  v: Float64Array,
  m: Float64Array,
  value: number,
  point: readonly number[],
): number {
  switch (e.kind) {
    case 'num':
    case 'const':
      return Math.abs(e.value);
    case 'var':
      return Math.abs(point[e.index]);
    case 'add': {
      let s = 0;
      for (const a of args) s += m[a];
      return s;
    }
    case 'mul': {
      // To first order, each factor's size times the others' values: a product of
      // sizes would compound the cancellations inside every factor (a deep tanh
      // network's Hessian came out 10¹³ times its value, and every point a "kink").
      let s = 0;
      for (let i = 0; i < args.length; i++) {
        let p = m[args[i]];
        for (let j = 0; j < args.length; j++) if (j !== i) p *= Math.abs(v[args[j]]);
        s += p;
      }
      return Math.max(Math.abs(value), s);
    }
    case 'pow': {
      const k = v[args[1]];
      const a = Math.abs(v[args[0]]);
      // d(aᵏ) = k aᵏ⁻¹ da for a number k; a symbolic exponent keeps the cruder bound.
      const first =
        e.exp.kind === 'num' && a > 0 ? Math.abs(k) * Math.pow(a, k - 1) * m[args[0]] : NaN;
      const bound = Number.isFinite(first) ? first : Math.pow(m[args[0]], k) || 0;
      return Math.max(Math.abs(value), bound);
    }
    case 'call': {
      const inner = Math.max(...args.map((a) => m[a]));
      if (e.fn === 'exp') return Math.abs(value) * Math.max(1, inner);
      if (e.fn === 'sign') return 1;
      const slope = SLOPE[e.fn]?.(v[args[0]], value);
      if (slope !== undefined) return Math.max(Math.abs(value), slope * inner);
      return Math.max(Math.abs(value), Math.min(inner, 1e300));
    }
  }
}
