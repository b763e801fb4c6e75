/**
 * Python front end: `def` and `name = lambda ...` definitions, locals
 * substituted into the return expression, and `x[0]`-style components as
 * variables (0-based). Expressions are read by python-expr.ts.
 */
import type { FunctionDef, ParsedDocument, SourceExpr } from '../source';
import {
  buildFunction,
  buildSelection,
  collectGlobals,
  FrontEndError,
  attachSyntaxErrors,
  runStatements,
  Scope,
} from './scope';
import { describe, explainCallsBetween } from './treeexpr';
import type { BinaryOp, Param, Statement } from './scope';
import { operatorOf, readDocument, startOf, syntaxDiagnostics } from './treesitter';
import type { Node } from './treesitter';
import { convert, documentContext, type Context } from './python-expr';

/** Nodes that cannot contain a definition, so the search for definitions skips them. */
const EXPRESSION_TYPES = new Set([
  'binary_operator',
  'unary_operator',
  'call',
  'parenthesized_expression',
  'subscript',
  'attribute',
  'comparison_operator',
  'boolean_operator',
  'string',
  'integer',
  'float',
  'identifier',
  'list',
  'tuple',
  'dictionary',
  'return_statement',
]);

/**
 * The text with whole-line comments turned into spaces of the same length, so
 * every position stays where it was. tree-sitter-python's scanner slows down
 * quadratically on long runs of comment lines (10,000 took a minute), and
 * comments hold nothing a derivation reads.
 */
function blankComments(text: string): string {
  return text.replace(
    /^([ \t]*)(#[^\r\n]*)/gm,
    (_, indent: string, comment: string) => indent + ' '.repeat(comment.length),
  );
}

function readParams(ctx: Context, params: Node | null, isMethod: boolean): Param[] {
  const out: Param[] = [];
  for (const p of params?.namedChildren ?? []) {
    if (!p || p.type === 'comment') continue;
    if (p.type === 'identifier') out.push({ name: p.text, at: startOf(p) });
    else if (p.type === 'typed_parameter') {
      const id = p.namedChildren.find((c) => c?.type === 'identifier');
      if (id) out.push({ name: id.text, at: startOf(id) });
    } else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      // A parameter with a default is a constant of the function (e.g. `a=1, b=100`).
      const name = p.childForFieldName('name');
      const value = p.childForFieldName('value');
      if (!name || !value) continue;
      let constant: SourceExpr;
      try {
        constant = convert(ctx, value, new Scope([], 0, ctx.globals, ctx.constants));
      } catch {
        throw new FrontEndError(`The default of \`${name.text}\` must be a number`, value);
      }
      out.push({ name: name.text, at: startOf(name), value: constant });
    }
    // *args, **kwargs and the `*` / `/` separators carry no scalar variable.
  }
  if (isMethod && (out[0]?.name === 'self' || out[0]?.name === 'cls')) out.shift();
  return out;
}

const AUGMENTED: Record<string, BinaryOp> = {
  '+=': '+',
  '-=': '-',
  '*=': '*',
  '/=': '/',
  '**=': '^',
};
const SKIPPED = new Set([
  'pass_statement',
  'import_statement',
  'import_from_statement',
  'comment',
  'global_statement',
  'nonlocal_statement',
]);

function classify(node: Node): Statement {
  if (SKIPPED.has(node.type)) return { kind: 'skip' };
  if (node.type === 'return_statement') {
    const value = node.namedChildren.find((c) => c?.type !== 'comment');
    return value
      ? { kind: 'return', value, node }
      : { kind: 'unsupported', what: 'A `return` without a value', node };
  }
  if (node.type !== 'expression_statement') {
    return { kind: 'unsupported', what: describe(node), node };
  }
  const inner = node.namedChildren[0];
  if (!inner || inner.type === 'string') return { kind: 'skip' }; // docstring
  const left = inner.childForFieldName('left');
  const right = inner.childForFieldName('right');
  if (inner.type === 'assignment' && left?.type === 'identifier' && right) {
    return { kind: 'assign', name: left.text, value: right, node: inner };
  }
  if (inner.type === 'augmented_assignment' && left?.type === 'identifier' && right) {
    const op = AUGMENTED[operatorOf(inner)?.text ?? ''];
    if (op) return { kind: 'assign', name: left.text, op, value: right, node: inner };
  }
  return { kind: 'unsupported', what: describe(inner), node: inner };
}

