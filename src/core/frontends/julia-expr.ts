/**
 * Julia expressions: Julia's precedence (juxtaposition `2x` binds tighter than
 * * and /, looser than ^ and unary minus), broadcast operators read as scalar
 * ones, 1-based `x[1]` components and the math functions.
 */
import type { SourceExpr } from '../source';
import { src } from './common';
import { FrontEndError, Scope } from './scope';
import type { BinaryOp } from './scope';
import { constantValue, mathCall, numberLiteral, unsupported } from './treeexpr';
import { startOf } from './treesitter';
import type { Node } from './treesitter';

/** Julia's names of π and e. */
export const CONSTANTS: Record<string, 'pi' | 'e'> = { pi: 'pi', π: 'pi', ℯ: 'e' };

/*
 * tree-sitter-julia 0.23 gets some precedence wrong: `2x^2` comes out as
 * (2x)^2, `x^2^3` as (x^2)^3, and `2*(a)` as `2` juxtaposed with a call of
 * the operator `*`. So operator chains are flattened back into operands and
 * operators and re-parsed here with Julia's precedence, where juxtaposition
 * binds tighter than * and / but looser than ^ and unary minus.
 */
type Item =
  | { kind: 'atom'; node: Node }
  | { kind: 'op'; op: string; node: Node }
  | { kind: 'prefix'; op: string; node: Node };

const INFIX: Record<string, { prec: number; right: boolean; op: BinaryOp }> = {
  '+': { prec: 10, right: false, op: '+' },
  '-': { prec: 10, right: false, op: '-' },
  '*': { prec: 11, right: false, op: '*' },
  '/': { prec: 11, right: false, op: '/' },
  juxt: { prec: 12, right: false, op: '*' },
  '^': { prec: 14, right: true, op: '^' },
};
const PREFIX_PREC = 13;

/** `*(a)` as tree-sitter-julia misreads `2*(a)`: a call whose callee is an operator. */
function operatorCall(node: Node): { op: string; arg: Node } | undefined {
  if (node.type !== 'call_expression' || node.namedChildren[0]?.type !== 'operator') return;
  const args = node.namedChildren[1]?.namedChildren.filter((n) => n !== null) ?? [];
  return args.length === 1 ? { op: node.namedChildren[0].text, arg: args[0] } : undefined;
}

/** `-(u)` or `+(u)`: a sign written as a call on one parenthesised argument. */
function unaryCall(node: Node): { op: string; arg: Node } | undefined {
  const call = operatorCall(node);
  return call && (call.op === '-' || call.op === '+') ? call : undefined;
}

function flatten(node: Node, out: Item[]): void {
  const kids = node.namedChildren.filter((n) => n !== null && !/comment/.test(n.type));
  if (node.type === 'binary_expression' && kids.length === 3) {
    const op = kids[1].text.replace(/^\.(?=[-+*/^])/, ''); // `.^` etc. act on scalars as `^`
    flatten(kids[0], out);
    out.push({ kind: 'op', op, node: kids[1] });
    // `2^3x` is 2^(3x) in Julia, and tree-sitter already says so: keep it whole. But not
    // `x^2*(y+1)`, which tree-sitter reads as x^(2 juxtaposed with the call `*(y+1)`).
    const exponent = kids[2];
    if (
      op === '^' &&
      exponent.type === 'juxtaposition_expression' &&
      !operatorCall(exponent.namedChildren[exponent.namedChildren.length - 1]!)
    ) {
      out.push({ kind: 'atom', node: kids[2] });
    } else flatten(kids[2], out);
  } else if (node.type === 'juxtaposition_expression' && kids.length === 2) {
    flatten(kids[0], out);
    const bug = operatorCall(kids[1]);
    if (bug) {
      const op = bug.op.replace(/^\.(?=[-+*/^])/, ''); // `2 .*(y+1)`: broadcast acts as `*`
      out.push({ kind: 'op', op, node: kids[1].namedChildren[0]! });
      out.push({ kind: 'atom', node: bug.arg });
    } else {
      out.push({ kind: 'op', op: 'juxt', node: kids[1] });
      out.push({ kind: 'atom', node: kids[1] });
    }
  } else if (node.type === 'unary_expression' && kids.length === 2) {
    out.push({ kind: 'prefix', op: kids[0].text, node: kids[0] });
    flatten(kids[1], out);
  } else if (node.type === 'call_expression' && unaryCall(node)) {
    // `-(x + 1)^2` comes as the call `-(x + 1)`, then `^2`; in Julia it is −((x + 1)²):
    // the minus is a prefix operator, looser than `^`.
    const { op, arg } = unaryCall(node)!;
    out.push({ kind: 'prefix', op, node: node.namedChildren[0]! });
    out.push({ kind: 'atom', node: arg });
  } else {
    out.push({ kind: 'atom', node });
  }
}

