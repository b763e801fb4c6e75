/**
 * JavaScript and TypeScript front end: function declarations and
 * expressions, arrow functions (expression or block bodies), class methods,
 * with `Math.*`, `**`, `const`/`let` locals and 0-based `x[0]` components.
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
import {
  constantValue,
  describe,
  explainCallsBetween,
  mathCall,
  numberLiteral,
  unsupported,
} from './treeexpr';
import type { BinaryOp, Param, Statement } from './scope';
import {
  convertLeftChain,
  operatorOf,
  readDocument,
  startOf,
  syntaxDiagnostics,
  walk,
} from './treesitter';
import type { Node } from './treesitter';

type JsLanguage = 'javascript' | 'typescript';

const BINARY: Record<string, BinaryOp> = { '+': '+', '-': '-', '*': '*', '/': '/', '**': '^' };
/** Operators read as one left-associative chain (see convertLeftChain). */
const SUMS: ReadonlySet<string> = new Set(['+', '-']);
const PRODUCTS: ReadonlySet<string> = new Set(['*', '/']);
const AUGMENTED: Record<string, BinaryOp> = {
  '+=': '+',
  '-=': '-',
  '*=': '*',
  '/=': '/',
  '**=': '^',
};
const MATH_CONSTANTS: Record<string, 'pi' | 'e'> = { PI: 'pi', E: 'e' };
/** TypeScript wrappers that do not change a value: `x as number`, `x!`, `x satisfies T`. */
const TRANSPARENT = new Set([
  'as_expression',
  'non_null_expression',
  'satisfies_expression',
  'type_assertion',
]);
/** JavaScript has no bare `pi` or `e`: only `Math.PI` and `Math.E`. */
const NO_CONSTANTS: Record<string, 'pi' | 'e'> = {};
const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function']);

/** Converts a JavaScript/TypeScript expression node. */
function convert(node: Node, scope: Scope): SourceExpr {
  const at = startOf(node);
  const sub = (n: Node | null | undefined): SourceExpr => {
    if (!n) throw new FrontEndError('Incomplete expression', node);
    return convert(n, scope);
  };
  if (TRANSPARENT.has(node.type)) return sub(node.namedChildren[0]);
  switch (node.type) {
    case 'number':
      return numberLiteral(node.text, node);
    case 'identifier':
      return scope.name(node.text, node);
    case 'parenthesized_expression':
      return sub(node.namedChildren.find((c) => c?.type !== 'comment'));
    case 'unary_expression': {
      const op = operatorOf(node)?.text;
      const arg = sub(node.childForFieldName('argument'));
      if (op === '-') return src.negate(arg, at);
      if (op === '+') return arg;
      throw new FrontEndError(`Unsupported unary operator \`${op}\``, node);
    }
    case 'binary_expression': {
      const opNode = operatorOf(node);
      const op = opNode?.text ?? '';
      const leftNode = node.childForFieldName('left');
      if (op === '**' && leftNode?.type === 'unary_expression') {
        // JavaScript forbids `-x ** 2` (ambiguous); tree-sitter accepts it, engines do not.
        throw new FrontEndError(
          'SyntaxError: a unary operator cannot be the left operand of ' +
            '`**`; write `-(x ** 2)` or `(-x) ** 2`',
          leftNode,
        );
      }
      const mapped = BINARY[op];
      if (!mapped) {
        throw new FrontEndError(
          `Unsupported operator \`${op}\`; supported: + - * / **`,
          opNode ?? node,
        );
      }
      if (mapped !== '^') {
        const family = mapped === '+' || mapped === '-' ? SUMS : PRODUCTS;
        return convertLeftChain(node, 'binary_expression', family, BINARY, sub);
      }
      return src.binary(
        mapped,
        sub(leftNode),
        sub(node.childForFieldName('right')),
        opNode ? startOf(opNode) : at,
      );
    }
    case 'subscript_expression': {
      const object = node.childForFieldName('object');
      const index = node.childForFieldName('index');
      if (object?.type !== 'identifier' || !index) {
        throw new FrontEndError(
          'Only an integer index of a parameter is supported, as in ' + '`x[0]`',
          node,
        );
      }
      return scope.index(object.text, constantValue(sub(index)), node);
    }
    case 'member_expression': {
      const object = node.childForFieldName('object')?.text;
      const property = node.childForFieldName('property')?.text ?? '';
      if (object === 'Math' && MATH_CONSTANTS[property]) {
        return { type: 'constant', name: MATH_CONSTANTS[property], at };
      }
      throw new FrontEndError(
        `Unsupported property \`${node.text}\`; only \`Math.PI\` and ` + '`Math.E` are known',
        node,
      );
    }
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      const isMath =
        fn?.type === 'member_expression' && fn.childForFieldName('object')?.text === 'Math';
      const name = fn?.childForFieldName('property')?.text;
      if (!isMath || !name || args?.type !== 'arguments') {
        throw new FrontEndError(
          `Unsupported call \`${fn?.text ?? node.text}\`; calls must be ` +
            '`Math` functions such as `Math.exp`',
          node,
        );
      }
      const values = args.namedChildren.filter((a) => a !== null && a.type !== 'comment');
      if (values.some((a) => a.type === 'spread_element')) {
        throw new FrontEndError('Spread arguments are not supported', args);
      }
      const converted = values.map((a) => convert(a, scope));
      // `Math.min(x)` and `Math.max(x)` are x itself.
      if ((name === 'min' || name === 'max') && converted.length === 1) return converted[0];
      return mathCall(name, converted, node);
    }
    default:
      throw unsupported(node, 'numbers, parameters, locals, + - * / **, and Math functions');
  }
}