function defFunction(ctx: Context, node: Node): FunctionDef | undefined {
  const nameNode = node.childForFieldName('name');
  const block = node.childForFieldName('body');
  if (!nameNode || !block) return undefined;
  const isMethod =
    node.parent?.parent?.type === 'class_definition' ||
    node.parent?.parent?.parent?.type === 'class_definition';
  // A decorator belongs to the definition, so the range starts there.
  const outer = node.parent?.type === 'decorated_definition' ? node.parent : node;
  return buildFunction({
    language: 'python',
    name: nameNode.text,
    nameNode,
    defNode: outer,
    indexBase: 0,
    params: () => readParams(ctx, node.childForFieldName('parameters'), isMethod),
    body: (scope) =>
      runStatements(
        block.namedChildren.filter((n) => n !== null).map(classify),
        scope,
        (n, s) => convert(ctx, n, s),
        node,
      ),
    globals: ctx.globals,
    constants: ctx.constants,
  });
}

function lambdaFunction(ctx: Context, statement: Node, nameNode: Node, lambda: Node): FunctionDef {
  return buildFunction({
    language: 'python',
    name: nameNode.text,
    nameNode,
    defNode: statement,
    indexBase: 0,
    params: () => readParams(ctx, lambda.childForFieldName('parameters'), false),
    body: (scope) => {
      const body = lambda.childForFieldName('body');
      if (!body) throw new FrontEndError('The lambda has no body', lambda);
      return convert(ctx, body, scope);
    },
    globals: ctx.globals,
    constants: ctx.constants,
  });
}

/** Finds every `def` and `name = lambda ...` in a Python document. Never throws. */
export async function parsePython(text: string): Promise<ParsedDocument> {
  return readDocument('python', blankComments(text), (root) => {
    const ctx = documentContext(root);
    const errors = syntaxDiagnostics(root);
    const assignments: { name: string; value: Node }[] = [];
    for (const st of root.namedChildren) {
      const a = st?.type === 'expression_statement' ? st.namedChildren[0] : null;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
      const right = a?.childForFieldName('right');
      if (left?.type === 'identifier' && right && right.type !== 'lambda') {
        assignments.push({ name: left.text, value: right });
      }
    }
    for (const [k, v] of collectGlobals(assignments, (n, s) => convert(ctx, n, s), ctx.constants)) {
      ctx.globals.set(k, v);
    }
    const functions: FunctionDef[] = [];
    // Definitions are statements: the walk does not enter expressions, which
    // can nest thousands deep (a long sum), and keeps source order.
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'function_definition') {
        const def = defFunction(ctx, node);
        if (def) functions.push(def);
      } else if (node.type === 'assignment') {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type === 'identifier' && right?.type === 'lambda') {
          functions.push(lambdaFunction(ctx, node.parent ?? node, left, right));
        }
        continue;
      } else if (EXPRESSION_TYPES.has(node.type)) {
        continue;
      }
      const children = node.namedChildren.filter((c): c is Node => c !== null);
      for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]);
    }
    for (const def of functions) attachSyntaxErrors(def, errors);
    explainCallsBetween(functions);
    return { functions, diagnostics: errors };
  });
}

/** Parses a selection such as `x[0]**2 * np.sin(x[1])` as a function of its free names. */
export async function parsePythonExpression(text: string): Promise<ParsedDocument> {
  return readDocument('python', blankComments(text), (root) => {
    const ctx = documentContext(root);
    const statements = root.namedChildren.filter((n) => n !== null && n.type !== 'comment');
    const only =
      statements.length === 1 && statements[0].type === 'expression_statement'
        ? (statements[0].namedChildren[0] ?? undefined)
        : undefined;
    const expr =
      only && only.type !== 'assignment' && only.type !== 'augmented_assignment' ? only : undefined;
    return buildSelection(
      'python',
      root,
      expr,
      0,
      (n, s) => convert(ctx, n, s),
      ctx.constants,
      'The selection is not a single Python expression',
    );
  });
}
