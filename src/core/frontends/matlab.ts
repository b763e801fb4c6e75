/**
 * MATLAB/Octave front end. Finds anonymous functions (`f = @(x) x(1)^2;`)
 * and function files/blocks (`function y = f(a, b) ... end`) and turns their
 * bodies into `SourceExpr`. A function block's body is the last value given
 * to its output variable, with earlier locals substituted. No tree-sitter
 * grammar for MATLAB is on npm, so this is a hand-written parser.
 */
import type { Diagnostic, FunctionDef, ParsedDocument, Position, SourceExpr } from '../source';
import { parseMatlabTokens, type MProblem, type MScope } from './matlab-expr';
import { tokenizeMatlab, type MToken } from './matlab-lex';
import { VarCollector } from './var-collector';

/** A statement: tokens [from, to) of the token array, without its separator. */
interface Stmt {
  from: number;
  to: number;
}

/** Keywords that open a block closed by `end` (when they start a statement). */
const BLOCK_OPENERS = new Set([
  'if',
  'for',
  'parfor',
  'while',
  'switch',
  'try',
  'spmd',
  'function',
  'classdef',
  'methods',
  'properties',
  'events',
  'enumeration',
  'unwind_protect',
  'do',
]);
const BLOCK_CLOSERS = new Set([
  'end',
  'endfunction',
  'endif',
  'endfor',
  'endwhile',
  'endswitch',
  'end_try_catch',
  'end_unwind_protect',
  'until',
  'endparfor',
]);

const written = (base: string, i: number): string => `${base}(${i})`;

/** Parses a MATLAB/Octave document; never throws (problems become diagnostics). */
export async function parseMatlab(text: string): Promise<ParsedDocument> {
  const tokens = tokenizeMatlab(text);
  const stmts = splitStatements(tokens);
  const functions: FunctionDef[] = [];
  const diagnostics: Diagnostic[] = [];
  const constants = new Map<string, SourceExpr>();
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i];
    const first = tokens[s.from];
    if (first.kind === 'ident' && first.text === 'function') {
      i = functionBlock(tokens, stmts, i, functions, diagnostics);
      continue;
    }
    if (first.kind !== 'ident' || tokens[s.from + 1]?.text !== '=') continue;
    if (tokens[s.from + 2]?.text === '@') {
      anonymous(tokens, s, constants, functions, diagnostics);
    } else {
      // A script constant such as `a = 2;` that later anonymous functions capture.
      const scope: MScope = { vars: new VarCollector([], written), locals: constants, free: false };
      const problems: MProblem[] = [];
      const e = parseMatlabTokens(tokens, s.from + 2, s.to, scope, problems);
      if (e && problems.length === 0) constants.set(first.text, e);
      else constants.delete(first.text);
    }
  }
  return { functions, diagnostics };
}

/**
 * Parses a bare MATLAB expression (an editor selection) as a function of its
 * free names: `x(1)` makes x a vector, a plain `y` a scalar.
 */
export async function parseMatlabExpression(text: string): Promise<ParsedDocument> {
  const tokens = tokenizeMatlab(text).filter((t) => t.kind !== 'newline');
  let to = tokens.length - 1; // eof
  while (to > 0 && tokens[to - 1].text === ';') to--;
  const vars = new VarCollector([], written);
  const problems: MProblem[] = [];
  const diagnostics: Diagnostic[] = [];
  if (to === 0) {
    diagnostics.push(
      diag(
        'The selection is empty; select an expression such as x(1)^2.',
        tokens[0].at,
        tokens[0].end,
      ),
    );
    return { functions: [], diagnostics };
  }
  const body = parseMatlabTokens(tokens, 0, to, { vars, locals: new Map(), free: true }, problems);
  const def = finishDef(
    'selection',
    tokens[0].at,
    { startLine: tokens[0].at.line, endLine: tokens[to - 1].end.line },
    vars,
    body,
    problems,
    diagnostics,
  );
  // A selection that does not parse is not an expression: no function (the hover stays quiet).
  const parsed = def && !problems.some((p) => p.syntax);
  return { functions: parsed ? [def] : [], diagnostics };
}

/** Groups tokens into statements separated by newlines, `;` and top-level `,`. */
function splitStatements(tokens: MToken[]): Stmt[] {
  const out: Stmt[] = [];
  let from = 0;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'op' && '([{'.includes(t.text)) depth++;
    if (t.kind === 'op' && ')]}'.includes(t.text)) depth = Math.max(0, depth - 1);
    const sep =
      t.kind === 'newline' ||
      t.kind === 'eof' ||
      (t.kind === 'op' && (t.text === ';' || t.text === ',') && depth === 0);
    if (!sep) continue;
    if (t.kind === 'newline' || t.kind === 'eof') depth = 0;
    if (i > from) out.push({ from, to: i });
    from = i + 1;
  }
  return out;
}

