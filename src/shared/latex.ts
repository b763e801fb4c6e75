/**
 * Small LaTeX builders shared by the webview, the hover renderer and the
 * "Copy Result as LaTeX" command, so all three print the same formulas.
 */
import type { FunctionDerivation } from '../core/index';
import { signSymbolLatex, type Shorthand } from '../core/result';

/** A column vector. */
export function vectorLatex(entries: readonly string[]): string {
  if (entries.length === 0) return '()';
  return `\\begin{pmatrix} ${entries.join(' \\\\ ')} \\end{pmatrix}`;
}

/** A matrix from rows of LaTeX cells. */
export function matrixLatex(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '()';
  return `\\begin{pmatrix} ${rows.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
}

/** `f(x_0, x_1)` with the function's variables. */
export function signatureLatex(d: Pick<FunctionDerivation, 'name' | 'latex'>): string {
  return `${nameLatex(d.name)}(${d.latex.variables.join(', ')})`;
}

/** A function name as upright text, escaped for LaTeX. */
export function nameLatex(name: string): string {
  const escaped = name.replace(/[\\{}_^#$%&~]/g, (c) => (c === '\\' ? '' : `\\${c}`));
  return name.length === 1 ? escaped : `\\operatorname{${escaped}}`;
}

/**
 * The result's entries with each sign written out, when the derivation has
 * them: printed on request (`DeriveOptions.writtenOut`), or the same as the
 * entries with sign symbols when every sign is known.
 */
export function writtenOutLatex(
  d: Pick<FunctionDerivation, 'latex' | 'signsUnknown'>,
): readonly string[] | undefined {
  return d.latex.result ?? (d.signsUnknown ? undefined : d.latex.resultBySign);
}

/** The headline equation ∇‖∇f‖₁ = (entries), for the result written out. */
export function resultEquationLatex(name: string, entries: readonly string[]): string {
  return `\\nabla\\lVert\\nabla ${nameLatex(name)}\\rVert_1 = ${vectorLatex(entries)}`;
}

/**
 * `equation` followed by the shorthands it uses, when it uses any (a result too
 * long to write in full is written with them), so that a copy stands alone.
 */
export function withShorthandsLatex(
  equation: string,
  shorthands: readonly Pick<Shorthand, 'latexSymbol' | 'latex'>[],
): string {
  if (!shorthands.some((s) => equation.includes(s.latexSymbol))) return equation;
  const defs = shorthands.map((s) => `${s.latexSymbol} = ${s.latex}`);
  return `\\begin{gathered} ${equation} \\\\ \\text{where } ${defs.join(' \\\\ ')} \\end{gathered}`;
}

/** The result with the signs as symbols: ∇‖∇f‖₁ = (H_f·s). */
export function resultBySignLatex(d: Pick<FunctionDerivation, 'name' | 'latex'>): string {
  const f = nameLatex(d.name);
  return `\\nabla\\lVert\\nabla ${f}\\rVert_1 = ${vectorLatex(d.latex.resultBySign)}`;
}

/** What the s_v of {@link resultBySignLatex} stand for: s_v = sign(∂f/∂v). */
export function signLegendLatex(name: string): string {
  const f = nameLatex(name);
  const sign = `\\operatorname{sign}\\left(\\partial ${f} / \\partial v\\right)`;
  return `${signSymbolLatex('v')} = ${sign}`;
}

/** Rows/columns [start, end) of the blocks a d×d matrix is split into for display. */
export function blockRanges(d: number, size = 8): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = 0; start < d; start += size) ranges.push([start, Math.min(d, start + size)]);
  return ranges;
}

/** The sub-matrix rows[r0:r1][c0:c1] as LaTeX. */
export function blockLatex(
  rows: readonly (readonly string[])[],
  [r0, r1]: [number, number],
  [c0, c1]: [number, number],
): string {
  return matrixLatex(rows.slice(r0, r1).map((row) => row.slice(c0, c1)));
}
