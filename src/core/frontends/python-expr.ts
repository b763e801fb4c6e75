/**
 * Python expressions: NumPy, JAX (`jnp.`), `math` and bare-imported
 * functions, `x[0]`-style components, `sum(... for i in range(a, b))` with
 * literal bounds, and the import aliases of a document (its {@link Context}).
 */
import type { SourceExpr } from '../source';
import { src } from './common';
import { FrontEndError, Scope } from './scope';
import { constantValue, mathCall, numberLiteral, unsupported } from './treeexpr';
import type { BinaryOp } from './scope';
import { convertLeftChain, operatorOf, startOf } from './treesitter';
import type { Node } from './treesitter';

/** Module names whose functions are the usual math functions. */
const MATH_MODULES = new Set(['np', 'numpy', 'math', 'jnp', 'jax.numpy', 'onp', 'torch', 'cmath']);
const MODULE_CONSTANTS: Record<string, 'pi' | 'e'> = { pi: 'pi', e: 'e' };
const BINARY: Record<string, BinaryOp> = { '+': '+', '-': '-', '*': '*', '/': '/', '**': '^' };
/** Operators read as one left-associative chain (see convertLeftChain). */
const SUMS: ReadonlySet<string> = new Set(['+', '-']);
const PRODUCTS: ReadonlySet<string> = new Set(['*']);

/** Per-document knowledge: import aliases of math modules and names imported bare. */
export interface Context {
  modules: Set<string>;
  constants: Record<string, 'pi' | 'e'>;
  globals: Map<string, SourceExpr>;
}

export function documentContext(root: Node): Context {
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

/** Converts a Python expression node. */
export function convert(ctx: Context, node: Node, scope: Scope): SourceExpr {
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
      if (mapped === '+' || mapped === '-' || mapped === '*') {
        const family = mapped === '*' ? PRODUCTS : SUMS;
        return convertLeftChain(node, 'binary_operator', family, BINARY, sub);
      }
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
      throw unsupported(node, 'numbers, parameters, locals, + - * / **, and NumPy/math functions');
  }
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
