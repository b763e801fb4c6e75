/**
 * What a language front end hands to the engine: the functions it found in a
 * document, each with its parameters flattened to scalar variables and its
 * body as a small math tree that keeps source positions for diagnostics.
 *
 * Front ends never differentiate; the engine never reads source text.
 */

/** Languages the product understands (VS Code language ids where they exist). */
export type Language =
  'python' | 'javascript' | 'typescript' | 'julia' | 'matlab' | 'markdown' | 'latex';

/** A place in the user's document: 0-based line and 0-based column. */
export interface Position {
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning' | 'information';

/** A message about the user's document, with its place and what to do. */
export interface Diagnostic {
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
}

/** Function names the engine knows; front ends map their spellings onto these. */
export type MathFunction =
  | 'sin'
  | 'cos'
  | 'tan'
  | 'asin'
  | 'acos'
  | 'atan'
  | 'atan2'
  | 'sinh'
  | 'cosh'
  | 'tanh'
  | 'exp'
  | 'log'
  | 'log10'
  | 'log2'
  | 'sqrt'
  | 'cbrt'
  | 'abs'
  | 'sign'
  | 'max'
  | 'min'
  | 'hypot'
  | 'pow';

/**
 * The body of a function as parsed from source. `var` refers to an entry of
 * `FunctionDef.variables` by index. Locals are substituted by the front end
 * (the same subtree object may appear several times; that is fine).
 */
export type SourceExpr =
  | { type: 'number'; value: number; at: Position }
  | { type: 'constant'; name: 'pi' | 'e'; at: Position }
  | { type: 'variable'; index: number; at: Position }
  | { type: 'negate'; arg: SourceExpr; at: Position }
  | {
      type: 'binary';
      op: '+' | '-' | '*' | '/' | '^';
      left: SourceExpr;
      right: SourceExpr;
      at: Position;
    }
  | { type: 'call'; fn: MathFunction; args: SourceExpr[]; at: Position };

/** One scalar variable: its name as written in source and its plain identifier. */
export interface Variable {
  /** As written by the user: `x[0]`, `x(1)`, `x_1`, `y`. */
  name: string;
  /** Identifier used in mathjs-syntax strings: `x0`, `x1`, `y` (never `e`, `pi`, `i`). */
  symbol: string;
  /** LaTeX for display: `x_{0}`, `y`. */
  latex: string;
}

/** A function definition found in a document. */
export interface FunctionDef {
  name: string;
  language: Language;
  /** 0-based first and last line of the definition. */
  range: { startLine: number; endLine: number };
  /** Where the name is written (for CodeLens and hovers). */
  nameAt: Position;
  variables: Variable[];
  /** Absent when the body could not be understood; then `diagnostics` says why. */
  body?: SourceExpr;
  /** Problems specific to this definition (unsupported call, `^` as XOR, ...). */
  diagnostics: Diagnostic[];
  /** How indices in variable names are counted in this language, for display. */
  indexBase?: 0 | 1;
}

/** The result of running a front end over a whole document. */
export interface ParsedDocument {
  functions: FunctionDef[];
  /** Problems not tied to one definition (syntax errors, unreadable math). */
  diagnostics: Diagnostic[];
}

/** A front end: text in, definitions out. Never throws on bad input. */
export interface FrontEnd {
  readonly languages: readonly Language[];
  parse(text: string, language: Language): Promise<ParsedDocument>;
}
