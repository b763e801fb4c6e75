/**
 * mathjs syntax: what the `gradnorm` command prints, so that
 * `mathjs.evaluate(text, scope)` reproduces the value. Numbers keep every
 * digit (the shortest round-trip form).
 */
import type { ExprBuilder } from './expr';
import { Prec, Printer, type Printed, type Syntax } from './print';

function mathjsNumber(v: number): Printed {
  const text = String(v);
  return { text, prec: v < 0 || text.includes('e') ? Prec.Product : Prec.Atom };
}

/** The text, in parentheses when it binds looser than `min`. */
function wrapBelow(p: Printed, min: Prec): string {
  return p.prec < min ? `(${p.text})` : p.text;
}

/** Creates the mathjs syntax for a list of variable symbols. */
export function mathjsSyntax(symbols: readonly string[]): Syntax {
  const paren = (t: string) => `(${t})`;
  return {
    number: mathjsNumber,
    variable: (i) => symbols[i] ?? `x${i}`,
    constant: (name) => name,
    sum: (first, rest) =>
      first + rest.map((r) => (r.minus ? ` - ${r.text}` : ` + ${r.text}`)).join(''),
    product(coefficient, factors) {
      const parts =
        coefficient === 1 && factors.length > 0 ? factors : [mathjsNumber(coefficient), ...factors];
      const text = parts.map((p) => (p.prec < Prec.Power ? paren(p.text) : p.text)).join(' * ');
      return { text, prec: parts.length === 1 ? parts[0].prec : Prec.Product };
    },
    quotient: (n, d) => ({
      text: `${wrapBelow(n, Prec.Product)} / ${wrapBelow(d, Prec.Power)}`,
      prec: Prec.Product,
    }),
    power: (base, exponent) => ({
      text: `${wrapBelow(base, Prec.Atom)}^${wrapBelow(exponent, Prec.Atom)}`,
      prec: Prec.Power,
    }),
    root: (r) => ({ text: `sqrt(${r.text})`, prec: Prec.Atom }),
    call: (fn, args) => ({ text: `${fn}(${args.map((a) => a.text).join(', ')})`, prec: Prec.Atom }),
    negate: (inner) => ({
      text: `-${inner.prec < Prec.Product ? paren(inner.text) : inner.text}`,
      prec: Prec.Product,
    }),
    paren,
  };
}

/** A printer of mathjs syntax for expressions of one builder. */
export function mathjsPrinter(b: ExprBuilder, symbols: readonly string[]): Printer {
  return new Printer(b, mathjsSyntax(symbols));
}
