import type { CallName, Expr, ExprBuilder } from '../expr';

/**
 * A derivative rule for one function: given the arguments u and their
 * derivatives u′ (same variable), returns d f(u). Rules may assume that at
 * least one u′ is nonzero.
 */
export type CallRule = (b: ExprBuilder, args: readonly Expr[], d: readonly Expr[]) => Expr;

export type RuleTable = Partial<Record<CallName, CallRule>>;
