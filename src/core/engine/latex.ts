/**
 * LaTeX output, valid for KaTeX: `\left(` `\right)` around groups, `\frac`
 * for quotients, simple fractions for coefficients (½, not 0.5), `\ln` for
 * the natural logarithm.
 */
import type { CallName, Expr, ExprBuilder } from './expr';
import { asFraction } from './numbers';
import { Prec, Printer, type Printed, type Syntax } from './print';

const NAMED: Partial<Record<CallName, string>> = {
  sin: '\\sin',
  cos: '\\cos',
  tan: '\\tan',
  asin: '\\arcsin',
  acos: '\\arccos',
  atan: '\\arctan',
  sinh: '\\sinh',
  cosh: '\\cosh',
  tanh: '\\tanh',
  log: '\\ln',
  exp: '\\exp',
  max: '\\max',
  min: '\\min',
  atan2: '\\operatorname{atan2}',
  sign: '\\operatorname{sign}',
};

/** Functions written f^{k}(x) for a positive integer power, as in \sin^{2}(x). */
const POWER_BEFORE_ARGUMENT = new Set<CallName>(['sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh']);

function plainNumber(v: number): string {
  const s = String(v);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m ? `${m[1]} \\cdot 10^{${Number(m[2])}}` : s;
}

function latexNumber(v: number): Printed {
  const f = asFraction(Math.abs(v));
  const sign = v < 0 ? '-' : '';
  const prec = v < 0 ? Prec.Product : Prec.Atom;
  if (f && f[1] !== 1) return { text: `${sign}\\frac{${f[0]}}{${f[1]}}`, prec };
  // A float that missed an integer (90.00000000000001) reads as that integer.
  const text = f ? String(f[0]) : plainNumber(Math.abs(v));
  return {
    text: sign + text,
    prec: v < 0 ? Prec.Product : text.includes('cdot') ? Prec.Product : Prec.Atom,
  };
}

/** Creates the LaTeX syntax for a list of variable spellings. */
export function latexSyntax(variables: readonly string[]): Syntax {
  const paren = (t: string) => `\\left(${t}\\right)`;
  const join = (parts: Printed[]) =>
    parts.reduce((acc, p) => {
      if (acc === '') return p.text;
      // A \cdot only where juxtaposition would misread: 2 3ˣ, or 2 \frac{..}.
      const sep = /^\d|^\\frac/.test(p.text) && /\d$/.test(acc) ? ' \\cdot ' : ' ';
      return acc + sep + p.text;
    }, '');
  const syntax: Syntax = {
    number: latexNumber,
    variable: (i) => variables[i] ?? `x_{${i}}`,
    constant: (name) => (name === 'pi' ? '\\pi' : 'e'),
    sum: (first, rest) =>
      first + rest.map((r) => (r.minus ? ` - ${r.text}` : ` + ${r.text}`)).join(''),
    product(coefficient, factors) {
      const f = coefficient === 1 ? undefined : asFraction(coefficient);
      if (f && f[1] !== 1 && factors.length > 0) {
        const top = join(factors);
        return { text: `\\frac{${f[0] === 1 ? '' : `${f[0]} `}${top}}{${f[1]}}`, prec: Prec.Atom };
      }
      const parts =
        coefficient === 1 && factors.length > 0 ? factors : [latexNumber(coefficient), ...factors];
      return { text: join(parts), prec: parts.length === 1 ? parts[0].prec : Prec.Product };
    },
    quotient: (n, d) => ({ text: `\\frac{${n.text}}{${d.text}}`, prec: Prec.Atom }),
    power(base, exponent) {
      const b = base.prec < Prec.Atom || base.text.startsWith('e^') ? paren(base.text) : base.text;
      return { text: `${b}^{${exponent.text}}`, prec: Prec.Power };
    },
    root: (r) => ({ text: `\\sqrt{${r.text}}`, prec: Prec.Atom }),
    call(fn, args, node) {
      const list = args.map((a) => a.text).join(', ');
      if (fn === 'abs') return { text: `\\left|${list}\\right|`, prec: Prec.Atom };
      if (fn === 'cbrt') return { text: `\\sqrt[3]{${list}}`, prec: Prec.Atom };
      if (fn === 'exp' && node.kind === 'call' && node.args[0].size <= 12) {
        return { text: `e^{${list}}`, prec: Prec.Power };
      }
      return { text: `${NAMED[fn]}${paren(list)}`, prec: Prec.Atom };
    },
    negate: (inner) => ({
      text: `-${inner.prec < Prec.Product ? paren(inner.text) : inner.text}`,
      prec: Prec.Product,
    }),
    paren,
  };
  return withTrigPowers(syntax);
}

/** \sin^{2}\left(x\right) rather than \left(\sin\left(x\right)\right)^{2}. */
function withTrigPowers(s: Syntax): Syntax {
  const power = s.power;
  return {
    ...s,
    power(base, exponent, k) {
      const m = /^\\(sin|cos|tan|sinh|cosh|tanh)\\left\(/.exec(base.text);
      if (
        m &&
        k !== undefined &&
        Number.isInteger(k) &&
        k > 0 &&
        POWER_BEFORE_ARGUMENT.has(m[1] as CallName) &&
        balancedCall(base.text)
      ) {
        const name = `\\${m[1]}`;
        return {
          text: `${name}^{${exponent.text}}${base.text.slice(name.length)}`,
          prec: Prec.Atom,
        };
      }
      return power(base, exponent, k);
    },
  };
}

/** True when text is one call `\fn\left(...\right)` and not `\fn(a) \cdot \fn(b)`. */
function balancedCall(text: string): boolean {
  let depth = 0;
  const re = /\\left|\\right/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    depth += m[0] === '\\left' ? 1 : -1;
    if (depth === 0 && m.index + 7 + 1 < text.length) return false;
  }
  return depth === 0;
}

/** A printer of LaTeX for expressions of one builder. */
export function latexPrinter(b: ExprBuilder, variables: readonly string[]): Printer {
  return new Printer(b, latexSyntax(variables));
}

export type { Expr };
