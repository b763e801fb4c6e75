/**
 * Python front end: `def` and `name = lambda ...` definitions, with NumPy,
 * JAX (`jnp.`) and `math` functions, locals substituted into the return
 * expression, and `x[0]`-style components as variables (0-based).
 */
import type { FunctionDef, ParsedDocument, SourceExpr } from '../source';
import { src } from './common';
import {
  buildFunction,
  buildSelection,
  collectGlobals,
  constantValue,
  describe,
  FrontEndError,
  mathCall,
  numberLiteral,
  attachSyntaxErrors,
  runStatements,
  Scope,
} from './scope';
import type { BinaryOp, Param, Statement } from './scope';
import { operatorOf, readDocument, startOf, syntaxDiagnostics } from './treesitter';
import type { Node } from './treesitter';

/** Module names whose functions are the usual math functions. */
const MATH_MODULES = new Set(['np', 'numpy', 'math', 'jnp', 'jax.numpy', 'onp', 'torch', 'cmath']);
const MODULE_CONSTANTS: Record<string, 'pi' | 'e'> = { pi: 'pi', e: 'e' };
const BINARY: Record<string, BinaryOp> = { '+': '+', '-': '-', '*': '*', '/': '/', '**': '^' };

/** Per-document knowledge: import aliases of math modules and names imported bare. */
interface Context {
  modules: Set<string>;
  constants: Record<string, 'pi' | 'e'>;
  globals: Map<string, SourceExpr>;
}

function documentContext(root: Node): Context {
  const modules = new Set(MATH_MODULES);
  const constants: Record<string, 'pi' | 'e'> = { pi: 'pi' };
  for (const st of root.namedChildren) {
    if (!st) continue;
    if (st.type === 'import_statement') {
      // `import numpy as xp` makes `xp.` a math prefix.
      for (const alias of st.namedChildren) {
        const name = alias?.childForFieldName('name')?.text;
        const as = alias?.childForFieldName('alias')?.text;
        if (alias?.type === 'aliased_import' && name && as && MATH_MODULES.has(name)) {
          modules.add(as);
        }
      }
    } else if (st.type === 'import_from_statement') {
      // `from math import e` makes a bare `e` Euler's number.
      const from = st.childForFieldName('module_name')?.text ?? '';
      if (!MATH_MODULES.has(from)) continue;
      for (const n of st.childrenForFieldName('name')) {
        if (n?.text === 'e') constants.e = 'e';
      }
    }
  }
  return { modules, constants, globals: new Map() };
}

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

/** Converts a Python expression node. */
function convert(ctx: Context, node: Node, scope: Scope): SourceExpr {
  const at = startOf(node);
  const sub = (n: Node | null): SourceExpr => {
    if (!n) throw new FrontEndError('Incomplete expression', node);
    return convert(ctx, n, scope);
  };
  switch (node.type) {
    case 'integer':
    case 'float':
      return numberLiteral(node.text, node);
    case 'identifier':
      return scope.name(node.text, node);
    case 'parenthesized_expression':
      return sub(node.namedChildren.find((c) => c?.type !== 'comment') ?? null);
    case 'unary_operator': {
      const op = operatorOf(node)?.text;
      const arg = sub(node.childForFieldName('argument'));
      if (op === '-') return src.negate(arg, at);
      if (op === '+') return arg;
      throw new FrontEndError(`Unsupported unary operator \`${op}\``, node);
    }
    case 'binary_operator': {
      const opNode = operatorOf(node);
      const op = opNode?.text ?? '';
      if (op === '^') {
        throw new FrontEndError(
          '`^` is bitwise XOR in Python, not a power; write `**` ' + '(for example `x**2`)',
          opNode ?? node,
        );
      }
      const mapped = BINARY[op];
      if (!mapped) {
        throw new FrontEndError(
          `Unsupported operator \`${op}\`; supported: + - * / **`,
          opNode ?? node,
        );
      }
      if (mapped === '+' || mapped === '-' || mapped === '*') return convertChain(node, sub);
      const left = sub(node.childForFieldName('left'));
      const right = sub(node.childForFieldName('right'));
      return src.binary(mapped, left, right, opNode ? startOf(opNode) : at);
    }
    case 'subscript': {
      const value = node.childForFieldName('value');
      const indices = node.childrenForFieldName('subscript').filter((n) => n !== null);
      if (value?.type !== 'identifier' || indices.length !== 1) {
        throw new FrontEndError(
          'Only one integer index of a parameter is supported, ' + 'as in `x[0]`',
          node,
        );
      }
      const index = constantValue(sub(indices[0]));
      return scope.index(value.text, index, node);
    }
    case 'attribute': {
      const object = node.childForFieldName('object')?.text ?? '';
      const attr = node.childForFieldName('attribute')?.text ?? '';
      if (ctx.modules.has(object) && MODULE_CONSTANTS[attr]) {
        return { type: 'constant', name: MODULE_CONSTANTS[attr], at };
      }
      throw new FrontEndError(
        `Unsupported attribute \`${node.text}\`; ` +
          'only `np.pi`, `np.e`, `math.pi`, `math.e` are known',
        node,
      );
    }
    case 'call':
      return convertCall(ctx, node, scope);
    default:
      throw new FrontEndError(
        `Unsupported ${describe(node)}; supported: numbers, parameters, ` +
          'locals, + - * / **, and NumPy/math functions',
        node,
      );
  }
}

