/**
 * Turns the LaTeX syntax tree into the engine's `SourceExpr`: resolves
 * symbols against the definition's parameters (`x_1` is component 1 of a
 * parameter `x`), reads `e` as Euler's number unless `e` is a parameter,
 * and expands `\sum`/`\prod` with literal bounds by substituting the index
 * (`x_{i+1}` with i = 2 is `x_3`).
 */
import type { Position, SourceExpr } from '../source';
import { arityOk, src } from './common';
import type { LNode } from './latex-parse';
import type { VarCollector } from './var-collector';

/** A meaning problem (unknown symbol, non-literal sum bound) at a document offset. */
export interface LowerProblem {
  message: string;
  at: number;
}

/** What lowering needs: the variables, how to place offsets, the problems list. */
export interface LowerContext {
  vars: VarCollector;
  /** True when `e` is declared as a parameter (then it is not Euler's number). */
  eIsParam: boolean;
  pos: (offset: number) => Position;
  problems: LowerProblem[];
  /** Parameter list as written, for messages ("f has parameters x, y"). */
  paramText: string;
}

/** Sums with more terms than this are refused (they would bloat the derivation). */
const MAX_TERMS = 100;

/** Lowers `node`; `env` maps sum indices to their current values. */
export function lowerLatex(
  node: LNode,
  ctx: LowerContext,
  env: ReadonlyMap<string, number> = new Map(),
): SourceExpr {
  const at = ctx.pos(node.at);
  switch (node.k) {
    case 'num':
      return src.num(node.value, at);
    case 'const':
      return { type: 'constant', name: node.name, at };
    case 'neg':
      return src.negate(lowerLatex(node.arg, ctx, env), at);
    case 'bin': {
      if (node.op === '^' && isEuler(node.l, ctx, env)) {
        return src.call('exp', [lowerLatex(node.r, ctx, env)], at); // e^{u} = exp(u)
      }
      if (node.op !== '^') return lowerChain(node, ctx, env);
      return src.binary(node.op, lowerLatex(node.l, ctx, env), lowerLatex(node.r, ctx, env), at);
    }
    case 'call': {
      if (!arityOk(node.fn, node.args.length)) {
        ctx.problems.push({
          at: node.at,
          message:
            `'${node.fn}' cannot take ` +
            `${node.args.length} argument(s); write ${
              node.fn === 'max' || node.fn === 'min' ? `\\${node.fn}(a, b)` : `\\${node.fn}(x)`
            }.`,
        });
      }
      return src.call(
        node.fn,
        node.args.map((a) => lowerLatex(a, ctx, env)),
        at,
      );
    }
    case 'sym':
      return symbol(node, ctx, env, at);
    case 'sum':
      return expandSum(node, ctx, env, at);
  }
}

/**
 * A left-associative chain a + b − c … (or a·b / c …) lowered without
 * recursing down its left spine: a sum of thousands of terms nests thousands
 * deep, more than the call stack holds.
 */
function lowerChain(
  node: Extract<LNode, { k: 'bin' }>,
  ctx: LowerContext,
  env: ReadonlyMap<string, number>,
): SourceExpr {
  const links: Extract<LNode, { k: 'bin' }>[] = [];
  let first: LNode = node;
  while (first.k === 'bin' && first.op !== '^') {
    links.push(first);
    first = first.l;
  }
  let out = lowerLatex(first, ctx, env);
  for (let k = links.length - 1; k >= 0; k--) {
    const link = links[k];
    out = src.binary(link.op, out, lowerLatex(link.r, ctx, env), ctx.pos(link.at));
  }
  return out;
}

function isEuler(n: LNode, ctx: LowerContext, env: ReadonlyMap<string, number>): boolean {
  if (n.k === 'const') return n.name === 'e';
  return n.k === 'sym' && n.base === 'e' && !n.sub && !ctx.eIsParam && !env.has('e');
}

