/**
 * The derivation of ∇‖∇f‖₁ = H_f·sign(∇f) for one function, as plain data:
 * the CLI prints it as JSON, the extension posts it to webviews.
 */
import type { Diagnostic, Language, Variable } from './source';

/**
 * `ok`: symbolic and finite-difference values agree. `nonsmooth`: a kink of f
 * or of the L1 norm (some ∂f/∂x_i = 0) lies at or within a step of the point;
 * values there use sign(0) = 0 and are one subgradient. `mismatch`: they
 * disagree (a bug). `undefined`: f is not defined at the point (log of a
 * negative number, division by zero); no values are shown.
 */
export type CheckStatus = 'ok' | 'nonsmooth' | 'mismatch' | 'undefined';

/** A numeric check at one point. Numbers are null where undefined there. */
export interface PointCheck {
  point: number[];
  value: number | null;
  gradient: (number | null)[];
  hessian: (number | null)[][];
  result: (number | null)[];
  /** Central finite differences of x ↦ ‖∇f(x)‖₁ (compare with `result`). */
  finiteDifference: (number | null)[];
  /** Largest relative error of the symbolic values against finite differences. */
  error: number | null;
  status: CheckStatus;
  /** Why the status is what it is, in words (for the panel's table). */
  note?: string;
}

export interface DerivationStep {
  title: string;
  latex: string;
  /** Optional plain-language remark shown under the formula. */
  remark?: string;
}

export interface FunctionDerivation {
  name: string;
  language: Language;
  range: { startLine: number; endLine: number };
  nameAt: { line: number; column: number };
  variables: Pick<Variable, 'name' | 'symbol'>[];
  /** mathjs syntax over the variables' symbols. */
  f: string;
  gradient: string[];
  hessian: string[][];
  /** The L1 norm of the gradient, Σ|f_i|. */
  norm: string;
  /**
   * The result with each sign(∂f/∂v) written out in full. Absent when it was
   * not asked for (`DeriveOptions.writtenOut` false) and differs from
   * `resultBySign`, which is when `signsUnknown`.
   */
  result?: string[];
  /**
   * The result as H_f·s (see `latex.resultBySign`), each sign(∂f/∂v) not known
   * to be constant written `s_<symbol>` ({@link signSymbol}).
   */
  resultBySign: string[];
  /** Some sign(∂f/∂v) is not constant: `resultBySign` writes it as a symbol. */
  signsUnknown: boolean;
  latex: {
    f: string;
    gradient: string[];
    hessian: string[][];
    norm: string;
    /** Written out in full; absent exactly when `result` is. */
    result?: string[];
    /**
     * The result as H_f·s: each sign(∂f/∂x_i) not known to be constant is
     * written `s_{x_i}` (see {@link signSymbolLatex}) instead of in full.
     */
    resultBySign: string[];
    /** LaTeX for each variable, same order as `variables`. */
    variables: string[];
  };
  /**
   * Repeated subexpressions, each named once (`DeriveOptions.shorthands`),
   * operands first: a definition may use earlier names. The gradient,
   * Hessian, norm, result as H_f·s, nonsmooth set and steps write them by
   * name; `f` and `result` are written in full. Empty when not asked for.
   */
  shorthands: Shorthand[];
  derivation: DerivationStep[];
  /** Conditions (mathjs syntax, `expr == 0`) on which the result is only a subgradient. */
  nonsmooth: string[];
  /** The same conditions in LaTeX. */
  nonsmoothLatex: string[];
  checks: PointCheck[];
  /** Time the symbolic derivation took, in milliseconds. */
  elapsedMs: number;
}

/** A repeated subexpression named once (see {@link FunctionDerivation.shorthands}). */
export interface Shorthand {
  /** Its name in mathjs syntax, as the mathjs strings use it (`u1`). */
  symbol: string;
  /** What it stands for, in mathjs syntax. */
  text: string;
  /** Its name in LaTeX (`u_{1}`). */
  latexSymbol: string;
  /** What it stands for, in LaTeX. */
  latex: string;
}

export interface DocumentDerivation {
  functions: FunctionDerivation[];
  diagnostics: Diagnostic[];
}

/** How s_i = sign(∂f/∂x_i) is written in {@link FunctionDerivation.resultBySign}, for a variable's symbol. */
export function signSymbol(variableSymbol: string): string {
  return `s_${variableSymbol}`;
}

/**
 * How s_i = sign(∂f/∂x_i) is written in {@link FunctionDerivation.latex.resultBySign},
 * for a variable's LaTeX.
 */
export function signSymbolLatex(variableLatex: string): string {
  return `s_{${variableLatex}}`;
}

/**
 * The title of the derivation's last step, the nonsmooth set. The views show
 * that set in a card of its own, so they leave the step out of their list.
 */
export const NONSMOOTH_STEP_TITLE = 'Nonsmooth set';

/**
 * The title of the step that defines the shorthands. The views show them in a
 * card of their own, so they leave the step out of their list.
 */
export const SHORTHANDS_STEP_TITLE = 'Shorthands';
