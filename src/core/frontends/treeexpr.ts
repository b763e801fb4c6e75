/**
 * What every tree-sitter expression reader needs beside scopes: number
 * literals, math calls by name, constant values (for indices), and the error
 * for a construct a front end does not read.
 */
import type { FunctionDef, MathFunction, SourceExpr } from '../source';
import { evaluateSource } from '../source-eval';
import { arityOk, COMMON_FUNCTIONS, src } from './common';
import { FrontEndError } from './scope';
import { startOf } from './treesitter';
import type { Node } from './treesitter';

/**
 * A math call by its name as written after the module prefix (`sin` for
 * `np.sin`), with the language's extra spellings. Throws when unknown or
 * when the argument count is wrong.
 */
export function mathCall(
  name: string,
  args: SourceExpr[],
  node: Node,
  extra: Readonly<Record<string, MathFunction>> = {},
): SourceExpr {
  const at = startOf(node);
  if (name === 'square' && args.length === 1) return src.binary('^', args[0], src.num(2, at), at);
  const fn =
    extra[name] ?? (Object.hasOwn(COMMON_FUNCTIONS, name) ? COMMON_FUNCTIONS[name] : undefined);
  if (!fn) {
    // As written (`Math.trunc`, not `trunc`): a namespaced call is never one of the file's.
    const open = node.text.indexOf('(');
    const written = open > 0 ? node.text.slice(0, open).trim() : name;
    throw new FrontEndError(
      `Unsupported function \`${/^[\w.]+$/.test(written) ? written : name}\`; supported: ` +
        `${Object.keys(COMMON_FUNCTIONS).join(', ')}, square`,
      node,
    );
  }
  if (!arityOk(fn, args.length)) {
    throw new FrontEndError(`\`${name}\` does not take ${args.length} argument(s)`, node);
  }
  return src.call(fn, args, at);
}

/** A numeric literal as written (`1_000`, `1e-3`, `.5`, `0x1f`, Julia `1f0`); throws if not. */
export function numberLiteral(text: string, node: Node): SourceExpr {
  const cleaned = text.replace(/_/g, '').replace(/^(\d+\.?\d*)f([-+]?\d+)$/, '$1e$2');
  const value = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(value)) {
    throw new FrontEndError(`Unsupported number literal \`${text}\``, node);
  }
  return src.num(value, startOf(node));
}

/** The value of an expression without variables (for indices such as `x[i + 1]`), or NaN. */
export function constantValue(e: SourceExpr): number {
  return evaluateSource(e, []); // a variable reads as undefined, so the value is NaN
}

/** A short name for a construct in messages: its node type in words, and its first line. */
/**
 * The error for an expression a front end does not read: `supported` says
 * what it does read. Empty parentheses (an unfinished `f(` the editor closed
 * as `()`) say so instead.
 */
export function unsupported(node: Node, supported: string): FrontEndError {
  if (/^\(\s*\)$/.test(node.text)) {
    return new FrontEndError('Empty parentheses `()`: write an expression inside them', node);
  }
  return new FrontEndError(`Unsupported ${describe(node)}; supported: ${supported}`, node);
}

export function describe(node: Node): string {
  const text = node.text.split('\n')[0].trim();
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `${node.type.replace(/_/g, ' ')} \`${short}\``;
}

/**
 * A call of another function of the same document is not followed (each
 * definition is derived on its own): where the message says "Unsupported
 * function `g`" and g is defined in the document, say that instead.
 */
export function explainCallsBetween(functions: readonly FunctionDef[]): void {
  const names = new Set(functions.map((f) => f.name));
  for (const def of functions) {
    for (const d of def.diagnostics) {
      const name = /^Unsupported function `([^`]+)`/.exec(d.message)?.[1];
      if (!name || !names.has(name)) continue;
      d.message =
        `\`${name}\` is another function of this file: calls between your functions are ` +
        `not followed; write its formula here (or a local variable holding it), or derive ` +
        `\`${name}\` on its own.`;
    }
  }
}
