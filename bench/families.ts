/**
 * The benchmark's test functions: five families of f(x) over d variables,
 * written out term by term the way a user would type them in code. Each
 * family is generated once as a list of terms plus an outer expression, so
 * the Python source we derive, the SymPy peer's expression and the mathjs
 * string are the same function term for term.
 */

/** How variables, powers and calls are spelled in one target language. */
export interface Syntax {
  v(i: number): string;
  pow(base: string, n: number): string;
  call(fn: string, arg: string): string;
}

/** Python / NumPy, as the extension reads it: `x[0]`, `a**2`, `np.exp(a)`. */
export const PYTHON: Syntax = {
  v: (i) => `x[${i}]`,
  pow: (base, n) => `${base}**${n}`,
  call: (fn, arg) => `np.${fn}(${arg})`,
};

/** mathjs expression syntax: `x0`, `a^2`, `exp(a)`. */
export const MATHJS: Syntax = {
  v: (i) => `x${i}`,
  pow: (base, n) => `${base}^${n}`,
  call: (fn, arg) => `${fn}(${arg})`,
};

/** A function as the sum S of `terms`, wrapped by `outer` (which contains `S`). */
export interface Generated {
  terms: string[];
  /** E.g. `S`, `(S)/2`, `np.log(S)`; `S` stands for the parenthesised sum. */
  outer: string;
}

/** One family of test functions. */
export interface Family {
  /** Short id used on the command line and in the JSON output. */
  name: string;
  /** The formula, for the README and the table header. */
  formula: string;
  generate(d: number, s: Syntax): Generated;
}

/** Joins signed terms `[coefficient, expression]` into `3*a - 2*b + c`. */
function linear(terms: readonly [number, string][]): string {
  let out = '';
  for (const [c, e] of terms) {
    if (c === 0) continue;
    const mag = Math.abs(c) === 1 ? e : `${Math.abs(c)}*${e}`;
    if (out === '') out = c < 0 ? `-${mag}` : mag;
    else out += c < 0 ? ` - ${mag}` : ` + ${mag}`;
  }
  return out === '' ? '0' : out;
}

/** Fixed integer weights in −3..3 of the neural layer: unit k, input j. */
export function neuralWeight(k: number, j: number): number {
  return ((3 * k + 5 * j + 1) % 7) - 3;
}

/** Units of the neural layer family. */
export const NEURAL_UNITS = 8;

/** The five families, in table order. */
export const FAMILIES: readonly Family[] = [
  {
    name: 'rosenbrock',
    formula: 'Σ 100(x_{i+1} − x_i²)² + (1 − x_i)²',
    generate: (d, s) => {
      const terms: string[] = [];
      for (let i = 0; i + 1 < d; i++) {
        terms.push(`100*${s.pow(`(${s.v(i + 1)} - ${s.pow(s.v(i), 2)})`, 2)}`);
        terms.push(s.pow(`(1 - ${s.v(i)})`, 2));
      }
      return { terms, outer: 'S' };
    },
  },
  {
    name: 'quadratic',
    formula: 'Σ_ij (i+j+1) x_i x_j / 2',
    generate: (d, s) => {
      const terms: string[] = [];
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) terms.push(`${i + j + 1}*${s.v(i)}*${s.v(j)}`);
      }
      return { terms, outer: '(S)/2' };
    },
  },
  {
    name: 'logsumexp',
    formula: 'log Σ exp(x_i)',
    generate: (d, s) => ({
      terms: Array.from({ length: d }, (_, i) => s.call('exp', s.v(i))),
      outer: s.call('log', 'S'),
    }),
  },
  {
    name: 'trigring',
    formula: 'Σ sin(x_i) cos(x_{i+1 mod d})',
    generate: (d, s) => ({
      terms: Array.from(
        { length: d },
        (_, i) => `${s.call('sin', s.v(i))}*${s.call('cos', s.v((i + 1) % d))}`,
      ),
      outer: 'S',
    }),
  },
  {
    name: 'neural',
    formula: `Σ_k tanh(w_k · x), ${NEURAL_UNITS} units, fixed integer weights`,
    generate: (d, s) => ({
      terms: Array.from({ length: NEURAL_UNITS }, (_, k) =>
        s.call(
          'tanh',
          linear(
            Array.from({ length: d }, (_, j): [number, string] => [neuralWeight(k, j), s.v(j)]),
          ),
        ),
      ),
      outer: 'S',
    }),
  },
];

/** Looks a family up by name; throws on an unknown one. */
export function family(name: string): Family {
  const found = FAMILIES.find((f) => f.name === name);
  if (!found) throw new Error(`unknown family '${name}' (known: ${FAMILIES.map((f) => f.name)})`);
  return found;
}

/** The whole expression: `outer` with `S` replaced by the joined terms. */
export function expression(g: Generated): string {
  const sum = g.terms.join(' + ');
  return g.outer === 'S' ? sum : g.outer.replace('S', sum);
}

/** The family at size d as a Python file with one function `f(x)`. */
export function pythonSource(fam: Family, d: number): string {
  return `import numpy as np\n\n\ndef f(x):\n    return ${expression(fam.generate(d, PYTHON))}\n`;
}

/** The family at size d as a mathjs expression over `x0 … x{d-1}`. */
export function mathjsSource(fam: Family, d: number): { expr: string; vars: string[] } {
  const vars = Array.from({ length: d }, (_, i) => MATHJS.v(i));
  return { expr: expression(fam.generate(d, MATHJS)), vars };
}
