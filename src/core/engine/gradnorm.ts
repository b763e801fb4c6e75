/**
 * The symbolic heart of the product: for f of d variables, the gradient
 * f_i = ∂f/∂x_i, the Hessian f_ij, the L1 norm Σ|f_i| and its gradient
 *
 *     ∂_j ‖∇f‖₁ = Σ_i sign(f_i) f_ij,   i.e.   ∇‖∇f‖₁ = H_f · sign(∇f),
 *
 * with sign(0) = 0, plus the places where that is only a subgradient.
 */
import { add, contentOf, mul, primitivePart } from './algebra';
import { findNode, splitCoefficient, type Expr, type ExprBuilder } from './expr';
import { absOf, signFn } from './functions';
import { Differentiator } from './differentiate';
import { isNonzero } from './positivity';
import { factorSums } from './simplify';

export interface GradNorm {
  f: Expr;
  gradient: Expr[];
  /** Symmetric: hessian[i][j] === hessian[j][i]. */
  hessian: Expr[][];
  /** sign(f_i), simplified where the sign is known. */
  signs: Expr[];
  norm: Expr;
  result: Expr[];
  /**
   * The result with each sign(f_i) whose value is not known kept as a symbol
   * s_i, variable d + i ({@link signVariable}): H_f·s. Much shorter than
   * `result` when the f_i are long, since each appears once instead of in
   * every entry.
   */
  resultBySign: Expr[];
  /**
   * Expressions whose zeros are kinks: gradient components (the L1 norm's
   * kinks) and the arguments of |·|, sign and max/min in f and ∇f.
   */
  kinks: Expr[];
  /** How many of `kinks` are gradient components (they come first). */
  gradientKinks: number;
}

/** Derives everything for f over `d` variables. */
export function deriveGradNorm(b: ExprBuilder, f: Expr, d: number): GradNorm {
  const D = new Differentiator(b);
  const memo = new Map<number, Expr>();
  const tidy = (e: Expr) => factorSums(b, e, memo);

  const rawGradient = Array.from({ length: d }, (_, i) => D.d(f, i));
  const gradient = rawGradient.map(tidy);

  // The Hessian is symmetric (Schwarz): derive the upper triangle only.
  const hessian: Expr[][] = Array.from({ length: d }, () => new Array<Expr>(d));
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const h = tidy(D.d(rawGradient[i], j));
      hessian[i][j] = h;
      hessian[j][i] = h;
    }
  }

  const signs = gradient.map((g) => signFn(b, g));
  // Tidied too: the softmax components of log-sum-exp sum to exactly 1.
  const norm = tidy(
    add(
      b,
      gradient.map((g) => absOf(b, g)),
    ),
  );
  const result = hessian.map((row) =>
    tidy(
      add(
        b,
        row.map((h, i) => mul(b, [h, signs[i]])),
      ),
    ),
  );

  const s = signs.map((sg, i) => (sg.kind === 'num' ? sg : b.variable(signVariable(d, i))));
  const resultBySign = hessian.map((row) =>
    tidy(
      add(
        b,
        row.map((h, i) => mul(b, [h, s[i]])),
      ),
    ),
  );

  const ofGradient = uniqueKinks(b, gradient);
  const kinks = uniqueKinks(b, kinkArguments(b, [f, ...gradient]), ofGradient);
  return {
    f,
    gradient,
    hessian,
    signs,
    norm,
    result,
    resultBySign,
    kinks,
    gradientKinks: ofGradient.length,
  };
}

/** The variable index of s_i = sign(f_i) in {@link GradNorm.resultBySign}, for f of d variables. */
export function signVariable(d: number, i: number): number {
  return d + i;
}

/** The arguments u of |u| and sign(u), and a − b of max(a, b) and min(a, b). */
function kinkArguments(b: ExprBuilder, roots: readonly Expr[]): Expr[] {
  const out: Expr[] = [];
  findNode(roots, (e) => {
    if (e.kind !== 'call') return undefined;
    if (e.fn === 'abs' || e.fn === 'sign') out.push(e.args[0]);
    if (e.fn === 'max' || e.fn === 'min') {
      out.push(add(b, [e.args[0], mul(b, [b.minusOne, e.args[1]])]));
    }
    return undefined;
  });
  return out;
}

/**
 * Appends to `known` (already unique) the kinks of `list`, dropping constants,
 * provably nonzero expressions and repeats up to a factor.
 */
function uniqueKinks(b: ExprBuilder, list: readonly Expr[], known: readonly Expr[] = []): Expr[] {
  const seen = new Set<number>(known.map((k) => splitCoefficient(k, b)[1].id));
  const out: Expr[] = [...known];
  for (const listed of list) {
    // sign(u) = 0 exactly where u = 0.
    const inner = listed.kind === 'call' && listed.fn === 'sign' ? listed.args[0] : listed;
    // c·u = 0 exactly where u = 0: show the primitive form (x − y², not 200x − 200y²).
    const k = inner.kind === 'add' ? primitivePart(b, inner, contentOf(inner)) : inner;
    if (k.deps.length === 0 || neverZero(b, k)) continue;
    // 8x = 0 exactly where x = 0: the coefficient goes too.
    const [, rest] = splitCoefficient(k, b);
    if (seen.has(rest.id)) continue;
    seen.add(rest.id);
    out.push(rest);
  }
  return out;
}

/**
 * Provably nonzero wherever it is defined: a nonzero sign, 1/u (u^−k is never 0),
 * or a product of such factors. 1/(x − 5) = 0 is no kink.
 */
function neverZero(b: ExprBuilder, e: Expr): boolean {
  if (isNonzero(b, e)) return true;
  if (e.kind === 'pow') return e.exp.kind === 'num' && e.exp.value < 0;
  if (e.kind === 'mul') return e.factors.every((f) => neverZero(b, f));
  return false;
}
