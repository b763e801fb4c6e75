/**
 * The language-independent half of the tree-sitter front ends: resolving
 * names (parameters, locals, globals, constants), discovering the scalar
 * variables a body uses, substituting locals, and turning a definition into a
 * FunctionDef whose problems are diagnostics rather than exceptions.
 */
import type {
  Diagnostic,
  FunctionDef,
  Language,
  ParsedDocument,
  Position,
  SourceExpr,
  Variable,
} from '../source';
import { indexedVariable, scalarVariable, src } from './common';
import { diagnosticAt, startOf, syntaxDiagnostics } from './treesitter';
import type { Node } from './treesitter';

/**
 * A problem with the user's code found while converting it. Thrown inside a
 * front end and caught per definition, where it becomes a diagnostic.
 */
export class FrontEndError extends Error {
  constructor(
    message: string,
    readonly node: Node,
  ) {
    super(message);
  }
}

/** A parameter of a definition; `value` is set when it has a constant default. */
export interface Param {
  name: string;
  at: Position;
  value?: SourceExpr;
}

/** A binary operator of SourceExpr. */
export type BinaryOp = '+' | '-' | '*' | '/' | '^';

interface BaseUse {
  bareAt?: Node;
  indices: Set<number>;
}

/**
 * Name resolution and variable discovery for one body. With `params` null the
 * scope is "free": every unknown identifier becomes a variable (selections).
 */
export class Scope {
  private readonly locals = new Map<string, SourceExpr>();
  /** Variable nodes created so far, with the key of the variable they stand for. */
  private readonly refs = new Map<SourceExpr & { type: 'variable' }, string>();
  /** Uses per parameter (or free name), in order of first appearance. */
  private readonly uses = new Map<string, BaseUse>();

  constructor(
    private readonly params: Param[] | null,
    readonly indexBase: 0 | 1,
    private readonly globals: ReadonlyMap<string, SourceExpr> = new Map(),
    private readonly constants: Readonly<Record<string, 'pi' | 'e'>> = { pi: 'pi' },
  ) {
    for (const p of params ?? []) if (!p.value) this.uses.set(p.name, { indices: new Set() });
  }

  /** Binds a local name to an already converted expression (later uses substitute it). */
  assign(name: string, value: SourceExpr): void {
    this.locals.set(name, value);
  }

  /** Runs `fn` with a name temporarily bound (loop indices of unrolled sums). */
  withLocal<T>(name: string, value: SourceExpr, fn: () => T): T {
    const previous = this.locals.get(name);
    this.locals.set(name, value);
    try {
      return fn();
    } finally {
      if (previous) this.locals.set(name, previous);
      else this.locals.delete(name);
    }
  }

  /** The expression bound to a local, if any. */
  local(name: string): SourceExpr | undefined {
    return this.locals.get(name);
  }

  /** Resolves a bare identifier. */
  name(name: string, node: Node): SourceExpr {
    const local = this.locals.get(name);
    if (local) return local;
    const param = this.params?.find((p) => p.name === name);
    if (param?.value) return param.value;
    if (param || (this.params === null && !(name in this.constants))) {
      const use = this.use(name);
      use.bareAt ??= node;
      return this.ref(name, node);
    }
    const global = this.globals.get(name);
    if (global) return global;
    const constant = this.constants[name];
    if (constant) return { type: 'constant', name: constant, at: startOf(node) };
    throw new FrontEndError(
      `\`${name}\` is not a parameter, a local or a known constant; ` +
        'only parameters, local assignments and numeric module constants can be used',
      node,
    );
  }

  /** Resolves `base[index]` where `index` is as written (0- or 1-based per language). */
  index(base: string, index: number, node: Node): SourceExpr {
    if (this.locals.has(base)) {
      throw new FrontEndError(
        `Indexing the local \`${base}\` is not supported; ` + 'only parameters can be indexed',
        node,
      );
    }
    const param = this.params?.find((p) => p.name === base);
    if (this.params !== null && (!param || param.value)) {
      throw new FrontEndError(
        `\`${base}\` is not a parameter; only parameters can be indexed`,
        node,
      );
    }
    if (!Number.isInteger(index) || index < this.indexBase) {
      throw new FrontEndError(
        `Index ${index} of \`${base}\` must be an integer literal ` + `≥ ${this.indexBase}`,
        node,
      );
    }
    this.use(base).indices.add(index);
    return this.ref(`${base}[${index}]`, node);
  }

