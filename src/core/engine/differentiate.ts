/**
 * Symbolic partial derivatives over the interned DAG, memoised per variable,
 * so a subexpression shared by several gradient components or Hessian
 * entries is differentiated once.
 */
import { add, mul, pow, sub } from './algebra';
import type { Expr, ExprBuilder } from './expr';
import { call } from './functions';
import { CALL_RULES } from './rules';

/** Differentiates expressions built by one builder. */
export class Differentiator {
  private readonly memo = new Map<number, Map<number, Expr>>();

  constructor(private readonly b: ExprBuilder) {}

  /** ∂e/∂x_index. */
  d(e: Expr, index: number): Expr {
    if (!e.deps.includes(index)) return this.b.zero;
    let table = this.memo.get(index);
    if (!table) {
      table = new Map();
      this.memo.set(index, table);
    }
    const known = table.get(e.id);
    if (known) return known;
    const result = this.rule(e, index);
    table.set(e.id, result);
    return result;
  }

  private rule(e: Expr, i: number): Expr {
    const b = this.b;
    switch (e.kind) {
      case 'num':
      case 'const':
        return b.zero;
      case 'var':
        return e.index === i ? b.one : b.zero;
      case 'add':
        return add(
          b,
          e.terms.map((t) => this.d(t, i)),
        );
      case 'mul': {
        // Product rule over n factors: Σ_k f_k′ Π_{m≠k} f_m.
        const terms: Expr[] = [];
        e.factors.forEach((f, k) => {
          const df = this.d(f, i);
          if (df.kind === 'num' && df.value === 0) return;
          const others = e.factors.filter((_, m) => m !== k);
          terms.push(mul(b, [df, ...others]));
        });
        return add(b, terms);
      }
      case 'pow':
        return this.power(e.base, e.exp, i);
      case 'call': {
        const d = e.args.map((a) => this.d(a, i));
        return CALL_RULES[e.fn](b, e.args, d);
      }
    }
  }

  private power(u: Expr, v: Expr, i: number): Expr {
    const b = this.b;
    const du = this.d(u, i);
    if (!v.deps.includes(i)) {
      // d uᶜ = c·u^(c−1)·du, for a constant c.
      return mul(b, [v, pow(b, u, sub(b, v, b.one)), du]);
    }
    // d uᵛ = uᵛ (v′ ln u + v u′/u); with u constant only the first term remains.
    const dv = this.d(v, i);
    const lnU = call(b, 'log', [u]);
    const inner = add(b, [mul(b, [dv, lnU]), mul(b, [v, du, pow(b, u, b.minusOne)])]);
    return mul(b, [pow(b, u, v), inner]);
  }
}
