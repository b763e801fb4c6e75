/**
 * The derivation shown to the user, step by step, in LaTeX: both routes of
 * the seed's answers instantiated for the user's own f.
 *
 * Route 1 (componentwise): ‖∇f‖₁ = Σ_i |f_i|, so ∂_j‖∇f‖₁ = Σ_i sign(f_i) f_ij,
 * which is row j of H_f times sign(∇f).
 * Route 2 (chain rule through g(a) = √|a|): ‖v‖₁ = ‖g[v]‖₂², hence
 * ∇‖∇f‖₁ = 2 H_f (g′[∇f] ⊙ g[∇f]) and g′(a) g(a) = ½ sign(a).
 */
import type { Expr } from './engine/expr';
import type { GradNorm } from './engine/gradnorm';
import type { Printer } from './engine/print';
import {
  NONSMOOTH_STEP_TITLE,
  SHORTHANDS_STEP_TITLE,
  type DerivationStep,
  type Shorthand,
} from './result';

/** Above this many variables, long listings show the first and last entries only. */
const LISTED = 12;

function column(entries: readonly string[]): string {
  return `\\begin{pmatrix} ${entries.join(' \\\\ ')} \\end{pmatrix}`;
}

/** The matrix in LaTeX; large ones are elided in the middle (the panel shows them in full). */
export function matrixLatex(rows: readonly (readonly string[])[]): string {
  const body = rows.map((r) => r.join(' & ')).join(' \\\\ ');
  return `\\begin{pmatrix} ${body} \\end{pmatrix}`;
}

function listed<T>(items: readonly T[], show: (item: T, index: number) => string): string[] {
  if (items.length <= LISTED) return items.map(show);
  const head = items.slice(0, LISTED - 2).map(show);
  return [...head, '\\vdots', show(items[items.length - 1], items.length - 1)];
}

/** How the steps print: see {@link derivationSteps}. */
export interface StepPrinters {
  /** The derivatives, with the shorthands' names if any. */
  tex: Printer;
  /** The same, with each unknown sign as its symbol s_v (variables d + i, see `signVariable`). */
  bySign: Printer;
  /** f's LaTeX, in full. */
  f: string;
  /** The shorthands `tex` and `bySign` write by name, defined in a step of their own. */
  shorthands: readonly Shorthand[];
}