function classify(node: Node): Statement[] {
  switch (node.type) {
    case 'comment':
    case 'empty_statement':
      return [{ kind: 'skip' }];
    case 'return_statement': {
      const value = node.namedChildren.find((c) => c?.type !== 'comment');
      return [
        value
          ? { kind: 'return', value, node }
          : { kind: 'unsupported', what: 'A `return` without a value', node },
      ];
    }
    case 'lexical_declaration':
    case 'variable_declaration':
      return node.namedChildren
        .filter((d) => d?.type === 'variable_declarator')
        .map((d) => {
          const name = d!.childForFieldName('name');
          const value = d!.childForFieldName('value');
          if (name?.type !== 'identifier' || !value) {
            return { kind: 'unsupported', what: describe(d!), node: d! };
          }
          return { kind: 'assign', name: name.text, value, node: d! };
        });
    case 'expression_statement': {
      const e = node.namedChildren[0];
      const left = e?.childForFieldName('left');
      const right = e?.childForFieldName('right');
      if (e && left?.type === 'identifier' && right) {
        if (e.type === 'assignment_expression') {
          return [{ kind: 'assign', name: left.text, value: right, node: e }];
        }
        const op = AUGMENTED[operatorOf(e)?.text ?? ''];
        if (e.type === 'augmented_assignment_expression' && op) {
          return [{ kind: 'assign', name: left.text, op, value: right, node: e }];
        }
      }
      return [{ kind: 'unsupported', what: describe(e ?? node), node: e ?? node }];
    }
    default:
      return [{ kind: 'unsupported', what: describe(node), node }];
  }
}

function readParams(fn: Node, globals: ReadonlyMap<string, SourceExpr>): Param[] {
  const single = fn.childForFieldName('parameter'); // `x => ...`
  if (single) return [{ name: single.text, at: startOf(single) }];
  const out: Param[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p || p.type === 'comment') continue;
    // JS: identifier or assignment_pattern; TS: required_/optional_parameter with fields.
    const id =
      p.type === 'identifier' ? p : (p.childForFieldName('pattern') ?? p.childForFieldName('left'));
    const value = p.childForFieldName('value') ?? p.childForFieldName('right');
    if (id?.type !== 'identifier') {
      throw new FrontEndError(`Unsupported parameter \`${p.text}\`; use plain names`, p);
    }
    if (!value) {
      out.push({ name: id.text, at: startOf(id) });
      continue;
    }
    // A default makes the parameter a constant of the function (`a = 1, b = 100`).
    let constant: SourceExpr;
    try {
      constant = convert(value, new Scope([], 0, globals, NO_CONSTANTS));
    } catch {
      throw new FrontEndError(`The default of \`${id.text}\` must be a number`, value);
    }
    out.push({ name: id.text, at: startOf(id), value: constant });
  }
  return out;
}

/** A FunctionDef for a function node (declaration, expression, arrow, method). */
function jsFunction(
  language: JsLanguage,
  fn: Node,
  nameNode: Node,
  defNode: Node,
  globals: ReadonlyMap<string, SourceExpr>,
): FunctionDef {
  return buildFunction({
    language,
    name: nameNode.type === 'string' ? nameNode.text.slice(1, -1) : nameNode.text,
    nameNode,
    defNode,
    indexBase: 0,
    globals,
    constants: NO_CONSTANTS,
    params: () => readParams(fn, globals),
    body: (scope) => {
      const body = fn.childForFieldName('body');
      if (!body) throw new FrontEndError('The function has no body', fn);
      if (body.type !== 'statement_block') return convert(body, scope);
      const statements = body.namedChildren.filter((n) => n !== null).flatMap(classify);
      return runStatements(statements, scope, convert, fn);
    },
  });
}

