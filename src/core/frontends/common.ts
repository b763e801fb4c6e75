/**
 * Pieces shared by the language front ends: naming of scalar variables, and
 * the spellings of math functions each language accepts.
 */
import type { MathFunction, Position, SourceExpr, Variable } from '../source';

/** Identifiers that mathjs reads as constants or functions; never use them as symbols. */
const RESERVED_SYMBOLS = new Set([
  'e',
  'E',
  'pi',
  'PI',
  'i',
  'Infinity',
  'NaN',
  'true',
  'false',
  'null',
  'undefined',
  'tau',
  'phi',
  'LN2',
  'LN10',
  'LOG2E',
  'LOG10E',
  'SQRT1_2',
  'SQRT2',
]);

/** A symbol safe for mathjs: letters, digits and underscores, not a reserved name. */
export function safeSymbol(wanted: string, taken: Set<string>): string {
  let base = wanted.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `v_${base}`;
  if (RESERVED_SYMBOLS.has(base)) base = `${base}_`;
  let symbol = base;
  for (let k = 2; taken.has(symbol); k++) symbol = `${base}_${k}`;
  taken.add(symbol);
  return symbol;
}

/** Greek letter names: `\\theta` in LaTeX is the symbol theta; a parameter `theta` prints as θ. */
export const GREEK: ReadonlySet<string> = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'varepsilon',
  'zeta',
  'eta',
  'theta',
  'vartheta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'rho',
  'varrho',
  'sigma',
  'tau',
  'upsilon',
  'phi',
  'varphi',
  'chi',
  'psi',
  'omega',
  'Gamma',
  'Delta',
  'Theta',
  'Lambda',
  'Xi',
  'Sigma',
  'Upsilon',
  'Phi',
  'Psi',
  'Omega',
]);

/** LaTeX for a plain identifier: single letters as is, longer names upright, Greek by name. */
export function identifierLatex(name: string): string {
  const sub = /^([A-Za-z]+)_?([0-9]+)$/.exec(name);
  if (sub) return `${identifierLatex(sub[1])}_{${sub[2]}}`;
  if (GREEK.has(name)) return `\\${name}`;
  if (name.length === 1) return name;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

/** A scalar parameter such as `y` in `def f(x, y)`. */
export function scalarVariable(name: string, taken: Set<string>): Variable {
  return { name, symbol: safeSymbol(name, taken), latex: identifierLatex(name) };
}

/**
 * An indexed component such as `x[0]` (Python/JS, 0-based) or `x(1)`/`x[1]`
 * (MATLAB/Julia, 1-based). The symbol and LaTeX keep the source's index.
 */
export function indexedVariable(
  base: string,
  index: number,
  written: string,
  taken: Set<string>,
): Variable {
  return {
    name: written,
    symbol: safeSymbol(`${base}${index}`, taken),
    latex: `${identifierLatex(base)}_{${index}}`,
  };
}

/** Maps a function name as written (after stripping `np.`, `Math.` ...) to the engine's. */
export const COMMON_FUNCTIONS: Readonly<Record<string, MathFunction>> = {
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  asin: 'asin',
  acos: 'acos',
  atan: 'atan',
  atan2: 'atan2',
  arcsin: 'asin',
  arccos: 'acos',
  arctan: 'atan',
  arctan2: 'atan2',
  sinh: 'sinh',
  cosh: 'cosh',
  tanh: 'tanh',
  exp: 'exp',
  log: 'log',
  log10: 'log10',
  log2: 'log2',
  sqrt: 'sqrt',
  cbrt: 'cbrt',
  abs: 'abs',
  sign: 'sign',
  max: 'max',
  min: 'min',
  maximum: 'max',
  minimum: 'min',
  hypot: 'hypot',
  pow: 'pow',
  power: 'pow',
};

/** Argument counts the engine accepts per function (max/min/hypot take two or more). */
export function arityOk(fn: MathFunction, count: number): boolean {
  switch (fn) {
    case 'atan2':
    case 'pow':
      return count === 2;
    case 'max':
    case 'min':
    case 'hypot':
      return count >= 2;
    default:
      return count === 1;
  }
}

/** Shorthands for building source trees in front ends. */
export const src = {
  num: (value: number, at: Position): SourceExpr => ({ type: 'number', value, at }),
  variable: (index: number, at: Position): SourceExpr => ({ type: 'variable', index, at }),
  negate: (arg: SourceExpr, at: Position): SourceExpr => ({ type: 'negate', arg, at }),
  binary: (
    op: '+' | '-' | '*' | '/' | '^',
    left: SourceExpr,
    right: SourceExpr,
    at: Position,
  ): SourceExpr => ({ type: 'binary', op, left, right, at }),
  call: (fn: MathFunction, args: SourceExpr[], at: Position): SourceExpr => ({
    type: 'call',
    fn,
    args,
    at,
  }),
};

/**
 * A problem with a whole document, not one definition (reading it took too
 * long): its message, meant for the user, becomes a diagnostic at the top.
 */
export class DocumentError extends Error {}
