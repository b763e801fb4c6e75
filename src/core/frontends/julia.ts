/**
 * Julia front end: `f(x) = ...`, `function f(x) ... end` (locals, `return`
 * or a last expression), `g = x -> ...`, with 1-based `x[1]` components,
 * broadcast operators read as scalar ones, and numeric juxtaposition (`2x`).
 */
import type { FunctionDef, ParsedDocument, SourceExpr } from '../source';
import { src } from './common';
import {
  attachSyntaxErrors,
  buildFunction,
  buildSelection,
  collectGlobals,
  FrontEndError,
  runStatements,
  Scope,
} from './scope';
import { constantValue, describe, unsupported, mathCall, numberLiteral } from './treeexpr';
import type { BinaryOp, Param, Statement } from './scope';
import { readDocument, startOf, syntaxDiagnostics, walk } from './treesitter';
import type { Node } from './treesitter';

const CONSTANTS: Record<string, 'pi' | 'e'> = { pi: 'pi', π: 'pi', ℯ: 'e' };
const AUGMENTED: Record<string, BinaryOp> = {
  '+=': '+',
  '-=': '-',
  '*=': '*',
  '/=': '/',
  '^=': '^',
};

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
    // `2^3x` is 2^(3x) in Julia, and tree-sitter already says so: keep it whole.
    if (op === '^' && kids[2].type === 'juxtaposition_expression') {
      out.push({ kind: 'atom', node: kids[2] });
    } else flatten(kids[2], out);
  } else if (node.type === 'juxtaposition_expression' && kids.length === 2) {
    flatten(kids[0], out);
    const bug = operatorCall(kids[1]);
    if (bug) {
      out.push({ kind: 'op', op: bug.op, node: kids[1].namedChildren[0]! });
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
function convert(node: Node, scope: Scope): SourceExpr {
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

/** The `f(x, y)` call inside a signature, under `::T` and `where` wrappers. */
function signatureCall(node: Node | null | undefined): Node | undefined {
  for (let n = node; n; n = n.namedChildren[0]) {
    if (n.type === 'call_expression')
      return n.namedChildren[0]?.type === 'identifier' ? n : undefined;
    if (!['signature', 'typed_expression', 'where_expression'].includes(n.type)) return;
  }
  return undefined;
}

function readParams(list: Node[], globals: ReadonlyMap<string, SourceExpr>): Param[] {
  const out: Param[] = [];
  for (const p of list) {
    if (/comment/.test(p.type)) continue;
    const id = p.type === 'identifier' ? p : p.namedChildren[0];
    if (p.type === 'named_argument' && id) {
      // `b=100` (optional or keyword) makes `b` a constant of the function.
      const valueNode = p.namedChildren[p.namedChildren.length - 1];
      try {
        const value = convert(valueNode!, new Scope([], 1, globals, CONSTANTS));
        out.push({ name: id.text, at: startOf(id), value });
      } catch {
        throw new FrontEndError(`The default of \`${id.text}\` must be a number`, p);
      }
    } else if (
      (p.type === 'identifier' || p.type === 'typed_expression') &&
      id?.type === 'identifier'
    ) {
      out.push({ name: id.text, at: startOf(id) });
    } else {
      throw new FrontEndError(`Unsupported parameter \`${p.text}\`; use plain names`, p);
    }
  }
  return out;
}

function classify(node: Node, last: boolean): Statement {
  const kids = node.namedChildren.filter((n) => n !== null);
  if (/comment/.test(node.type) || (node.type === 'string_literal' && !last))
    return { kind: 'skip' };
  if (node.type === 'return_statement') {
    return kids[0]
      ? { kind: 'return', value: kids[0], node }
      : { kind: 'unsupported', what: 'A `return` without a value', node };
  }
  if (node.type === 'assignment' && kids[0]?.type === 'identifier' && kids.length === 3) {
    return { kind: 'assign', name: kids[0].text, value: kids[2], node };
  }
  if (node.type === 'compound_assignment_expression' && kids[0]?.type === 'identifier') {
    const op = AUGMENTED[kids[1]?.text.replace(/^\./, '') ?? ''];
    if (op && kids[2]) return { kind: 'assign', name: kids[0].text, op, value: kids[2], node };
  }
  if (last && !/statement|definition|assignment/.test(node.type)) {
    return { kind: 'return', value: node, node }; // Julia returns the last value
  }
  return { kind: 'unsupported', what: describe(node), node };
}

function define(
  nameNode: Node,
  defNode: Node,
  params: () => Param[],
  body: (scope: Scope) => SourceExpr,
  globals: ReadonlyMap<string, SourceExpr>,
): FunctionDef {
  return buildFunction({
    language: 'julia',
    name: nameNode.text,
    nameNode,
    defNode,
    indexBase: 1,
    params,
    body,
    globals,
    constants: CONSTANTS,
  });
}

/** A FunctionDef when the node is a Julia definition, else undefined. */
function definitionAt(
  node: Node,
  globals: ReadonlyMap<string, SourceExpr>,
): FunctionDef | undefined {
  const kids = node.namedChildren.filter((n) => n !== null);
  if (node.type === 'function_definition') {
    const call = signatureCall(kids[0]);
    if (!call) return undefined;
    const statements = kids.slice(1).filter((n) => !/comment/.test(n.type));
    return define(
      call.namedChildren[0]!,
      node,
      () =>
        readParams(call.namedChildren[1]?.namedChildren.filter((n) => n !== null) ?? [], globals),
      (scope) =>
        runStatements(
          statements.map((s, i) => classify(s, i === statements.length - 1)),
          scope,
          convert,
          node,
        ),
      globals,
    );
  }
  if (node.type !== 'assignment' || kids.length !== 3) return undefined;
  const [left, , right] = kids;
  const call = signatureCall(left);
  if (call) {
    return define(
      call.namedChildren[0]!,
      node,
      () =>
        readParams(call.namedChildren[1]?.namedChildren.filter((n) => n !== null) ?? [], globals),
      (scope) => convert(right, scope),
      globals,
    );
  }
  if (left.type === 'identifier' && right.type === 'arrow_function_expression') {
    const [params, body] = [right.namedChildren[0], right.namedChildren[1]];
    if (!params || !body) return undefined;
    const list =
      params.type === 'identifier' || params.type === 'typed_expression'
        ? [params]
        : params.namedChildren.filter((n) => n !== null);
    return define(
      left,
      node,
      () => readParams(list, globals),
      (scope) => convert(body, scope),
      globals,
    );
  }
  return undefined;
}

/** Module-level `a = 2.0` and `const a = 2.0`, including inside `module ... end`. */
function topAssignments(root: Node): { name: string; value: Node }[] {
  const out: { name: string; value: Node }[] = [];
  const scan = (parent: Node): void => {
    for (const st of parent.namedChildren) {
      if (!st) continue;
      if (st.type === 'module_definition') scan(st);
      const a = st.type === 'const_statement' ? st.namedChildren[0] : st;
      const kids = a?.type === 'assignment' ? a.namedChildren : [];
      if (
        kids.length === 3 &&
        kids[0]?.type === 'identifier' &&
        kids[2] &&
        kids[2].type !== 'arrow_function_expression'
      ) {
        out.push({ name: kids[0].text, value: kids[2] });
      }
    }
  };
  scan(root);
  return out;
}

/** Finds every function definition in a Julia document. Never throws. */
export async function parseJulia(text: string): Promise<ParsedDocument> {
  return readDocument('julia', text, (root) => {
    const errors = syntaxDiagnostics(root);
    const globals = collectGlobals(topAssignments(root), convert, CONSTANTS);
    const functions: FunctionDef[] = [];
    walk(root, (node) => {
      const def = definitionAt(node, globals);
      if (def) functions.push(def);
    });
    for (const def of functions) attachSyntaxErrors(def, errors);
    return { functions, diagnostics: errors };
  });
}

/** Parses a selection such as `x[1]^2 * sin(x[2])` as a function of its free names. */
export async function parseJuliaExpression(text: string): Promise<ParsedDocument> {
  return readDocument('julia', text, (root) => {
    const statements = root.namedChildren.filter((n) => n !== null && !/comment/.test(n.type));
    const only = statements.length === 1 ? statements[0] : undefined;
    const expr = only && !/assignment|definition|statement/.test(only.type) ? only : undefined;
    return buildSelection(
      'julia',
      root,
      expr,
      1,
      convert,
      CONSTANTS,
      'The selection is not a single Julia expression',
    );
  });
}