function symbol(
  node: Extract<LNode, { k: 'sym' }>,
  ctx: LowerContext,
  env: ReadonlyMap<string, number>,
  at: Position,
): SourceExpr {
  const { vars } = ctx;
  const shown = node.base.length > 1 ? `\\${node.base}` : node.base;
  if (!node.sub) {
    const bound = env.get(node.base);
    if (bound !== undefined) return src.num(bound, at);
    if (node.base === 'e' && !ctx.eIsParam) return { type: 'constant', name: 'e', at };
    if (vars.allows(node.base)) return vars.plain(node.base, at);
    return unknown(ctx, node.at, shown, at);
  }
  const index = evalInt(node.sub, env);
  if (index === undefined) {
    if (node.sub.k === 'sym' && !node.sub.sub && vars.allows(`${node.base}_${node.sub.base}`)) {
      return vars.plain(`${node.base}_${node.sub.base}`, at); // a named subscript: \sigma_x
    }
    ctx.problems.push({
      at: node.at,
      message:
        `The subscript of '${shown}' is not a whole ` +
        'number; write x_1, x_{12}, or use the index of an enclosing \\sum.',
    });
    return src.num(0, at);
  }
  if (vars.allows(node.base, index)) return vars.indexed(node.base, index, at);
  return unknown(ctx, node.at, `${shown}_{${index}}`, at);
}

function unknown(ctx: LowerContext, offset: number, shown: string, at: Position): SourceExpr {
  ctx.problems.push({
    at: offset,
    message:
      `Unknown symbol '${shown}': the function's ` +
      `parameters are (${ctx.paramText}); use only those (and their components x_1, x_2, ...), ` +
      'numbers, \\pi and e.',
  });
  return src.num(0, at);
}

function expandSum(
  node: Extract<LNode, { k: 'sum' }>,
  ctx: LowerContext,
  env: ReadonlyMap<string, number>,
  at: Position,
): SourceExpr {
  const from = evalInt(node.from, env);
  const to = evalInt(node.to, env);
  const word = node.op === '+' ? '\\sum' : '\\prod';
  if (from === undefined || to === undefined) {
    ctx.problems.push({
      at: node.at,
      message:
        `The bounds of ${word} must be whole numbers ` +
        `to be expanded, as in ${word}_{i=1}^{3}; replace symbolic bounds such as n by a number.`,
    });
    return src.num(0, at);
  }
  if (to - from + 1 > MAX_TERMS) {
    ctx.problems.push({
      at: node.at,
      message:
        `${word} with ${to - from + 1} terms is too long ` + `to expand (at most ${MAX_TERMS}).`,
    });
    return src.num(0, at);
  }
  let acc: SourceExpr | undefined;
  for (let k = from; k <= to; k++) {
    const inner = new Map(env);
    inner.set(node.index, k);
    const term = lowerLatex(node.body, ctx, inner);
    acc = acc ? src.binary(node.op, acc, term, at) : term;
  }
  return acc ?? src.num(node.op === '+' ? 0 : 1, at); // empty sum 0, empty product 1
}

/** Evaluates an integer expression of numbers and sum indices, or undefined. */
export function evalInt(n: LNode, env: ReadonlyMap<string, number>): number | undefined {
  const v = evalNum(n, env);
  return v !== undefined && Number.isInteger(v) ? v : undefined;
}

function evalNum(n: LNode, env: ReadonlyMap<string, number>): number | undefined {
  switch (n.k) {
    case 'num':
      return n.value;
    case 'sym':
      return n.sub ? undefined : env.get(n.base);
    case 'neg': {
      const a = evalNum(n.arg, env);
      return a === undefined ? undefined : -a;
    }
    case 'bin': {
      const a = evalNum(n.l, env);
      const b = evalNum(n.r, env);
      if (a === undefined || b === undefined) return undefined;
      switch (n.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? undefined : a / b;
        case '^':
          return a ** b;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
