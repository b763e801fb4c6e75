/**
 * Smart constructors for sums, products and powers. They keep every
 * expression canonical as it is built, which is most of the simplification:
 *
 * - sums are flat, like terms are collected (2xy + 3xy = 5xy), zeros drop;
 * - products are flat, powers of one base are merged (x·x³ = x⁴), numbers
 *   are folded into one coefficient, and a number times a sum is distributed
 *   (so that cancellations between terms are seen);
 * - powers fold only where the rule holds for every real input:
 *   (u^a)^b = u^(ab) needs b an integer, or a even (then it is |u|^(ab)), or
 *   u ≥ 0. So (x²)^½ is |x|, never x, unlike mathjs's simplify.
 *
 * Merging x^a·x^b = x^(a+b) can only widen the domain (x·x⁻¹ = 1 at x = 0),
 * never change a value where the original is defined.
 */
import { ExprBuilder, isNum, splitCoefficient, splitPower, type Add, type Expr } from './expr';
import { signOf } from './positivity';
import { asFraction } from './numbers';
import { absOf } from './functions';

/** A sum of terms, canonical. */
export function add(b: ExprBuilder, terms: readonly Expr[]): Expr {
  const coefficients = new Map<number, { rest: Expr; c: number }>();
  let constant = 0;

  const visit = (t: Expr, scale: number): void => {
    if (t.kind === 'num') {
      constant += scale * t.value;
    } else if (t.kind === 'add') {
      for (const u of t.terms) visit(u, scale);
    } else {
      const [c, rest] = splitCoefficient(t, b);
      const entry = coefficients.get(rest.id);
      if (entry) entry.c += scale * c;
      else coefficients.set(rest.id, { rest, c: scale * c });
    }
  };
  for (const t of terms) visit(t, 1);

  const out: Expr[] = [];
  const ids = [...coefficients.keys()].sort((x, y) => x - y);
  for (const id of ids) {
    const { rest, c } = coefficients.get(id)!;
    if (c !== 0) out.push(c === 1 ? rest : scaleTerm(b, c, rest));
  }
  if (constant !== 0) out.push(b.num(constant));
  if (out.length === 0) return b.zero;
  if (out.length === 1) return out[0];
  return b.internAdd(out);
}

/**
 * The number that makes a sum primitive: its first term's coefficient when
 * every coefficient is a simple fraction of it (2x + 4y → 2), else its sign,
 * so that 1.05a + 12b does not become 1.05(a + 11.428571428571429b).
 */
export function contentOf(sum: Add): number {
  if (sum.content === undefined) sum.content = computeContent(sum);
  return sum.content;
}

function computeContent(sum: Add): number {
  const first = sum.terms[0];
  if (first.kind !== 'mul' || first.factors[0].kind !== 'num') return 1;
  const c = first.factors[0].value;
  for (const t of sum.terms) {
    const k = t.kind === 'num' ? t.value : splitCoefficient(t, undefined)[0];
    if (!asFraction(k / c)) return Math.sign(c);
  }
  return c;
}

/** sum / c, where c is contentOf(sum); remembered on the sum. */
export function primitivePart(b: ExprBuilder, sum: Add, c: number): Expr {
  if (c !== contentOf(sum))
    return add(
      b,
      sum.terms.map((t) => divideBy(b, t, c)),
    );
  if (sum.primitive === undefined)
    sum.primitive = add(
      b,
      sum.terms.map((t) => divideBy(b, t, c)),
    );
  return sum.primitive;
}

/** t/c for one term t of a sum (t is not a sum itself); exact for t's own coefficient. */
function divideBy(b: ExprBuilder, t: Expr, c: number): Expr {
  if (t.kind === 'num') return b.num(t.value / c);
  const [k, rest] = splitCoefficient(t, b);
  const v = k / c;
  return v === 1 ? rest : rest.kind === 'num' ? b.num(v) : scaleTerm(b, v, rest);
}

/** c·rest where rest carries no coefficient and is not a sum. */
function scaleTerm(b: ExprBuilder, c: number, rest: Expr): Expr {
  if (rest.kind === 'mul') return b.internMul([b.num(c), ...rest.factors]);
  return b.internMul([b.num(c), rest]);
}

/**
 * Powers of distinct bases, merged: x·x³ is x⁴. Most products have a few
 * factors, so bases are found by a scan; a map takes over past a dozen.
 */
class PowerList {
  readonly bases: Expr[] = [];
  readonly exps: number[] = [];
  private index: Map<number, number> | undefined;

  add(base: Expr, exp: number): void {
    const k = this.find(base);
    if (k >= 0) {
      this.exps[k] += exp;
      return;
    }
    this.index?.set(base.id, this.bases.length);
    this.bases.push(base);
    this.exps.push(exp);
    if (!this.index && this.bases.length > 12) {
      this.index = new Map(this.bases.map((e, i) => [e.id, i]));
    }
  }

