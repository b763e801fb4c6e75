/**
 * Smart constructors for function calls: fold what is exactly known (numbers,
 * signs the positivity analysis proves) and nothing else.
 */
import type { CallName, Expr, ExprBuilder } from './expr';
import { splitCoefficient } from './expr';
import { contentOf, mul, neg, primitivePart } from './algebra';
import { signOf } from './positivity';
import { MATH_VALUES } from '../numeric';

/** Numeric meaning of each call, shared by folding and evaluation. */
export const CALL_VALUES: Readonly<Record<CallName, (...a: number[]) => number>> = MATH_VALUES;

/** Calls folded for any number arguments; others only when the value is an integer. */
const ALWAYS_FOLD = new Set<CallName>(['abs', 'sign', 'max', 'min']);

/** fn(args), simplified. */
export function call(b: ExprBuilder, fn: CallName, args: readonly Expr[]): Expr {
  if (args.every((a) => a.kind === 'num')) {
    const v = CALL_VALUES[fn](...args.map((a) => (a as { value: number }).value));
    if (Number.isFinite(v) && (ALWAYS_FOLD.has(fn) || Number.isInteger(v))) return b.num(v);
  }
  switch (fn) {
    case 'abs':
      return absOf(b, args[0]);
    case 'sign':
      return signFn(b, args[0]);
    case 'log':
      // log(eᵘ) = u for every real u; the converse, e^(log u) = u, holds only for u > 0.
      if (args[0].kind === 'call' && args[0].fn === 'exp') return args[0].args[0];
      break;
    case 'max':
    case 'min':
      if (args[0] === args[1]) return args[0];
      break;
    case 'sinh':
    case 'tanh':
    case 'sin':
    case 'tan':
    case 'atan':
    case 'asin':
    case 'cbrt': {
      // Odd functions: f(−u) = −f(u), so −1 factors come out and terms can cancel.
      const [c, rest] = splitCoefficient(args[0], b);
      if (c < 0) return neg(b, call(b, fn, [mul(b, [b.num(-c), rest])]));
      break;
    }
    case 'cos':
    case 'cosh': {
      const [c, rest] = splitCoefficient(args[0], b);
      if (c < 0) return call(b, fn, [mul(b, [b.num(-c), rest])]);
      break;
    }
    default:
      break;
  }
  return b.internCall(fn, args);
}

/** |u|, using what is known of u's sign. */
export function absOf(b: ExprBuilder, u: Expr): Expr {
  if (u.kind === 'num') return b.num(Math.abs(u.value));
  const s = signOf(b, u);
  if (s === 'pos' || s === 'nonneg' || s === 'zero') return u;
  if (s === 'neg' || s === 'nonpos') return neg(b, u);
  if (u.kind === 'call' && u.fn === 'abs') return u;
  const [c, rest] = splitCoefficient(u, b);
  if (c !== 1) return mul(b, [b.num(Math.abs(c)), absOf(b, rest)]);
  if (u.kind === 'add') {
    const k = contentOf(u);
    if (k !== 1) return mul(b, [b.num(Math.abs(k)), absOf(b, primitivePart(b, u, k))]);
  }
  return b.internCall('abs', [u]);
}

/** sign(u) with sign(0) = 0; known-sign factors come out: sign(eˣ·u) = sign(u). */
export function signFn(b: ExprBuilder, u: Expr): Expr {
  const s = signOf(b, u);
  if (s === 'pos') return b.one;
  if (s === 'neg') return b.minusOne;
  if (s === 'zero') return b.zero;
  if (u.kind === 'call' && u.fn === 'sign') return u;
  if (u.kind === 'add') {
    // sign(200x − 200y²) = sign(x − y²)
    const c = contentOf(u);
    if (c !== 1) return mul(b, [b.num(Math.sign(c)), signFn(b, primitivePart(b, u, c))]);
  }
  if (u.kind === 'mul') {
    let c = 1;
    const unknown: Expr[] = [];
    for (const f of u.factors) {
      const fs = signOf(b, f);
      if (fs === 'pos') continue;
      if (fs === 'neg') c = -c;
      else unknown.push(f);
    }
    if (unknown.length < u.factors.length) {
      return mul(b, [b.num(c), signFn(b, mul(b, unknown))]);
    }
  }
  if (
    u.kind === 'pow' &&
    u.exp.kind === 'num' &&
    Number.isInteger(u.exp.value) &&
    u.exp.value % 2 !== 0
  ) {
    return signFn(b, u.base);
  }
  return b.internCall('sign', [u]);
}
