/**
 * Julia front end: `f(x) = ...`, `function f(x) ... end` (locals, `return`
 * or a last expression), `g = x -> ...`, with 1-based `x[1]` components,
 * broadcast operators read as scalar ones, and numeric juxtaposition (`2x`);
 * expressions are read by julia-expr.ts.
 */
import type { FunctionDef, ParsedDocument, SourceExpr } from '../source';
import {
  attachSyntaxErrors,
  buildFunction,
  buildSelection,
  collectGlobals,
  FrontEndError,
  runStatements,
  Scope,
} from './scope';
import { describe, explainCallsBetween } from './treeexpr';
import type { BinaryOp, Param, Statement } from './scope';
import { readDocument, startOf, syntaxDiagnostics, walk } from './treesitter';
import type { Node } from './treesitter';
import { CONSTANTS, convert } from './julia-expr';

const AUGMENTED: Record<string, BinaryOp> = {
  '+=': '+',
  '-=': '-',
  '*=': '*',
  '/=': '/',
  '^=': '^',
};

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
    explainCallsBetween(functions);
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