  private find(base: Expr): number {
    if (this.index) return this.index.get(base.id) ?? -1;
    for (let k = 0; k < this.bases.length; k++) if (this.bases[k] === base) return k;
    return -1;
  }

  /** Positions in canonical order (by base id). */
  order(): number[] {
    const ks = this.bases.map((_, k) => k);
    return ks.length > 1 ? ks.sort((x, y) => this.bases[x].id - this.bases[y].id) : ks;
  }
}

/** A product of factors, canonical. */
export function mul(b: ExprBuilder, factors: readonly Expr[]): Expr {
  let coefficient = 1;
  const powers = new PowerList();

  const visit = (f: Expr): void => {
    if (f.kind === 'num') {
      coefficient *= f.value;
    } else if (f.kind === 'mul') {
      for (const g of f.factors) visit(g);
    } else if (f.kind === 'add' && contentOf(f) !== 1) {
      // (½s + ½)·y = ½·(s + 1)·y: numbers leave sums that are factors.
      const c = contentOf(f);
      coefficient *= c;
      visit(primitivePart(b, f, c));
    } else {
      const [base, exp] = splitPower(f);
      powers.add(base, exp);
    }
  };
  for (const f of factors) visit(f);
  if (coefficient === 0) return b.zero;

  const out: Expr[] = [];
  for (const k of powers.order()) {
    const base = powers.bases[k];
    const exp = powers.exps[k];
    if (exp === 0) continue;
    const p = exp === 1 ? base : pow(b, base, b.num(exp));
    if (p.kind === 'num') coefficient *= p.value;
    else if (p.kind === 'mul') {
      for (const g of p.factors) {
        if (g.kind === 'num') coefficient *= g.value;
        else out.push(g);
      }
    } else out.push(p);
  }
  if (coefficient === 0) return b.zero;
  if (out.length === 0) return b.num(coefficient);
  if (out.length > 1) out.sort((x, y) => x.id - y.id);
  if (coefficient === 1) return out.length === 1 ? out[0] : b.internMul(out);
  if (out.length === 1 && out[0].kind === 'add') {
    return add(
      b,
      out[0].terms.map((t) => mul(b, [b.num(coefficient), t])),
    );
  }
  return b.internMul([b.num(coefficient), ...out]);
}

/** base^exp, canonical and sound for all real inputs (see the module comment). */
export function pow(b: ExprBuilder, base: Expr, exp: Expr): Expr {
  if (isNum(exp, 0)) return b.one;
  if (isNum(exp, 1)) return base;
  if (isNum(base, 1)) return b.one;
  if (base.kind === 'const' && base.name === 'e') return b.internCall('exp', [exp]);

  if (exp.kind === 'num') {
    const k = exp.value;
    const integer = Number.isInteger(k);

    if (base.kind === 'num') {
      if (base.value === 0 && k > 0) return b.zero;
      const v = Math.pow(base.value, k);
      if (Number.isFinite(v) && v !== 0 && (integer || Number.isInteger(v))) return b.num(v);
      return b.internPow(base, exp);
    }

    if (base.kind === 'pow') {
      const inner = base.exp;
      if (inner.kind === 'num') {
        const a = inner.value;
        if (integer) return pow(b, base.base, b.num(a * k));
        if (Number.isInteger(a) && a % 2 === 0) return pow(b, absOf(b, base.base), b.num(a * k));
        const s = signOf(b, base.base);
        if (s === 'pos' || s === 'nonneg') return pow(b, base.base, b.num(a * k));
      } else if (integer) {
        return pow(b, base.base, mul(b, [inner, exp]));
      }
    }

    if (base.kind === 'add' && integer && contentOf(base) !== 1) {
      const c = contentOf(base);
      const primitive = primitivePart(b, base, c);
      return mul(b, [b.num(Math.pow(c, k)), pow(b, primitive, exp)]);
    }

    if (base.kind === 'mul' && integer) {
      return mul(
        b,
        base.factors.map((f) => pow(b, f, exp)),
      );
    }

    if (base.kind === 'call' && base.fn === 'abs' && integer && k % 2 === 0) {
      return pow(b, base.args[0], exp);
    }
  }
  return b.internPow(base, exp);
}

/** −e. */
export function neg(b: ExprBuilder, e: Expr): Expr {
  return mul(b, [b.minusOne, e]);
}

/** a − c. */
export function sub(b: ExprBuilder, a: Expr, c: Expr): Expr {
  return add(b, [a, neg(b, c)]);
}

/** a / c, as a·c⁻¹. */
export function div(b: ExprBuilder, a: Expr, c: Expr): Expr {
  return mul(b, [a, pow(b, c, b.minusOne)]);
}