/**
 * `function y = f(a, b)` up to its `end` (or the next `function` in files
 * that omit `end`). Returns the index of the last statement consumed.
 */
function functionBlock(
  tokens: MToken[],
  stmts: Stmt[],
  start: number,
  functions: FunctionDef[],
  diagnostics: Diagnostic[],
): number {
  const head = stmts[start];
  const header = parseHeader(tokens, head);
  // Find the closing `end`, counting nested blocks that start statements.
  let depth = 0;
  let last = start;
  let endStmt = stmts.length;
  for (let i = start + 1; i < stmts.length; i++) {
    const t = tokens[stmts[i].from];
    if (t.kind === 'ident' && t.text === 'function' && depth === 0) {
      endStmt = i;
      break;
    }
    if (t.kind === 'ident' && BLOCK_OPENERS.has(t.text)) depth++;
    if (t.kind === 'ident' && BLOCK_CLOSERS.has(t.text)) {
      if (depth === 0) {
        endStmt = i;
        last = i;
        break;
      }
      depth--;
    }
    last = i;
  }
  const endLine = tokens[stmts[last].to - 1].end.line;
  if (!header) {
    diagnostics.push(
      diag(
        'Could not read this function header; supported: ' +
          '`function y = f(a, b)` or `function [y] = f(x)`.',
        tokens[head.from].at,
        tokens[head.to - 1].end,
      ),
    );
    return last;
  }
  if (!header.output) return last; // a procedure, not a math function
  const vars = new VarCollector(
    header.params.map((p) => ({ base: p })),
    written,
  );
  const locals = new Map<string, SourceExpr>();
  const problems: MProblem[] = [];
  let outputSet = false;
  let nested = 0;
  for (let i = start + 1; i < endStmt; i++) {
    const s = stmts[i];
    const t = tokens[s.from];
    if (t.kind === 'ident' && BLOCK_OPENERS.has(t.text)) {
      if (nested++ === 0) problems.push(unsupportedStmt(t, header.name));
      continue;
    }
    if (t.kind === 'ident' && BLOCK_CLOSERS.has(t.text)) {
      nested = Math.max(0, nested - 1);
      continue;
    }
    if (nested > 0) continue;
    if (
      t.kind === 'ident' &&
      ['return', 'break', 'continue', 'global', 'persistent'].includes(t.text)
    ) {
      problems.push(unsupportedStmt(t, header.name));
      continue;
    }
    if (t.kind === 'ident' && tokens[s.from + 1]?.text === '=') {
      const scope: MScope = { vars, locals, free: false };
      const e = parseMatlabTokens(tokens, s.from + 2, s.to, scope, problems);
      if (e) locals.set(t.text, e);
      if (t.text === header.output) outputSet = true;
      if (problems.some((p) => p.syntax)) break;
      continue;
    }
    if (t.kind === 'ident' && tokens[s.from + 1]?.text === '(' && !hasTopLevelAssign(tokens, s)) {
      continue; // a call such as disp(y) or fprintf(...): it does not change the output
    }
    problems.push({
      message:
        'Unsupported statement; supported in a function body: ' +
        '`name = expression;` assignments to plain names.',
      at: t.at,
      end: tokens[s.to - 1].end,
      syntax: false,
    });
  }
  if (!outputSet && problems.length === 0) {
    problems.push({
      message:
        `The output '${header.output}' is never assigned; add ` +
        `'${header.output} = ...;' to the body.`,
      at: header.nameAt,
      end: header.nameAt,
      syntax: false,
    });
  }
  const body = locals.get(header.output);
  const def = finishDef(
    header.name,
    header.nameAt,
    { startLine: tokens[head.from].at.line, endLine },
    vars,
    body,
    problems,
    diagnostics,
  );
  if (def) functions.push(def);
  return last;
}

function unsupportedStmt(t: MToken, name: string): MProblem {
  return {
    message:
      `'${t.text}' is not supported in a function body; write '${name}' as ` +
      'straight-line assignments (name = expression;).',
    at: t.at,
    end: t.end,
    syntax: false,
  };
}

function hasTopLevelAssign(tokens: MToken[], s: Stmt): boolean {
  let depth = 0;
  for (let i = s.from; i < s.to; i++) {
    const t = tokens[i].text;
    if (t === '(') depth++;
    if (t === ')') depth--;
    if (t === '=' && depth === 0) return true;
  }
  return false;
}

interface Header {
  output?: string;
  name: string;
  nameAt: Position;
  params: string[];
}