/** Precedence climbing over the flattened items. */
function climb(items: Item[], scope: Scope): SourceExpr {
  let pos = 0;
  const operand = (): SourceExpr => {
    const item = items[pos++];
    if (item.kind === 'atom') return convertAtom(item.node, scope);
    if (item.kind === 'op') throw new FrontEndError(`Unexpected \`${item.op}\``, item.node);
    const arg = expression(PREFIX_PREC);
    const at = startOf(item.node);
    if (item.op === '-') return src.negate(arg, at);
    if (item.op === '+') return arg;
    if (item.op === '√') return src.call('sqrt', [arg], at);
    throw new FrontEndError(`Unsupported unary operator \`${item.op}\``, item.node);
  };
  const expression = (minPrec: number): SourceExpr => {
    let left = operand();
    while (pos < items.length) {
      const item = items[pos];
      if (item.kind !== 'op') throw new FrontEndError('Unexpected operand', item.node);
      const info = INFIX[item.op];
      if (!info) {
        throw new FrontEndError(
          `Unsupported operator \`${item.op}\`; supported: + - * / ^ ` +
            '(and their broadcast forms .+ .- .* ./ .^)',
          item.node,
        );
      }
      if (info.prec < minPrec) break;
      pos++;
      const right = expression(info.right ? info.prec : info.prec + 1);
      left = src.binary(info.op, left, right, startOf(item.node));
    }
    return left;
  };
  return expression(0);
}

/** Converts a Julia expression node. */
export function convert(node: Node, scope: Scope): SourceExpr {
  const items: Item[] = [];
  flatten(node, items);
  return climb(items, scope);
}

function convertAtom(node: Node, scope: Scope): SourceExpr {
  const kids = node.namedChildren.filter((n) => n !== null && !/comment/.test(n.type));
  switch (node.type) {
    case 'integer_literal':
    case 'float_literal':
      return numberLiteral(node.text, node);
    case 'identifier':
      return scope.name(node.text, node);
    case 'parenthesized_expression':
      if (kids.length !== 1) throw new FrontEndError('Unsupported parenthesized block', node);
      return convert(kids[0], scope);
    case 'binary_expression':
    case 'unary_expression':
    case 'juxtaposition_expression':
      return convert(node, scope);
    case 'index_expression': {
      const indices = kids[1]?.type === 'vector_expression' ? kids[1].namedChildren : [];
      if (kids[0]?.type !== 'identifier' || indices.length !== 1 || !indices[0]) {
        throw new FrontEndError(
          'Only one integer index of a parameter is supported, as in ' + '`x[1]`',
          node,
        );
      }
      return scope.index(kids[0].text, constantValue(convert(indices[0], scope)), node);
    }
    case 'call_expression':
    case 'broadcast_call_expression': {
      const args = kids[1]?.namedChildren.filter((n) => n !== null && !/comment/.test(n.type));
      // Julia's operators are functions: -(a, b) and *(a, b) are a − b and a·b.
      const op = kids[0]?.type === 'operator' ? kids[0].text : undefined;
      if (op && args && ['+', '-', '*', '/', '^'].includes(op)) {
        const values = args.map((a) => convert(a, scope));
        const at = startOf(node);
        if (values.length === 2) {
          return src.binary(op as '+' | '-' | '*' | '/' | '^', values[0], values[1], at);
        }
        // -(u) and +(u), as in -(-(x + 1)).
        if (values.length === 1 && op === '-') return src.negate(values[0], at);
        if (values.length === 1 && op === '+') return values[0];
      }
      if (kids[0]?.type !== 'identifier' || !args) {
        throw new FrontEndError(
          `Unsupported call \`${node.text}\`; calls must be math ` +
            'functions such as `sin`, `exp`, `atan`',
          node,
        );
      }
      if (args.some((a) => a.type !== 'identifier' && /argument|splat/.test(a.type))) {
        throw new FrontEndError('Keyword and splatted arguments are not supported', node);
      }
      const values = args.map((a) => convert(a, scope));
      const name = kids[0].text;
      if (name === 'atan' && values.length === 2) return mathCall('atan2', values, node);
      if (name === 'abs2' && values.length === 1) {
        return src.binary('^', values[0], src.num(2, startOf(node)), startOf(node));
      }
      if (name === 'log' && values.length === 2) {
        // log(b, x) = log(x) / log(b)
        const at = startOf(node);
        return src.binary(
          '/',
          src.call('log', [values[1]], at),
          src.call('log', [values[0]], at),
          at,
        );
      }
      return mathCall(name, values, node);
    }
    default:
      throw unsupported(
        node,
        'numbers, parameters, locals, + - * / ^ (and broadcast forms), juxtaposition, and math functions',
      );
  }
}