  /**
   * The variables, in parameter order (or first appearance in a free scope);
   * an indexed parameter contributes components from the index base to the
   * largest index used. Renumbers the variable nodes of the body to match.
   */
  finish(): Variable[] {
    const taken = new Set<string>();
    const variables: Variable[] = [];
    const slot = new Map<string, number>();
    for (const [base, use] of this.uses) {
      if (use.indices.size > 0 && use.bareAt) {
        throw new FrontEndError(
          `\`${base}\` is used both as a whole and indexed; ` +
            'use either scalar parameters or indexed components',
          use.bareAt,
        );
      }
      if (use.indices.size === 0) {
        slot.set(base, variables.length);
        variables.push(scalarVariable(base, taken));
        continue;
      }
      const max = Math.max(...use.indices);
      for (let i = this.indexBase; i <= max; i++) {
        slot.set(`${base}[${i}]`, variables.length);
        variables.push(indexedVariable(base, i, `${base}[${i}]`, taken));
      }
    }
    for (const [node, key] of this.refs) node.index = slot.get(key) ?? -1;
    return variables;
  }

  private use(base: string): BaseUse {
    let use = this.uses.get(base);
    if (!use) {
      use = { indices: new Set() };
      this.uses.set(base, use);
    }
    return use;
  }

  private ref(key: string, node: Node): SourceExpr {
    const expr = { type: 'variable' as const, index: -1, at: startOf(node) };
    this.refs.set(expr, key);
    return expr;
  }
}

/** One statement of a body, as a front end classifies it. */
export type Statement =
  | { kind: 'assign'; name: string; op?: BinaryOp; value: Node; node: Node }
  | { kind: 'return'; value: Node; node: Node }
  | { kind: 'skip' }
  | { kind: 'unsupported'; what: string; node: Node };

/** Converts an expression node; throws FrontEndError for what it cannot read. */
export type Convert = (node: Node, scope: Scope) => SourceExpr;

/**
 * Runs the statements of a body in order, substituting locals, and returns
 * the converted return expression. Statements after the return are ignored
 * (they cannot run).
 */
export function runStatements(
  statements: Statement[],
  scope: Scope,
  convert: Convert,
  owner: Node,
): SourceExpr {
  for (const st of statements) {
    if (st.kind === 'skip') continue;
    if (st.kind === 'unsupported') {
      throw new FrontEndError(
        `${st.what} is not supported here; a body may only assign ` +
          'local names (`z = ...`, `z += ...`) and return one expression',
        st.node,
      );
    }
    if (st.kind === 'return') return convert(st.value, scope);
    let value = convert(st.value, scope);
    if (st.op) {
      const old = scope.local(st.name) ?? scope.name(st.name, st.node);
      value = src.binary(st.op, old, value, startOf(st.node));
    }
    scope.assign(st.name, value);
  }
  throw new FrontEndError('The function has no `return` expression', owner);
}

/** What a front end knows about one definition before converting its body. */
export interface DefinitionInput {
  language: Language;
  name: string;
  nameNode: Node;
  defNode: Node;
  indexBase: 0 | 1;
  /** Reads the parameters; may throw FrontEndError (then the function has no body). */
  params: () => Param[];
  /** Converts the body within the given scope. */
  body: (scope: Scope) => SourceExpr;
  globals?: ReadonlyMap<string, SourceExpr>;
  constants?: Readonly<Record<string, 'pi' | 'e'>>;
}