/** Builds the steps; `vars` are the variables' LaTeX, `name` the function's. */
export function derivationSteps(
  g: GradNorm,
  { tex, bySign, f, shorthands }: StepPrinters,
  vars: readonly string[],
  name: string,
): DerivationStep[] {
  const d = vars.length;
  const fname = name.length === 1 ? name : `\\mathrm{${name.replace(/_/g, '\\_')}}`;
  const args = vars.join(', ');
  const partial = (i: number) => `f_{${vars[i]}}`;
  const p = (e: Expr) => tex.print(e);
  const aligned = (lines: string[]) => `\\begin{aligned} ${lines.join(' \\\\ ')} \\end{aligned}`;
  const steps: DerivationStep[] = [];

  steps.push({ title: 'The function', latex: `${fname}(${args}) = ${f}` });
  if (shorthands.length > 0) {
    steps.push({
      title: SHORTHANDS_STEP_TITLE,
      latex: aligned(listed(shorthands, (s) => `${s.latexSymbol} &= ${s.latex}`)),
      remark:
        `Subexpressions that repeat in the derivatives, named once (${shorthands.length} in ` +
        'all); the steps below use the names.',
    });
  }

  steps.push({
    title: 'Gradient',
    latex: aligned(
      listed(
        g.gradient,
        (e, i) => `${partial(i)} = \\frac{\\partial ${fname}}{\\partial ${vars[i]}} &= ${p(e)}`,
      ),
    ),
    remark: `One partial derivative per variable (${d} in all), simplified.`,
  });

  steps.push({
    title: 'The L1 norm of the gradient',
    latex: `\\|\\nabla ${fname}\\|_1 = \\sum_{i=1}^{${d}} \\left|f_i\\right| = ${p(g.norm)}`,
  });

  steps.push({
    title: 'Route 1: componentwise',
    latex: aligned([
      `\\frac{\\partial}{\\partial x_j} \\|\\nabla ${fname}\\|_1 &= \\sum_{i=1}^{${d}} ` +
        '\\frac{\\partial}{\\partial x_j} \\left|f_i\\right|',
      `&= \\sum_{i=1}^{${d}} \\operatorname{sign}\\left(f_i\\right) f_{ij}`,
      '&= H_j \\cdot \\operatorname{sign}\\left(\\nabla f\\right)',
    ]),
    remark:
      'd|u| = sign(u) du with sign(0) = 0; f_ij are the second derivatives, ' +
      'H_j is row j of the Hessian.',
  });

  steps.push({
    title: 'Hessian',
    latex: `H_{${fname}} = ${matrixLatex(g.hessian.map((row) => listed(row, p)).slice(0, LISTED))}`,
    remark: d > LISTED ? `Shown in part: ${d}×${d} entries; the panel lists them all.` : undefined,
  });

  steps.push({
    title: 'Sign vector',
    latex: `\\operatorname{sign}\\left(\\nabla ${fname}\\right) = ${column(listed(g.signs, p))}`,
    remark: 'Signs the engine can prove (eˣ > 0, x² + 1 > 0, …) are replaced by ±1.',
  });

  // Each sign(f_i) written out would repeat all of f_i in every entry: the
  // unknown ones are the symbols s_v of the sign vector above.
  const unknown = g.signs.some((s) => s.kind !== 'num');
  steps.push({
    title: 'Result: H·sign(∇f), simplified',
    latex:
      `\\nabla \\|\\nabla ${fname}\\|_1 = H_{${fname}} ` +
      `\\operatorname{sign}\\left(\\nabla ${fname}\\right) = ` +
      column(listed(unknown ? g.resultBySign : g.result, (e) => bySign.print(e))),
    remark: unknown
      ? `s_v = sign(∂${name}/∂v), the entries of the sign vector above (sign(0) = 0).`
      : undefined,
  });

  const sqrtAbs = listed(g.gradient, (e) => `\\sqrt{\\left|${p(e)}\\right|}`);
  steps.push({
    title: 'Route 2: through g(a) = √|a|',
    latex: aligned([
      `\\|\\nabla ${fname}\\|_1 &= \\left\\|g\\left[\\nabla ${fname}\\right]\\right\\|_2^2, ` +
        `\\quad g\\left[\\nabla ${fname}\\right] = ${column(sqrtAbs)}`,
      `\\nabla \\|\\nabla ${fname}\\|_1 &= 2 H_{${fname}} ` +
        `\\left(g'\\left[\\nabla ${fname}\\right] ` +
        `\\odot g\\left[\\nabla ${fname}\\right]\\right)`,
      `g'(a)\\, g(a) &= \\frac{\\operatorname{sign}(a)}{2\\sqrt{|a|}} \\sqrt{|a|} = ` +
        '\\frac{1}{2} \\operatorname{sign}(a)',
      `\\Rightarrow \\nabla \\|\\nabla ${fname}\\|_1 &= H_{${fname}} ` +
        `\\operatorname{sign}\\left(\\nabla ${fname}\\right)`,
    ]),
    remark:
      'The same result by the chain rule; at a = 0, g′ is undefined and sign(0) = 0 ' +
      'is the limit taken.',
  });

  steps.push(nonsmoothStep(g, tex, name));
  return steps;
}

function nonsmoothStep(g: GradNorm, tex: Printer, name: string): DerivationStep {
  if (g.kinks.length === 0) {
    return {
      title: NONSMOOTH_STEP_TITLE,
      latex: '\\varnothing',
      remark:
        'No component of the gradient can vanish and f has no kinks: ' +
        'the result is a true gradient everywhere it is defined.',
    };
  }
  const conditions = listed(g.kinks, (k) => `${tex.print(k)} = 0`);
  return {
    title: NONSMOOTH_STEP_TITLE,
    latex: `\\begin{aligned} & ${conditions.join(' \\\\ \\text{or } & ')} \\end{aligned}`,
    remark:
      `Where one of these holds, ‖∇${name}‖₁ (or ${name}) has a kink and the result is one ` +
      'element of the subdifferential ' +
      '{H s : s_i = sign(f_i) if f_i ≠ 0, s_i ∈ [−1, 1] otherwise}, ' +
      'taken with sign(0) = 0.',
  };
}
