/**
 * The expression representation: an interned DAG of n-ary sums and products,
 * powers and calls. Every node is built through an `ExprBuilder`, whose smart
 * constructors keep expressions in a canonical, simplified form as they are
 * made (constants folded, like terms collected, zero and unit factors gone).
 * Interning makes structurally equal expressions the same object, so equality
 * is `===`, and derivatives and values can be memoised by node id.
 */

/** Functions kept as calls. Powers, roots and quotients are `pow` nodes. */
export type CallName =
  | 'sin' | 'cos' | 'tan' | 'asin' | 'acos' | 'atan' | 'atan2'
  | 'sinh' | 'cosh' | 'tanh' | 'exp' | 'log' | 'cbrt'
  | 'abs' | 'sign' | 'max' | 'min';

interface NodeBase {
  /** Creation order; also the canonical order of terms and factors. */
  readonly id: number;
  /** Indices of the variables the node depends on, ascending. */
  readonly deps: readonly number[];
  /** Number of nodes in the tree (shared subtrees counted each time). */
  readonly size: number;
}

export interface Num extends NodeBase { readonly kind: 'num'; readonly value: number }
export interface Const extends NodeBase { readonly kind: 'const'; readonly name: 'pi' | 'e'; readonly value: number }
export interface Var extends NodeBase { readonly kind: 'var'; readonly index: number }
/** A sum: at most one number term, which comes last; no nested sums. */
export interface Add extends NodeBase { readonly kind: 'add'; readonly terms: readonly Expr[] }
/** A product: a number coefficient first if it is not 1; no nested products. */
export interface Mul extends NodeBase { readonly kind: 'mul'; readonly factors: readonly Expr[] }
export interface Pow extends NodeBase { readonly kind: 'pow'; readonly base: Expr; readonly exp: Expr }
export interface Call extends NodeBase { readonly kind: 'call'; readonly fn: CallName; readonly args: readonly Expr[] }

export type Expr = Num | Const | Var | Add | Mul | Pow | Call;

/** Thrown when a derivation runs past its time budget or is cancelled. */
export class BudgetExceeded extends Error {
  constructor(readonly reason: 'time' | 'cancelled') {
    super(reason === 'time' ? 'time budget exceeded' : 'cancelled');
  }
}

/** Limits checked while nodes are built, so runaway work always stops. */
export interface Budget {
  deadline: number;
  isCancelled?: () => boolean;
}

/** True when e is the number `value` (not a type guard: false says nothing of e's kind). */
export function isNum(e: Expr, value?: number): boolean {
  return e.kind === 'num' && (value === undefined || e.value === value);
}

/** A product's factors without its coefficient, remembered per node. */
const restOf = new WeakMap<Mul, Expr>();

/** Splits a term into its number coefficient and the rest: 3·x·y → [3, x·y]. */
export function splitCoefficient(e: Expr, b: ExprBuilder): [number, Expr] {
  if (e.kind === 'num') return [e.value, b.one];
  if (e.kind === 'mul' && e.factors[0].kind === 'num') {
    let rest = restOf.get(e);
    if (!rest) {
      const others = e.factors.slice(1);
      rest = others.length === 1 ? others[0] : b.internMul(others);
      restOf.set(e, rest);
    }
    return [e.factors[0].value, rest];
  }
  return [1, e];
}

/** Splits a factor into base and number exponent: x^3 → [x, 3], y → [y, 1]. */
export function splitPower(e: Expr): [Expr, number] {
  if (e.kind === 'pow' && e.exp.kind === 'num') return [e.base, e.exp.value];
  return [e, 1];
}

/** Union of two ascending lists; returns `a` itself when b adds nothing. */
function union(a: readonly number[], b: readonly number[]): readonly number[] {
  if (b.length === 0 || a === b) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i] : Infinity;
    const y = j < b.length ? b[j] : Infinity;
    if (x <= y) {
      out.push(x);
      i++;
      if (x === y) j++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out.length === a.length ? a : out;
}

function mergeDeps(children: readonly Expr[]): readonly number[] {
  let deps = children[0].deps;
  for (let k = 1; k < children.length; k++) deps = union(deps, children[k].deps);
  return deps;
}

/** The ids of a list, as an intern key. */
function idList(list: readonly Expr[]): string {
  let key = '';
  for (const e of list) key += `${e.id},`;
  return key;
}

function sizeOf(children: readonly Expr[]): number {
  let s = 1;
  for (const c of children) s += c.size;
  return s;
}

/**
 * Builds and interns nodes. One builder per derivation: its table is dropped
 * with it, so a long-lived extension host does not accumulate expressions.
 */
export class ExprBuilder {
  private readonly table = new Map<string, Expr>();
  private nextId = 0;
  private ticks = 0;

  readonly zero: Num;
  readonly one: Num;
  readonly minusOne: Num;
  readonly half: Num;

  constructor(private readonly budget?: Budget) {
    this.zero = this.num(0);
    this.one = this.num(1);
    this.minusOne = this.num(-1);
    this.half = this.num(0.5);
  }

  /** Number of distinct nodes made so far. */
  get nodeCount(): number {
    return this.nextId;
  }

  private intern<T extends Expr>(key: string, make: (id: number) => T): T {
    const found = this.table.get(key);
    if (found) return found as T;
    if (this.budget && ++this.ticks % 512 === 0) this.checkBudget();
    const node = make(this.nextId++);
    this.table.set(key, node);
    return node;
  }

  /** Throws BudgetExceeded when the deadline passed or the caller cancelled. */
  checkBudget(): void {
    if (!this.budget) return;
    if (this.budget.isCancelled?.()) throw new BudgetExceeded('cancelled');
    if (Date.now() > this.budget.deadline) throw new BudgetExceeded('time');
  }

  num(value: number): Num {
    const v = value === 0 ? 0 : value; // -0 and 0 are one number here
    return this.intern(`n${v}`, (id) => ({ kind: 'num', value: v, id, deps: [], size: 1 }));
  }

  constant(name: 'pi' | 'e'): Const {
    const value = name === 'pi' ? Math.PI : Math.E;
    return this.intern(`c${name}`, (id) => ({ kind: 'const', name, value, id, deps: [], size: 1 }));
  }

  variable(index: number): Var {
    return this.intern(`v${index}`, (id) => ({ kind: 'var', index, id, deps: [index], size: 1 }));
  }

  /** Interns a sum whose terms are already canonical (used by the simplifier). */
  internAdd(terms: readonly Expr[]): Add {
    const key = `a${idList(terms)}`;
    return this.intern(key, (id) => ({
      kind: 'add', terms, id, deps: mergeDeps(terms), size: sizeOf(terms),
    }));
  }

  /** Interns a product whose factors are already canonical. */
  internMul(factors: readonly Expr[]): Mul {
    const key = `m${idList(factors)}`;
    return this.intern(key, (id) => ({
      kind: 'mul', factors, id, deps: mergeDeps(factors), size: sizeOf(factors),
    }));
  }

  internPow(base: Expr, exp: Expr): Pow {
    return this.intern(`p${base.id},${exp.id}`, (id) => ({
      kind: 'pow', base, exp, id, deps: mergeDeps([base, exp]), size: 1 + base.size + exp.size,
    }));
  }

  internCall(fn: CallName, args: readonly Expr[]): Call {
    return this.intern(`f${fn}(${idList(args)}`, (id) => ({
      kind: 'call', fn, args, id, deps: mergeDeps(args), size: sizeOf(args),
    }));
  }
}
