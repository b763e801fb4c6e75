/**
 * The expression representation: an interned DAG of n-ary sums and products,
 * powers and calls. Every node is built through an `ExprBuilder`, whose smart
 * constructors keep expressions in a canonical, simplified form as they are
 * made (constants folded, like terms collected, zero and unit factors gone).
 * Interning makes structurally equal expressions the same object, so equality
 * is `===`, and derivatives and values can be memoised by node id.
 */
import type { MathFunction } from '../source';

/**
 * Functions kept as calls: the source's functions less those the lowering
 * rewrites (roots and powers become `pow` nodes; log10, log2 and hypot are
 * written with log and pow).
 */
export type CallName = Exclude<MathFunction, 'sqrt' | 'pow' | 'log10' | 'log2' | 'hypot'>;

interface NodeBase {
  /** Creation order; also the canonical order of terms and factors. */
  readonly id: number;
  /** Indices of the variables the node depends on, ascending. */
  readonly deps: readonly number[];
  /** Number of nodes in the tree (shared subtrees counted each time). */
  readonly size: number;
}

export interface Num extends NodeBase {
  readonly kind: 'num';
  readonly value: number;
}
export interface Const extends NodeBase {
  readonly kind: 'const';
  readonly name: 'pi' | 'e';
  readonly value: number;
}
export interface Var extends NodeBase {
  readonly kind: 'var';
  readonly index: number;
}
/** A sum: at most one number term, which comes last; no nested sums. */
export interface Add extends NodeBase {
  readonly kind: 'add';
  readonly terms: readonly Expr[];
  /** Its content and primitive part (see algebra.ts), made on first use. */
  content: number | undefined;
  primitive: Expr | undefined;
}
/** A product: a number coefficient first if it is not 1; no nested products. */
export interface Mul extends NodeBase {
  readonly kind: 'mul';
  readonly factors: readonly Expr[];
  /** The factors without the coefficient, made on first use by splitCoefficient. */
  rest: Expr | undefined;
}
export interface Pow extends NodeBase {
  readonly kind: 'pow';
  readonly base: Expr;
  readonly exp: Expr;
}
export interface Call extends NodeBase {
  readonly kind: 'call';
  readonly fn: CallName;
  readonly args: readonly Expr[];
}

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

