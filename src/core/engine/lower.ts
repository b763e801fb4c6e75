/**
 * From a front end's source tree to the engine's canonical expressions.
 * Functions without a rule of their own are rewritten here in terms of
 * others: log₁₀u = ln u / ln 10, hypot(a, b) = √(a² + b²), max(a, b, c) =
 * max(max(a, b), c), and pow(u, v) = uᵛ.
 */
import type { SourceExpr } from '../source';
import { add, div, mul, neg, pow, sub } from './algebra';
import type { Expr, ExprBuilder } from './expr';
import { call } from './functions';

/** Lowers a source tree; memoised by object, as front ends share subtrees for locals. */
export function lower(b: ExprBuilder, e: SourceExpr, memo = new Map<SourceExpr, Expr>()): Expr {
  const known = memo.get(e);
  if (known) return known;
  const out = lowerNode(b, e, memo);
  memo.set(e, out);
  return out;
}

function lowerNode(b: ExprBuilder, e: SourceExpr, memo: Map<SourceExpr, Expr>): Expr {
  const go = (x: SourceExpr) => lower(b, x, memo);
  switch (e.type) {
    case 'number':
      return b.num(e.value);
    case 'constant':
      return b.constant(e.name);
    case 'variable':
      return b.variable(e.index);
    case 'negate':
      return neg(b, go(e.arg));
    case 'binary': {
      const l = go(e.left);
      const r = go(e.right);
      switch (e.op) {
        case '+': return add(b, [l, r]);
        case '-': return sub(b, l, r);
        case '*': return mul(b, [l, r]);
        case '/': return div(b, l, r);
        case '^': return pow(b, l, r);
      }
    }
    // falls through (unreachable: every operator returns)
    case 'call': {
      const args = e.args.map(go);
      switch (e.fn) {
        case 'sqrt': return pow(b, args[0], b.half);
        case 'pow': return pow(b, args[0], args[1]);
        case 'log10': return div(b, call(b, 'log', [args[0]]), call(b, 'log', [b.num(10)]));
        case 'log2': return div(b, call(b, 'log', [args[0]]), call(b, 'log', [b.num(2)]));
        case 'hypot': return pow(b, add(b, args.map((a) => pow(b, a, b.num(2)))), b.half);
        case 'max':
        case 'min':
          return args.slice(1).reduce((acc, a) => call(b, e.fn as 'max' | 'min', [acc, a]), args[0]);
        default:
          return call(b, e.fn, args);
      }
    }
  }
}
