/**
 * Printing expressions with correct precedence. The structure (which terms
 * get a minus sign, which factors go below a fraction bar, where parentheses
 * are needed) is decided here once; a `Syntax` turns it into LaTeX or into
 * mathjs syntax.
 */
import { splitCoefficient, type CallName, type Expr, type ExprBuilder } from './expr';
import { asFraction } from './numbers';

/** Binding strength of printed text: a sum binds loosest, an atom tightest. */
export const enum Prec {
  Sum = 0,
  Product = 1,
  Power = 2,
  Atom = 3,
}

export interface Printed {
  text: string;
  prec: Prec;
}

/** How one output language writes each construct. */
export interface Syntax {
  number(value: number): Printed;
  variable(index: number): string;
  constant(name: 'pi' | 'e'): string;
  /** `first` already carries its own sign; each of `rest` is added or subtracted. */
  sum(first: string, rest: { minus: boolean; text: string }[]): string;
  /** A product of already-parenthesised factors, with a number coefficient (may be 1). */
  product(coefficient: number, factors: Printed[]): Printed;
  quotient(numerator: Printed, denominator: Printed): Printed;
  power(base: Printed, exponent: Printed, exponentValue: number | undefined): Printed;
  root(radicand: Printed): Printed;
  call(fn: CallName, args: Printed[], node: Expr): Printed;
  negate(inner: Printed): Printed;
  paren(text: string): string;
}

/**
 * Prints expressions built by one builder in one syntax, memoised by node id.
 * Nodes given names ({@link Printer.abbreviate}) print as their name wherever
 * they are an operand.
 */
export class Printer {
  private readonly memo = new Map<number, Printed>();
  private readonly names = new Map<number, Printed>();

  constructor(
    private readonly b: ExprBuilder,
    private readonly syntax: Syntax,
  ) {}

  /**
   * Writes each of `nodes` as `name(k)` (k its position) wherever it is an
   * operand. Call before printing anything: what is printed is kept.
   */
  abbreviate(nodes: readonly Expr[], name: (k: number) => string): void {
    if (this.memo.size > 0) throw new Error('abbreviate before printing');
    nodes.forEach((e, k) => this.names.set(e.id, { text: name(k), prec: Prec.Atom }));
  }

  /** The text of e, written out at the top even when e has a name (its operands may not). */
  print(e: Expr): string {
    return (this.names.has(e.id) ? this.make(e) : this.node(e)).text;
  }

  /** The text of e with its binding strength. */
  node(e: Expr): Printed {
    const name = this.names.get(e.id);
    if (name) return name;
    const known = this.memo.get(e.id);
    if (known) return known;
    const p = this.make(e);
    this.memo.set(e.id, p);
    return p;
  }

  /** Parenthesised when it binds looser than `min`. */
  wrap(p: Printed, min: Prec): Printed {
    return p.prec < min ? { text: this.syntax.paren(p.text), prec: Prec.Atom } : p;
  }

  private make(e: Expr): Printed {
    const s = this.syntax;
    switch (e.kind) {
      case 'num':
        return s.number(e.value);
      case 'const':
        return { text: s.constant(e.name), prec: Prec.Atom };
      case 'var':
        return { text: s.variable(e.index), prec: Prec.Atom };
      case 'add': {
        const parts = e.terms.map((t) => this.signedTerm(t));
        const [first, ...rest] = parts;
        const head = first.minus ? s.negate(first.body).text : first.body.text;
        const tail = rest.map((p) => ({
          minus: p.minus,
          text: this.wrap(p.body, Prec.Product).text,
        }));
        return { text: s.sum(head, tail), prec: Prec.Sum };
      }
      case 'mul': {
        const t = this.signedTerm(e);
        return t.minus ? s.negate(t.body) : t.body;
      }
      case 'pow':
        return this.signedTerm(e).body;
      case 'call':
        return s.call(
          e.fn,
          e.args.map((a) => this.node(a)),
          e,
        );
    }
  }

  /** A term as sign and magnitude: −3x/y → minus, 3x/y. */
  private signedTerm(t: Expr): { minus: boolean; body: Printed } {
    const [c, rest] = splitCoefficient(t, this.b);
    const minus = c < 0;
    // A coefficient that missed 1 by rounding (1.0000000000000002) is not written "1 ·".
    const near = asFraction(Math.abs(c));
    const magnitude = near && near[0] === 1 && near[1] === 1 ? 1 : Math.abs(c);
    if (rest.kind === 'num') return { minus, body: this.syntax.number(magnitude) };
    const factors = rest.kind === 'mul' ? rest.factors : [rest];
    return { minus, body: this.product(magnitude, factors) };
  }

  /** Factors with negative number exponents go below the fraction bar. */
  private product(coefficient: number, factors: readonly Expr[]): Printed {
    const top: Printed[] = [];
    const bottom: Printed[] = [];
    for (const f of factors) {
      if (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value < 0) {
        bottom.push(this.powerOf(f.base, -f.exp.value));
      } else if (f.kind === 'pow') {
        top.push(this.powerOf(f.base, f.exp.kind === 'num' ? f.exp.value : undefined, f.exp));
      } else {
        top.push(this.node(f));
      }
    }
    const s = this.syntax;
    const wrapAll = (list: Printed[]) => list.map((p) => this.wrap(p, Prec.Product));
    if (bottom.length === 0) {
      if (coefficient === 1 && top.length === 1) return top[0];
      return s.product(coefficient, wrapAll(top));
    }
    const numerator = s.product(coefficient, wrapAll(top));
    const denominator = bottom.length === 1 ? bottom[0] : s.product(1, wrapAll(bottom));
    return s.quotient(numerator, denominator);
  }

  /** base^k for a number k > 0 (roots for ½), or base^exp for a symbolic exponent. */
  private powerOf(base: Expr, k: number | undefined, exp?: Expr): Printed {
    if (k === 1) return this.node(base);
    if (k === 0.5) return this.syntax.root(this.node(base));
    const exponent = exp ? this.node(exp) : this.syntax.number(k!);
    return this.syntax.power(this.node(base), exponent, k);
  }
}