/** Splits a term into its number coefficient and the rest: 3·x·y → [3, x·y]. */
export function splitCoefficient(e: Expr, b: ExprBuilder): [number, Expr];
/** Without a builder, only the coefficient is meaningful. */
export function splitCoefficient(e: Expr, b: undefined): [number, Expr | undefined];
export function splitCoefficient(e: Expr, b: ExprBuilder | undefined): [number, Expr | undefined] {
  if (e.kind === 'num') return [e.value, b?.one];
  if (e.kind === 'mul' && e.factors[0].kind === 'num') {
    if (!b) return [e.factors[0].value, undefined];
    if (!e.rest) {
      const others = e.factors.slice(1);
      e.rest = others.length === 1 ? others[0] : b.internMul(others);
    }
    return [e.factors[0].value, e.rest];
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

/**
 * The union of the children's dependencies. Two lists are merged directly;
 * more are marked in one pass, so a sum of n terms costs one list, not n
 * ever-longer intermediate ones (Σ x_i x_j over 100 variables built 10⁴ of them).
 */
function mergeDeps(children: readonly Expr[]): readonly number[] {
  if (children.length === 1) return children[0].deps;
  if (children.length === 2) return union(children[0].deps, children[1].deps);
  let widest = children[0].deps;
  let top = -1;
  for (const c of children) {
    if (c.deps.length > widest.length) widest = c.deps;
    if (c.deps.length > 0) top = Math.max(top, c.deps[c.deps.length - 1]);
  }
  if (top < 0) return widest;
  const marked = new Uint8Array(top + 1);
  let count = 0;
  for (const c of children) {
    for (const i of c.deps) {
      if (marked[i] === 0) {
        marked[i] = 1;
        count++;
      }
    }
  }
  if (count === widest.length) return widest;
  const out = new Array<number>(count);
  for (let i = 0, k = 0; i <= top; i++) if (marked[i] === 1) out[k++] = i;
  return out;
}

/** A hash of a node's kind tag and its children's ids (FNV-style, 32 bits). */
function hashOf(tag: number, list: readonly Expr[]): number {
  let h = 2166136261 ^ tag;
  for (let k = 0; k < list.length; k++) h = Math.imul(h ^ list[k].id, 16777619);
  return h;
}

function sameChildren(a: readonly Expr[], b: readonly Expr[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

const TAG: Record<string, number> = { add: 1, mul: 2, pow: 3 };
const CALL_TAG: Record<CallName, number> = {
  sin: 10,
  cos: 11,
  tan: 12,
  asin: 13,
  acos: 14,
  atan: 15,
  atan2: 16,
  sinh: 17,
  cosh: 18,
  tanh: 19,
  exp: 20,
  log: 21,
  cbrt: 22,
  abs: 23,
  sign: 24,
  max: 25,
  min: 26,
};

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
  // Interning without string keys: numbers and variables by value, other
  // nodes in buckets by a hash of their children's ids.
  private readonly numbers = new Map<number, Num>();
  private readonly variables = new Map<number, Var>();
  private readonly constants = new Map<string, Const>();
  private readonly buckets = new Map<number, Expr[]>();
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

  private newId(): number {
    if (this.budget && ++this.ticks % 512 === 0) this.checkBudget();
    return this.nextId++;
  }

  /** Throws BudgetExceeded when the deadline passed or the caller cancelled. */
  checkBudget(): void {
    if (!this.budget) return;
    if (this.budget.isCancelled?.()) throw new BudgetExceeded('cancelled');
    if (Date.now() > this.budget.deadline) throw new BudgetExceeded('time');
  }

  num(value: number): Num {
    const v = value === 0 ? 0 : value; // -0 and 0 are one number here
    let n = this.numbers.get(v);
    if (!n) {
      n = { kind: 'num', value: v, id: this.newId(), deps: [], size: 1 };
      this.numbers.set(v, n);
    }
    return n;
  }

  constant(name: 'pi' | 'e'): Const {
    let c = this.constants.get(name);
    if (!c) {
      const value = name === 'pi' ? Math.PI : Math.E;
      c = { kind: 'const', name, value, id: this.newId(), deps: [], size: 1 };
      this.constants.set(name, c);
    }
    return c;
  }

  variable(index: number): Var {
    let v = this.variables.get(index);
    if (!v) {
      v = { kind: 'var', index, id: this.newId(), deps: [index], size: 1 };
      this.variables.set(index, v);
    }
    return v;
  }

  private bucket(hash: number): Expr[] {
    let list = this.buckets.get(hash);
    if (!list) {
      list = [];
      this.buckets.set(hash, list);
    }
    return list;
  }

  /** Interns a sum whose terms are already canonical (used by the simplifier). */
  internAdd(terms: readonly Expr[]): Add {
    const list = this.bucket(hashOf(TAG.add, terms));
    for (const e of list) if (e.kind === 'add' && sameChildren(e.terms, terms)) return e;
    const node: Add = {
      kind: 'add',
      terms,
      id: this.newId(),
      deps: mergeDeps(terms),
      size: sizeOf(terms),
      content: undefined,
      primitive: undefined,
    };
    list.push(node);
    return node;
  }

  /** Interns a product whose factors are already canonical. */
  internMul(factors: readonly Expr[]): Mul {
    const list = this.bucket(hashOf(TAG.mul, factors));
    for (const e of list) if (e.kind === 'mul' && sameChildren(e.factors, factors)) return e;
    const node: Mul = {
      kind: 'mul',
      factors,
      id: this.newId(),
      deps: mergeDeps(factors),
      size: sizeOf(factors),
      rest: undefined,
    };
    list.push(node);
    return node;
  }

  internPow(base: Expr, exp: Expr): Pow {
    const list = this.bucket(hashOf(TAG.pow, [base, exp]));
    for (const e of list) if (e.kind === 'pow' && e.base === base && e.exp === exp) return e;
    const node: Pow = {
      kind: 'pow',
      base,
      exp,
      id: this.newId(),
      deps: mergeDeps([base, exp]),
      size: 1 + base.size + exp.size,
    };
    list.push(node);
    return node;
  }

  internCall(fn: CallName, args: readonly Expr[]): Call {
    const list = this.bucket(hashOf(CALL_TAG[fn], args));
    for (const e of list)
      if (e.kind === 'call' && e.fn === fn && sameChildren(e.args, args)) return e;
    const node: Call = {
      kind: 'call',
      fn,
      args,
      id: this.newId(),
      deps: mergeDeps(args),
      size: sizeOf(args),
    };
    list.push(node);
    return node;
  }
}

/** The operands of a node (none for a number, constant or variable). */
export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'add':
      return e.terms;
    case 'mul':
      return e.factors;
    case 'pow':
      return [e.base, e.exp];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

/**
 * Visits every node under `roots` once (shared subexpressions once), without
 * recursion: derivatives can nest deeper than the call stack. Stops early and
 * returns what `visit` returned, when that is not undefined.
 */
export function findNode<T>(
  roots: readonly Expr[],
  visit: (e: Expr) => T | undefined,
): T | undefined {
  const seen = new Set<number>();
  const stack = [...roots];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const found = visit(e);
    if (found !== undefined) return found;
    stack.push(...childrenOf(e));
  }
  return undefined;
}
