/**
 * mathjs syntax: what the `gradnorm` command prints, so that
 * `mathjs.evaluate(text, scope)` reproduces the value. Numbers keep every
 * digit (the shortest round-trip form), but for a simple fraction with a long
 * decimal form: `y / 3`, not `0.3333333333333333 * y` ({@link readable}).
 */
import type { ExprBuilder } from './expr';
import { asFraction } from './numbers';
import { Prec, Printer, type Printed, type Syntax } from './print';

/**
 * How a number with a long decimal form reads best, when it is (to the last
 * digit or so) a simple fraction: a short decimal (0.1 · 3 = 0.30000000000000004
 * is 0.3, 90.00000000000001 is 90) or p / q (1/3 is 1 / 3). 7/3 folded from
 * other fractions may differ from the double 7/3 in the last place.
 */
function readable(v: number): { decimal: string } | { p: number; q: number } | undefined {
  const f = v > 0 && String(v).length > 6 ? asFraction(v) : undefined;
  if (!f) return undefined;
  if (f[1] === 1) return { decimal: String(f[0]) }; // 1000000, or 90 for 90.00000000000001
  const decimal = String(f[0] / f[1]);
  return decimal.length <= 6 ? { decimal } : { p: f[0], q: f[1] };
}

function mathjsNumber(v: number): Printed {
  const r = readable(Math.abs(v));
  const sign = v < 0 ? '-' : '';
  if (r && 'p' in r) return { text: `${sign}${r.p} / ${r.q}`, prec: Prec.Product };
  const text = r ? `${sign}${r.decimal}` : String(v);
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
      const wrapped = (parts: Printed[]) =>
        parts.map((p) => (p.prec < Prec.Power ? paren(p.text) : p.text)).join(' * ');
      const r = factors.length > 0 ? readable(coefficient) : undefined;
      if (r && 'p' in r) {
        const top = r.p === 1 ? factors : [mathjsNumber(r.p), ...factors];
        return { text: `${wrapped(top)} / ${r.q}`, prec: Prec.Product };
      }
      const parts =
        coefficient === 1 && factors.length > 0 ? factors : [mathjsNumber(coefficient), ...factors];
      return { text: wrapped(parts), prec: parts.length === 1 ? parts[0].prec : Prec.Product };
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
