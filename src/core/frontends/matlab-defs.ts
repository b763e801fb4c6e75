/**
 * MATLAB/Octave definitions: function blocks (`function y = f(a, b) ... end`,
 * the output's last value with earlier locals substituted) and anonymous
 * functions (`f = @(x) ...`), each turned into a FunctionDef whose problems
 * are its diagnostics.
 */
import type { Diagnostic, FunctionDef, Position, SourceExpr } from '../source';
import { parseMatlabTokens, type MProblem, type MScope } from './matlab-expr';
import type { MToken } from './matlab-lex';
import { VarCollector } from './var-collector';

/** A statement: tokens [from, to) of the token array, without its separator. */
export interface Stmt {
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

export const written = (base: string, i: number): string => `${base}(${i})`;

/**
 * `function y = f(a, b)` up to its `end` (or the next `function` in files
 * that omit `end`). Returns the index of the last statement consumed.
 */
export function functionBlock(
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
    const update = tokens[s.from + 1];
    if (t.kind === 'ident' && update && UPDATE_OPERATORS.has(update.text)) {
      // Octave's `y += e` is `y = y + (e)`: read it as that, keeping every place.
      const op = { ...update, text: update.text.slice(0, -1) };
      const open = { ...update, text: '(' };
      const end = tokens[s.to - 1].end;
      const close: MToken = { kind: 'op', text: ')', at: end, end };
      const spelled = [t, op, open, ...tokens.slice(s.from + 2, s.to), close];
      const scope: MScope = { vars, locals, free: false };
      const e = parseMatlabTokens(spelled, 0, spelled.length, scope, problems);
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
  functions.push(def);
  return last;
}

/** Octave's update assignments. */
const UPDATE_OPERATORS = new Set(['+=', '-=', '*=', '/=']);

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
    if ((t === '=' || UPDATE_OPERATORS.has(t)) && depth === 0) return true;
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
export function anonymous(
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
  functions.push(def);
}

/**
 * Builds the definition. Any problem keeps it without a body (no partial
 * results) and says why in its diagnostics; a syntax error is also a document
 * diagnostic, like the tree-sitter front ends' syntax errors.
 */
export function finishDef(
  name: string,
  nameAt: Position,
  range: FunctionDef['range'],
  vars: VarCollector,
  body: SourceExpr | undefined,
  problems: MProblem[],
  diagnostics: Diagnostic[],
): FunctionDef {
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

export function diag(message: string, at: Position, end: Position): Diagnostic {
  return {
    message,
    line: at.line,
    column: at.column,
    endLine: end.line,
    endColumn: end.column,
    severity: 'error',
  };
}
