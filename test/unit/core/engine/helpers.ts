/**
 * Test helpers: formulas are written in mathjs syntax and read with mathjs's
 * own parser (independent of our front ends), then derived by our engine.
 */
import { derivative, parse, type MathNode } from 'mathjs';
import { ExprBuilder, type Expr } from '../../../../src/core/engine/expr';
import { deriveGradNorm, type GradNorm } from '../../../../src/core/engine/gradnorm';
import { lower } from '../../../../src/core/engine/lower';
import { mathjsPrinter } from '../../../../src/core/engine/mathjs-syntax';
import { Tape } from '../../../../src/core/engine/evaluate';
import type { MathFunction, SourceExpr } from '../../../../src/core/source';

const at = { line: 0, column: 0 };
const FUNCTIONS = new Set<string>([
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
  'log10',
  'log2',
  'sqrt',
  'cbrt',
  'abs',
  'sign',
  'max',
  'min',
  'hypot',
  'pow',
]);

/** Reads a mathjs-syntax formula over `vars` as a source tree. */
export function source(text: string, vars: readonly string[]): SourceExpr {
  const walk = (n: MathNode): SourceExpr => {
    // mathjs's node classes are a union without a common shape: read fields by name.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const node = n as MathNode & Record<string, any>;
    switch (n.type) {
      case 'ConstantNode':
        return { type: 'number', value: Number(node.value), at };
      case 'SymbolNode': {
        if (node.name === 'pi' || node.name === 'e')
          return { type: 'constant', name: node.name, at };
        const index = vars.indexOf(node.name);
        if (index < 0) throw new Error(`unknown symbol ${node.name}`);
        return { type: 'variable', index, at };
      }
      case 'ParenthesisNode':
        return walk(node.content);
      case 'OperatorNode': {
        const args = node.args.map(walk);
        if (node.fn === 'unaryMinus') return { type: 'negate', arg: args[0], at };
        if (node.fn === 'unaryPlus') return args[0];
        const op = node.op as '+' | '-' | '*' | '/' | '^';
        return { type: 'binary', op, left: args[0], right: args[1], at };
      }
      case 'FunctionNode': {
        const name = node.fn.name as string;
        if (!FUNCTIONS.has(name)) throw new Error(`unknown function ${name}`);
        return { type: 'call', fn: name as MathFunction, args: node.args.map(walk), at };
      }
      default:
        throw new Error(`unsupported node ${n.type}`);
    }
  };
  return walk(parse(text));
}

/** Builds an expression of our engine from a formula. */
export function expr(text: string, vars: readonly string[], b = new ExprBuilder()): Expr {
  return lower(b, source(text, vars));
}

export interface Derived {
  b: ExprBuilder;
  g: GradNorm;
  print: (e: Expr) => string;
  evalAt: (e: Expr, point: readonly number[]) => number;
}

/** Derives a formula and gives printing and evaluation of the pieces. */
export function derived(text: string, vars: readonly string[]): Derived {
  const b = new ExprBuilder();
  const g = deriveGradNorm(b, expr(text, vars, b), vars.length);
  const js = mathjsPrinter(b, vars);
  return {
    b,
    g,
    print: (e) => js.print(e),
    evalAt: (e, point) => {
      const tape = new Tape([e]);
      tape.run(point);
      return tape.value(e);
    },
  };
}

/** Evaluates a formula's value at a point. */
export function valueOf(text: string, vars: readonly string[], point: readonly number[]): number {
  const b = new ExprBuilder();
  const e = expr(text, vars, b);
  const tape = new Tape([e]);
  tape.run(point);
  return tape.value(e);
}

/** Central difference of a function of a point along coordinate j. */
export function centralDifference(
  fn: (x: number[]) => number,
  x: readonly number[],
  j: number,
  h = 1e-5,
): number {
  const p = [...x];
  const m = [...x];
  p[j] += h;
  m[j] -= h;
  return (fn(p) - fn(m)) / (2 * h);
}

/** |a − b| within rel·max(1, |b|). */
export function close(a: number, b: number, rel = 1e-6): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));
}

/**
 * Compares our gradient and Hessian at `point` with mathjs's own
 * `derivative(…, {simplify: false})`, an independent implementation, and the
 * result H·sign(∇f) with the product of mathjs's values.
 */
export function agreesWithMathjs(
  text: string,
  vars: readonly string[],
  point: readonly number[],
  rel = 1e-9,
): string | undefined {
  const scope = Object.fromEntries(vars.map((v, i) => [v, point[i]]));
  const d = derived(text, vars);
  const grad = vars.map((v) => derivative(text, v, { simplify: false }));
  for (let i = 0; i < vars.length; i++) {
    const want = grad[i].evaluate(scope) as number;
    const got = d.evalAt(d.g.gradient[i], point);
    if (!close(got, want, rel)) return `∂/∂${vars[i]}: ${got} vs mathjs ${want}`;
    for (let j = 0; j < vars.length; j++) {
      const wantH = derivative(grad[i], vars[j], { simplify: false }).evaluate(scope) as number;
      const gotH = d.evalAt(d.g.hessian[i][j], point);
      if (!close(gotH, wantH, rel)) return `H[${i}][${j}]: ${gotH} vs mathjs ${wantH}`;
    }
  }
  const gradValues = grad.map((g) => g.evaluate(scope) as number);
  // Where a component is zero up to rounding, its sign is not determined by
  // either implementation: that is the nonsmooth set, checked elsewhere.
  if (gradValues.some((g) => Math.abs(g) < 1e-9)) return undefined;
  const signs = gradValues.map(Math.sign);
  for (let j = 0; j < vars.length; j++) {
    const want = vars.reduce(
      (s, _, i) =>
        s +
        (derivative(grad[i], vars[j], { simplify: false }).evaluate(scope) as number) * signs[i],
      0,
    );
    const got = d.evalAt(d.g.result[j], point);
    if (!close(got, want, rel)) return `result[${j}]: ${got} vs ${want}`;
  }
  return undefined;
}
