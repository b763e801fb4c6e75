/**
 * The value of a function exactly as the user wrote it, before any
 * simplification. Simplifying can widen the domain (√x² is |x|, x/x is 1), so
 * whether a point is inside the domain is decided here, on the source: where
 * the code as written would give NaN or ±∞, the point is `undefined`.
 */
import type { MathFunction, SourceExpr } from './source';

const FUNCTIONS: Readonly<Record<MathFunction, (...a: number[]) => number>> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  atan2: Math.atan2,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  exp: Math.exp,
  log: Math.log,
  log10: Math.log10,
  log2: Math.log2,
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  abs: Math.abs,
  sign: Math.sign,
  max: Math.max,
  min: Math.min,
  hypot: Math.hypot,
  pow: Math.pow,
};

function binary(op: '+' | '-' | '*' | '/' | '^', a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '^':
      return Math.pow(a, b);
  }
}

function childrenOf(e: SourceExpr): SourceExpr[] {
  switch (e.type) {
    case 'negate':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

/** The value of `body` at `point` (JavaScript number semantics). Iterative: bodies can be deep. */
export function evaluateSource(body: SourceExpr, point: readonly number[]): number {
  const value = new Map<SourceExpr, number>();
  const stack: [SourceExpr, boolean][] = [[body, false]];
  while (stack.length > 0) {
    const [e, ready] = stack.pop()!;
    if (value.has(e)) continue;
    if (!ready) {
      stack.push([e, true]);
      for (const c of childrenOf(e)) if (!value.has(c)) stack.push([c, false]);
      continue;
    }
    const v = (x: SourceExpr) => value.get(x)!;
    switch (e.type) {
      case 'number':
        value.set(e, e.value);
        break;
      case 'constant':
        value.set(e, e.name === 'pi' ? Math.PI : Math.E);
        break;
      case 'variable':
        value.set(e, point[e.index]);
        break;
      case 'negate':
        value.set(e, -v(e.arg));
        break;
      case 'binary':
        value.set(e, binary(e.op, v(e.left), v(e.right)));
        break;
      case 'call':
        value.set(e, FUNCTIONS[e.fn](...e.args.map(v)));
        break;
    }
  }
  return value.get(body)!;
}