/** The statement that holds a node for range purposes: includes `export` and `const`. */
function outerStatement(node: Node): Node {
  let outer = node;
  while (
    outer.parent &&
    [
      'variable_declarator',
      'lexical_declaration',
      'variable_declaration',
      'export_statement',
    ].includes(outer.parent.type)
  )
    outer = outer.parent;
  return outer;
}

/** Names that are the target of `=`, `+=`, `++` ... anywhere in the document. */
function assignedNames(root: Node): Set<string> {
  const names = new Set<string>();
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (
      node.type === 'assignment_expression' ||
      node.type === 'augmented_assignment_expression' ||
      node.type === 'update_expression'
    ) {
      const target = node.childForFieldName('left') ?? node.childForFieldName('argument');
      if (target?.type === 'identifier') names.add(target.text);
    }
    for (const child of node.namedChildren) if (child) stack.push(child);
  }
  return names;
}

/** Finds every function in a JavaScript or TypeScript document. Never throws. */
export async function parseJavaScript(text: string, language: JsLanguage): Promise<ParsedDocument> {
  return readDocument(language, text, (root) => {
    const errors = syntaxDiagnostics(root);
    const constants: { name: string; value: Node }[] = [];
    for (const st of root.namedChildren) {
      const decl = st?.type === 'export_statement' ? st.childForFieldName('declaration') : st;
      if (decl?.type !== 'lexical_declaration' && decl?.type !== 'variable_declaration') continue;
      for (const d of decl.namedChildren) {
        const name = d?.childForFieldName('name');
        const value = d?.childForFieldName('value');
        if (name?.type === 'identifier' && value && !FUNCTION_VALUES.has(value.type)) {
          constants.push({ name: name.text, value });
        }
      }
    }
    // A `let` or `var` assigned again anywhere has no one value a function can rely on
    // (its value at call time depends on what ran before): it is not a constant.
    const reassigned = assignedNames(root);
    const globals = collectGlobals(
      constants.filter((c) => !reassigned.has(c.name)),
      convert,
      NO_CONSTANTS,
    );
    const functions: FunctionDef[] = [];
    walk(root, (node) => {
      let nameNode: Node | null = null;
      if (
        node.type === 'function_declaration' ||
        node.type === 'method_definition' ||
        node.type === 'generator_function_declaration'
      ) {
        nameNode = node.childForFieldName('name');
      } else if (FUNCTION_VALUES.has(node.type)) {
        const parent = node.parent;
        const value = parent?.childForFieldName('value');
        if (parent?.type === 'variable_declarator' && value?.id === node.id) {
          nameNode = parent.childForFieldName('name');
        } else if (parent?.type === 'assignment_expression') {
          nameNode = parent.childForFieldName('left');
        } else if (parent?.type === 'pair' && value?.id === node.id) {
          nameNode = parent.childForFieldName('key'); // `{ f: (x) => ... }`
        } else if (parent?.type === 'export_statement' && value?.id === node.id) {
          // `export default (x) => ...`: the export's name is `default`.
          nameNode = parent.children.find((c) => c?.type === 'default') ?? null;
        } else if (node.type !== 'arrow_function') {
          nameNode = node.childForFieldName('name'); // named function expression
        }
      }
      if (nameNode && node.type !== 'generator_function_declaration') {
        functions.push(jsFunction(language, node, nameNode, outerStatement(node), globals));
      }
    });
    for (const def of functions) attachSyntaxErrors(def, errors);
    explainCallsBetween(functions);
    return { functions, diagnostics: errors };
  });
}

/** Parses a selection such as `x*y + Math.exp(x)` as a function of its free names. */
export async function parseJavaScriptExpression(
  text: string,
  language: JsLanguage,
): Promise<ParsedDocument> {
  return readDocument(language, text, (root) => {
    const statements = root.namedChildren.filter((n) => n !== null && n.type !== 'comment');
    const only =
      statements.length === 1 && statements[0].type === 'expression_statement'
        ? (statements[0].namedChildren[0] ?? undefined)
        : undefined;
    const expr = only && !/assignment|sequence/.test(only.type) ? only : undefined;
    return buildSelection(
      language,
      root,
      expr,
      0,
      convert,
      NO_CONSTANTS,
      'The selection is not a single JavaScript expression',
    );
  });
}
