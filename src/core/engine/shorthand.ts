/**
 * Shorthands for repeated subexpressions. Printing writes a shared node out
 * in full wherever it is used: a tanh layer's w_k·x appears in every
 * gradient component, Hessian entry and result entry, so its Hessian prints
 * as megabytes. Named once (u_1 = 0.3x_1 + …, listed with the result) and
 * written as its name elsewhere, each appears once.
 *
 * Only sums and function calls are named: the printer reaches them through
 * `Printer.node` wherever they occur (a product's factors can be regrouped
 * below a fraction bar), and they are what reads as one quantity.
 */
import { childrenOf, findNode, type Expr } from './expr';

/** What is worth a name; see {@link chooseShorthands}. */
export interface ShorthandLimits {
  /** Roots that print in fewer nodes than this, in all, are printed in full. */
  budget: number;
  /** The fewest nodes of a named call. */
  call: number;
  /** The fewest nodes of a named sum. */
  sum: number;
}

export const SHORTHAND_LIMITS: ShorthandLimits = { budget: 4000, call: 7, sum: 12 };

/**
 * The nodes under `roots` worth naming, operands before the nodes that use
 * them (so each definition refers only to earlier names). None when the roots
 * are small enough to read in full. Else a node is worth a name when it
 * occurs as an operand at least twice in the printed roots (the roots
 * themselves are printed in full) and is a call of at least `call` nodes
 * (tanh(w·x), not sin(x)) or a sum of at least `sum` nodes.
 */
export function chooseShorthands(
  roots: readonly Expr[],
  limits: ShorthandLimits = SHORTHAND_LIMITS,
): Expr[] {
  let total = 0;
  for (const r of roots) total += r.size;
  if (total < limits.budget) return [];
  const nodes = nodesUnder(roots);

  // Parents first (descending ids): when a node is reached, every node that holds it has
  // been decided, so its uses count a named holder's definition once. Naming the larger
  // quantity first names tanh(w·x), not w·x inside it and tanh(u) elsewhere.
  const named = new Set<number>();
  const uses = new Map<number, number>();
  const rootCount = new Map<number, number>();
  for (const r of roots) rootCount.set(r.id, (rootCount.get(r.id) ?? 0) + 1);
  for (let k = nodes.length - 1; k >= 0; k--) {
    const e = nodes[k];
    const asOperand = uses.get(e.id) ?? 0;
    if (asOperand >= 2 && e.size >= leastSize(e, limits)) named.add(e.id);
    countOperands(e, asOperand, rootCount, named, uses);
  }

  // A name used once after all (its uses are inside another name's definition), or whose
  // definition is short once its operands are named (u_1^2 - 1), is written in place
  // again; that can leave another so, hence the loop.
  for (;;) {
    const count = new Map<number, number>();
    for (let k = nodes.length - 1; k >= 0; k--) {
      countOperands(nodes[k], count.get(nodes[k].id) ?? 0, rootCount, named, count);
    }
    const size = sizesWithNames(nodes, named);
    const drop = nodes
      .filter((e) => named.has(e.id))
      .filter((e) => (count.get(e.id) ?? 0) < 2 || size.get(e.id)! < leastSize(e, limits))
      .map((e) => e.id);
    if (drop.length === 0) break;
    for (const id of drop) named.delete(id);
  }
  return nodes.filter((e) => named.has(e.id));
}

/** The fewest nodes a call or a sum needs for a name; other nodes get none. */
function leastSize(e: Expr, limits: ShorthandLimits): number {
  return e.kind === 'call' ? limits.call : e.kind === 'add' ? limits.sum : Infinity;
}

/** Every node under `roots` once, operands before the nodes that hold them. */
function nodesUnder(roots: readonly Expr[]): Expr[] {
  const nodes: Expr[] = [];
  findNode(roots, (e) => {
    nodes.push(e);
    return undefined;
  });
  // Operands are built before the nodes that hold them: ids ascend from leaves to roots.
  return nodes.sort((x, y) => x.id - y.id);
}

/** The printed size of each of `nodes` (ascending ids) with `named` written as names. */
function sizesWithNames(nodes: readonly Expr[], named: ReadonlySet<number>): Map<number, number> {
  const size = new Map<number, number>();
  for (const e of nodes) {
    let n = 1;
    for (const c of childrenOf(e)) n += named.has(c.id) ? 1 : size.get(c.id)!;
    size.set(e.id, n);
  }
  return size;
}

/**
 * Adds to `uses` the operand uses of `e`'s operands: `e`'s body is printed at
 * each root it is, and at each of its `asOperand` uses, or once, in the list
 * of shorthands, when it is named.
 */
function countOperands(
  e: Expr,
  asOperand: number,
  rootCount: ReadonlyMap<number, number>,
  named: ReadonlySet<number>,
  uses: Map<number, number>,
): void {
  const body = named.has(e.id) ? Math.min(asOperand, 1) : asOperand;
  const times = (rootCount.get(e.id) ?? 0) + body;
  if (times === 0) return;
  for (const c of childrenOf(e)) uses.set(c.id, (uses.get(c.id) ?? 0) + times);
}

/**
 * The printed size of each of `roots` (in nodes, as `Expr.size`) when each of
 * `named` is written as its name: a root that is named itself is measured by
 * its definition. The same as `size` when nothing is named.
 */
export function printedSizes(roots: readonly Expr[], named: readonly Expr[]): (e: Expr) => number {
  if (named.length === 0) return (e) => e.size;
  const size = sizesWithNames(nodesUnder(roots), new Set(named.map((e) => e.id)));
  return (e) => size.get(e.id) ?? e.size;
}
