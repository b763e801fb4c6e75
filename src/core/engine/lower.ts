/**
 * From a front end's source tree to the engine's canonical expressions.
 * Functions without a rule of their own are rewritten here in terms of
 * others: log₁₀u = ln u / ln 10, hypot(a, b) = √(a² + b²), max(a, b, c) =
 * max(max(a, b), c), and pow(u, v) = uᵛ.
 */
import type { SourceExpr } from '../source';
import { add, div, mul, neg, pow } from './algebra';
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

/** Operands of a chain a ± b ± c (or a · b · c), left to right, subtracted ones negated. */
function gather(
  e: SourceExpr,
  op: '+' | '*',
  go: (x: SourceExpr) => Expr,
  negate: (x: Expr) => Expr = (x) => x,
): Expr[] {
  const out: Expr[] = [];
  const stack: [SourceExpr, boolean][] = [[e, false]];
  while (stack.length > 0) {
    const [node, minus] = stack.pop()!;
    const chained =
      node.type === 'binary' && (op === '+' ? node.op === '+' || node.op === '-' : node.op === '*');
    if (chained) {
      stack.push([node.right, op === '+' && node.op === '-' ? !minus : minus]);
      stack.push([node.left, minus]);
    } else {
      out.push(minus ? negate(go(node)) : go(node));
    }
  }
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
      // Long sums and products are gathered into one n-ary node at once:
      // folding them pairwise would rebuild the growing sum at every step.
      if (e.op === '+' || e.op === '-')
        return add(
          b,
          gather(e, '+', go, (x) => neg(b, x)),
        );
      if (e.op === '*') return mul(b, gather(e, '*', go));
      const l = go(e.left);
      const r = go(e.right);
      return e.op === '/' ? div(b, l, r) : pow(b, l, r);
    }
    case 'call': {
      const args = e.args.map(go);
      switch (e.fn) {
        case 'sqrt':
          return pow(b, args[0], b.half);
        case 'pow':
          return pow(b, args[0], args[1]);
        case 'log10':
          return div(b, call(b, 'log', [args[0]]), call(b, 'log', [b.num(10)]));
        case 'log2':
          return div(b, call(b, 'log', [args[0]]), call(b, 'log', [b.num(2)]));
        case 'hypot':
          return pow(
            b,
            add(
              b,
              args.map((a) => pow(b, a, b.num(2))),
            ),
            b.half,
          );
        case 'max':
        case 'min':
          return args
            .slice(1)
            .reduce((acc, a) => call(b, e.fn as 'max' | 'min', [acc, a]), args[0]);
        default:
          return call(b, e.fn, args);
      }
    }
  }
}