/**
 * A left-associative chain a + b - c + … (or a * b * …) converted without
 * recursing down its left spine: a sum of thousands of terms nests thousands
 * deep, more than the call stack holds.
 */
function convertChain(node: Node, sub: (n: Node | null) => SourceExpr): SourceExpr {
  const additive = (t: string | undefined) => t === '+' || t === '-';
  const family = operatorOf(node)?.text === '*' ? (t?: string) => t === '*' : additive;
  const links: Node[] = [];
  let first: Node = node;
  while (first.type === 'binary_operator' && family(operatorOf(first)?.text)) {
    links.push(first);
    const left = first.childForFieldName('left');
    if (!left) break;
    first = left;
  }
  let out = sub(first);
  for (let k = links.length - 1; k >= 0; k--) {
    const opNode = operatorOf(links[k])!;
    const op = opNode.text as '+' | '-' | '*';
    out = src.binary(op, out, sub(links[k].childForFieldName('right')), startOf(opNode));
  }
  return out;
}

function convertCall(ctx: Context, node: Node, scope: Scope): SourceExpr {
  const fnNode = node.childForFieldName('function');
  const argsNode = node.childForFieldName('arguments');
  let name: string | undefined;
  if (fnNode?.type === 'identifier') name = fnNode.text;
  else if (fnNode?.type === 'attribute') {
    const object = fnNode.childForFieldName('object')?.text ?? '';
    if (ctx.modules.has(object)) name = fnNode.childForFieldName('attribute')?.text;
    // np.max and np.min reduce one array (their second argument is `axis`); the
    // elementwise max of two values is np.maximum. Reading np.max(x, y) as max(x, y)
    // would derive code that does not run.
    if (object !== 'math' && (name === 'max' || name === 'min')) {
      throw new FrontEndError(
        `\`${fnNode.text}\` reduces an array (its second argument is an axis); ` +
          `for the larger/smaller of two values write \`${object}.${name}imum(a, b)\``,
        node,
      );
    }
  }
  if (!name || !argsNode) {
    throw new FrontEndError(
      `Unsupported call \`${fnNode?.text ?? node.text}\`; calls must be ` +
        'math functions such as `np.sin`, `math.exp`, `abs`, `max`',
      node,
    );
  }
  if (argsNode.type === 'generator_expression') {
    if (name !== 'sum') throw new FrontEndError(`Unsupported generator in \`${name}\``, node);
    return unrolledSum(ctx, argsNode, scope, node);
  }
  const args = argsNode.namedChildren.filter((n) => n !== null && n.type !== 'comment');
  if (args.some((a) => a.type === 'keyword_argument' || a.type.endsWith('splat'))) {
    throw new FrontEndError('Keyword and starred arguments are not supported', argsNode);
  }
  return mathCall(
    name,
    args.map((a) => convert(ctx, a, scope)),
    node,
    { pow: 'pow' },
  );
}

/** `sum(expr for i in range(a, b))` with literal bounds, unrolled into a sum of terms. */
function unrolledSum(ctx: Context, gen: Node, scope: Scope, call: Node): SourceExpr {
  const body = gen.childForFieldName('body');
  const clauses = gen.namedChildren.filter((n) => n?.type === 'for_in_clause');
  const clause = clauses.length === 1 ? clauses[0] : null;
  const loopVar = clause?.childForFieldName('left');
  const range = clause?.childForFieldName('right');
  const unsupported = new FrontEndError(
    'Only `sum(term for i in range(n))` with literal bounds ' + 'is supported',
    gen,
  );
  if (
    !body ||
    !clause ||
    loopVar?.type !== 'identifier' ||
    range?.type !== 'call' ||
    range.childForFieldName('function')?.text !== 'range' ||
    gen.namedChildren.some((n) => n?.type === 'if_clause')
  )
    throw unsupported;
  const bounds = (range.childForFieldName('arguments')?.namedChildren ?? []).map((n) =>
    n ? constantValue(convert(ctx, n, scope)) : NaN,
  );
  const [start, stop, step] =
    bounds.length === 1 ? [0, bounds[0], 1] : [bounds[0], bounds[1], bounds[2] ?? 1];
  if (
    ![start, stop, step].every(Number.isInteger) ||
    step === 0 ||
    bounds.length > 3 ||
    Math.abs((stop - start) / step) > 1000
  )
    throw unsupported;
  let total: SourceExpr | undefined;
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    const term = scope.withLocal(loopVar.text, src.num(i, startOf(loopVar)), () =>
      convert(ctx, body, scope),
    );
    total = total ? src.binary('+', total, term, startOf(call)) : term;
  }
  return total ?? src.num(0, startOf(call));
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
