/**
 * The simplification pass run on finished results, beyond what the smart
 * constructors do as expressions are built: common factors come out of sums
 * when that makes the expression smaller. This is what turns the log-sum-exp
 * result eˣʲ/S − Σᵢ eˣʲeˣⁱ/S² into eˣʲ/S²·(S − Σᵢ eˣⁱ) = 0.
 */
import { add, mul, pow } from './algebra';
import { splitCoefficient, splitPower, type Expr, type ExprBuilder } from './expr';
import { call } from './functions';

/** Factors common to all terms of a sum, as base → exponent, or undefined if none. */
function commonFactor(b: ExprBuilder, terms: readonly Expr[]): Expr | undefined {
  let common: Map<number, { base: Expr; exp: number }> | undefined;
  for (const t of terms) {
    const [, rest] = splitCoefficient(t, b);
    const factors = rest.kind === 'mul' ? rest.factors : [rest];
    const here = new Map<number, { base: Expr; exp: number }>();
    for (const f of factors) {
      if (f.kind === 'num') continue;
      const [base, exp] = splitPower(f);
      here.set(base.id, { base, exp });
    }
    if (!common) {
      common = here;
      continue;
    }
    for (const [id, c] of common) {
      const h = here.get(id);
      if (!h || Math.sign(h.exp) !== Math.sign(c.exp)) common.delete(id);
      else c.exp = c.exp > 0 ? Math.min(c.exp, h.exp) : Math.min(c.exp, h.exp);
    }
    if (common.size === 0) return undefined;
  }
  if (!common || common.size === 0) return undefined;
  return mul(
    b,
    [...common.values()].map(({ base, exp }) => pow(b, base, b.num(exp))),
  );
}

/** Simplifies e bottom-up; memoised per builder through `memo`. */
export function factorSums(b: ExprBuilder, e: Expr, memo = new Map<number, Expr>()): Expr {
  const known = memo.get(e.id);
  if (known) return known;
  let out: Expr;
  switch (e.kind) {
    case 'add': {
      const terms = e.terms.map((t) => factorSums(b, t, memo));
      const rebuilt = add(b, terms);
      out = rebuilt;
      if (rebuilt.kind === 'add') {
        const common = commonFactor(b, rebuilt.terms);
        if (common) {
          const inverse = pow(b, common, b.minusOne);
          const factored = mul(b, [
            common,
            add(
              b,
              rebuilt.terms.map((t) => mul(b, [t, inverse])),
            ),
          ]);
          if (factored.size < rebuilt.size) out = factored;
        }
      }
      break;
    }
    case 'mul':
      out = mul(
        b,
        e.factors.map((f) => factorSums(b, f, memo)),
      );
      break;
    case 'pow':
      out = pow(b, factorSums(b, e.base, memo), factorSums(b, e.exp, memo));
      break;
    case 'call':
      out = call(
        b,
        e.fn,
        e.args.map((a) => factorSums(b, a, memo)),
      );
      break;
    default:
      out = e;
  }
  memo.set(e.id, out);
  return out;
}
