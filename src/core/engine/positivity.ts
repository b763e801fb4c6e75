/**
 * What is known of an expression's sign for every real input where it is
 * defined. The engine uses it to fold sign(u) and |u| when u's sign is known
 * (sign(eˣ/Σeʸ) = 1, which is what makes the log-sum-exp result exactly 0),
 * and to leave provably nonzero components out of the nonsmooth set.
 */
import type { Expr, ExprBuilder } from './expr';

export type SignInfo = 'pos' | 'neg' | 'zero' | 'nonneg' | 'nonpos' | 'any';

const cache = new WeakMap<ExprBuilder, Map<number, SignInfo>>();

/** The sign of `e` wherever it is defined. */
export function signOf(b: ExprBuilder, e: Expr): SignInfo {
  let memo = cache.get(b);
  if (!memo) {
    memo = new Map();
    cache.set(b, memo);
  }
  const known = memo.get(e.id);
  if (known) return known;
  const s = compute(b, e);
  memo.set(e.id, s);
  return s;
}

/** True when e is never zero where defined. */
export function isNonzero(b: ExprBuilder, e: Expr): boolean {
  const s = signOf(b, e);
  return s === 'pos' || s === 'neg';
}

function ofNumber(v: number): SignInfo {
  return v > 0 ? 'pos' : v < 0 ? 'neg' : 'zero';
}

function negate(s: SignInfo): SignInfo {
  switch (s) {
    case 'pos':
      return 'neg';
    case 'neg':
      return 'pos';
    case 'nonneg':
      return 'nonpos';
    case 'nonpos':
      return 'nonneg';
    default:
      return s;
  }
}

function times(x: SignInfo, y: SignInfo): SignInfo {
  if (x === 'zero' || y === 'zero') return 'zero';
  if (x === 'any' || y === 'any') return 'any';
  const negative = (x === 'neg' || x === 'nonpos') !== (y === 'neg' || y === 'nonpos');
  const strict = (x === 'pos' || x === 'neg') && (y === 'pos' || y === 'neg');
  if (strict) return negative ? 'neg' : 'pos';
  return negative ? 'nonpos' : 'nonneg';
}

function plus(x: SignInfo, y: SignInfo): SignInfo {
  if (x === 'zero') return y;
  if (y === 'zero') return x;
  const up = (s: SignInfo) => s === 'pos' || s === 'nonneg';
  const down = (s: SignInfo) => s === 'neg' || s === 'nonpos';
  if (up(x) && up(y)) return x === 'pos' || y === 'pos' ? 'pos' : 'nonneg';
  if (down(x) && down(y)) return x === 'neg' || y === 'neg' ? 'neg' : 'nonpos';
  return 'any';
}

function compute(b: ExprBuilder, e: Expr): SignInfo {
  switch (e.kind) {
    case 'num':
      return ofNumber(e.value);
    case 'const':
      return 'pos';
    case 'var':
      return 'any';
    case 'add':
      return e.terms.map((t) => signOf(b, t)).reduce(plus);
    case 'mul':
      return e.factors.map((f) => signOf(b, f)).reduce(times);
    case 'pow': {
      const base = signOf(b, e.base);
      if (e.exp.kind !== 'num') return base === 'pos' ? 'pos' : 'any';
      const k = e.exp.value;
      if (Number.isInteger(k)) {
        if (k % 2 === 0) return base === 'pos' || base === 'neg' ? 'pos' : 'nonneg';
        return base;
      }
      // A non-integer power is defined only for a base ≥ 0.
      return base === 'pos' || k < 0 ? 'pos' : 'nonneg';
    }
    case 'call': {
      const a = e.args.map((x) => signOf(b, x));
      switch (e.fn) {
        case 'exp':
        case 'cosh':
          return 'pos';
        case 'abs':
          return a[0] === 'pos' || a[0] === 'neg' ? 'pos' : a[0] === 'zero' ? 'zero' : 'nonneg';
        case 'acos':
          return 'nonneg';
        case 'sinh':
        case 'tanh':
        case 'atan':
        case 'asin':
        case 'cbrt':
        case 'sign':
          return a[0];
        case 'max':
          return a.some((s) => s === 'pos') ? 'pos' : a.every((s) => s === 'neg') ? 'neg' : 'any';
        case 'min':
          return a.every((s) => s === 'pos') ? 'pos' : a.some((s) => s === 'neg') ? 'neg' : 'any';
        default:
          return 'any';
      }
    }
  }
}

export { negate as negateSign };