/** Builds a FunctionDef; any problem becomes a diagnostic and leaves `body` unset. */
export function buildFunction(input: DefinitionInput): FunctionDef {
  const def: FunctionDef = {
    name: input.name,
    language: input.language,
    range: { startLine: input.defNode.startPosition.row, endLine: input.defNode.endPosition.row },
    nameAt: startOf(input.nameNode),
    variables: [],
    diagnostics: [],
    indexBase: input.indexBase,
  };
  let scope: Scope | undefined;
  try {
    const params = input.params();
    scope = new Scope(params, input.indexBase, input.globals, input.constants);
    const body = input.body(scope);
    def.variables = scope.finish();
    def.body = body;
    // Say so where a parameter is held at its default rather than differentiated.
    for (const p of params) {
      if (!p.value) continue;
      def.diagnostics.push({
        message:
          `'${p.name}' has a default value, so it is held constant, not differentiated; ` +
          `remove the default to differentiate by ${p.name}.`,
        line: p.at.line,
        column: p.at.column,
        severity: 'information',
      });
    }
  } catch (err) {
    def.diagnostics.push(toDiagnostic(err, input.defNode));
    // Still list the variables seen so far, so the user sees what was understood.
    try {
      def.variables = scope?.finish() ?? [];
    } catch {
      def.variables = [];
    }
  }
  return def;
}

/** A diagnostic for an error thrown while converting (internal errors included). */
export function toDiagnostic(err: unknown, fallback: Node): Diagnostic {
  if (err instanceof FrontEndError) return diagnosticAt(err.node, err.message);
  if (err instanceof RangeError) {
    return diagnosticAt(
      fallback,
      'This definition is nested too deeply to read (thousands of operations in one chain, or ' +
        'thousands of parentheses); split it into local variables.',
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return diagnosticAt(fallback, `Internal error while reading this definition: ${message}`);
}

/**
 * Module-level constants such as `a = 100` or `const K = 2 * Math.PI`, so
 * that functions may use them. Only assignments whose value converts without
 * any variable are kept; anything else is silently not a global.
 */
export function collectGlobals(
  assignments: { name: string; value: Node }[],
  convert: Convert,
  constants?: Readonly<Record<string, 'pi' | 'e'>>,
): Map<string, SourceExpr> {
  const globals = new Map<string, SourceExpr>();
  for (const { name, value } of assignments) {
    try {
      const scope = new Scope([], 0, globals, constants);
      globals.set(name, convert(value, scope));
    } catch {
      globals.delete(name);
    }
  }
  return globals;
}

/** Collects the syntax diagnostics inside a definition into the function's own list. */
export function attachSyntaxErrors(def: FunctionDef, errors: Diagnostic[]): void {
  const inside = errors.filter((d) => d.line >= def.range.startLine && d.line <= def.range.endLine);
  if (inside.length === 0) return;
  // What conversion said after a syntax error is noise; the syntax error is the news.
  def.diagnostics = inside;
  def.body = undefined;
}

/**
 * A selection parsed as a bare expression: one function named `selection`
 * whose variables are the free identifiers. `expr` is undefined when the
 * text is not a single expression; `notExpression` then says what it was.
 */
export function buildSelection(
  language: Language,
  root: Node,
  expr: Node | undefined,
  indexBase: 0 | 1,
  convert: Convert,
  constants?: Readonly<Record<string, 'pi' | 'e'>>,
  notExpression = 'The selection is not a single expression',
): ParsedDocument {
  const errors = syntaxDiagnostics(root);
  if (errors.length > 0) return { functions: [], diagnostics: errors };
  if (!expr) return { functions: [], diagnostics: [diagnosticAt(root, notExpression)] };
  const def: FunctionDef = {
    name: 'selection',
    language,
    range: { startLine: expr.startPosition.row, endLine: expr.endPosition.row },
    nameAt: startOf(expr),
    variables: [],
    diagnostics: [],
    indexBase,
  };
  const scope = new Scope(null, indexBase, new Map(), constants);
  try {
    const body = convert(expr, scope);
    def.variables = scope.finish();
    def.body = body;
  } catch (err) {
    def.diagnostics.push(toDiagnostic(err, expr));
  }
  return { functions: [def], diagnostics: [] };
}