/** `function y = f(a, b)`, `function [y, g] = f(x)` (first output is the value), `function f`. */
function parseHeader(tokens: MToken[], s: Stmt): Header | undefined {
  let i = s.from + 1;
  let output: string | undefined;
  const eq = tokens.slice(s.from, s.to).findIndex((t) => t.text === '=');
  if (eq >= 0) {
    const outs = tokens.slice(i, s.from + eq).filter((t) => t.kind === 'ident');
    if (outs.length === 0) return undefined;
    output = outs[0].text;
    i = s.from + eq + 1;
  }
  const nameTok = tokens[i];
  if (nameTok?.kind !== 'ident' || i >= s.to) return undefined;
  const params: string[] = [];
  if (tokens[i + 1]?.text === '(' && i + 1 < s.to) {
    for (let j = i + 2; j < s.to && tokens[j].text !== ')'; j++) {
      if (tokens[j].kind === 'ident') params.push(tokens[j].text);
      else if (tokens[j].text !== ',') return undefined;
    }
  }
  return { output, name: nameTok.text, nameAt: nameTok.at, params };
}

/** `f = @(x, y) expression;` */
function anonymous(
  tokens: MToken[],
  s: Stmt,
  constants: Map<string, SourceExpr>,
  functions: FunctionDef[],
  diagnostics: Diagnostic[],
): void {
  const nameTok = tokens[s.from];
  const params: string[] = [];
  let j = s.from + 3;
  if (tokens[j]?.text !== '(') {
    diagnostics.push(
      diag(
        `Expected '(' after '@' in the definition of '${nameTok.text}', ` +
          `as in ${nameTok.text} = @(x) x^2.`,
        tokens[j - 1].at,
        tokens[j - 1].end,
      ),
    );
    return;
  }
  for (j++; j < s.to && tokens[j].text !== ')'; j++) {
    if (tokens[j].kind === 'ident') params.push(tokens[j].text);
    else if (tokens[j].text !== ',') {
      diagnostics.push(
        diag(
          `Expected a parameter name in '@(...)' but found ` + `'${tokens[j].text}'.`,
          tokens[j].at,
          tokens[j].end,
        ),
      );
      return;
    }
  }
  const vars = new VarCollector(
    params.map((p) => ({ base: p })),
    written,
  );
  // Parameters shadow script constants of the same name.
  const locals = new Map([...constants].filter(([k]) => !params.includes(k)));
  const problems: MProblem[] = [];
  const body =
    j + 1 < s.to
      ? parseMatlabTokens(tokens, j + 1, s.to, { vars, locals, free: false }, problems)
      : undefined;
  if (j + 1 >= s.to) {
    problems.push({
      message:
        `The anonymous function '${nameTok.text}' has no body; write ` +
        `${nameTok.text} = @(x) expression.`,
      at: tokens[s.to - 1].end,
      end: tokens[s.to - 1].end,
      syntax: true,
    });
  }
  const def = finishDef(
    nameTok.text,
    nameTok.at,
    { startLine: nameTok.at.line, endLine: tokens[s.to - 1].end.line },
    vars,
    body,
    problems,
    diagnostics,
  );
  if (def) functions.push(def);
}

/**
 * Builds the definition. A syntax error drops the definition and becomes a
 * document diagnostic (no partial results); unsupported constructs keep the
 * definition without a body and say why in its own diagnostics.
 */
function finishDef(
  name: string,
  nameAt: Position,
  range: FunctionDef['range'],
  vars: VarCollector,
  body: SourceExpr | undefined,
  problems: MProblem[],
  diagnostics: Diagnostic[],
): FunctionDef | undefined {
  const { variables, problems: varProblems, indexBase } = vars.finish();
  const syntax = problems.find((p) => p.syntax);
  if (syntax) {
    // The definition stays, without a body: the views show the error where its result was.
    const error = diag(`${syntax.message} (in '${name}')`, syntax.at, syntax.end);
    diagnostics.push(error);
    return { name, language: 'matlab', range, nameAt, variables, diagnostics: [error] };
  }
  const capital = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);
  const defDiags = [
    ...problems.map((p) => diag(capital(p.message), p.at, p.end)),
    ...varProblems.map((p) => diag(p.message, p.at, p.at)),
  ];
  return {
    name,
    language: 'matlab',
    range,
    nameAt,
    variables,
    body: defDiags.length === 0 ? body : undefined,
    diagnostics: defDiags,
    ...(indexBase !== undefined ? { indexBase: 1 as const } : {}),
  };
}

function diag(message: string, at: Position, end: Position): Diagnostic {
  return {
    message,
    line: at.line,
    column: at.column,
    endLine: end.line,
    endColumn: end.column,
    severity: 'error',
  };
}
