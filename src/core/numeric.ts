/**
 * The numeric meaning of every function and operator the product reads, in one
 * place: the engine folds and evaluates with it, and the value of the code as
 * the user wrote it is computed with it.
 */
import type { MathFunction } from './source';

/** Each math function as a number function (JavaScript semantics: NaN outside the domain). */
export const MATH_VALUES: Readonly<Record<MathFunction, (...a: number[]) => number>> = {
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
  // sign(0) = 0: the convention of the seed's answers, and the minimum-norm
  // element of the subdifferential of |·| at 0.
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN),
  max: Math.max,
  min: Math.min,
  hypot: Math.hypot,
  pow: Math.pow,
};

/** a op b. */
export function binaryValue(op: '+' | '-' | '*' | '/' | '^', a: number, b: number): number {
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
