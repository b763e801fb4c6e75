/**
 * MATLAB/Octave front end. Finds anonymous functions (`f = @(x) x(1)^2;`)
 * and function files/blocks (`function y = f(a, b) ... end`) and turns their
 * bodies into `SourceExpr`. A function block's body is the last value given
 * to its output variable, with earlier locals substituted. No tree-sitter
 * grammar for MATLAB is on npm, so this is a hand-written parser; the
 * definitions are read by matlab-defs.ts, expressions by matlab-expr.ts.
 */
import type { Diagnostic, FunctionDef, ParsedDocument, SourceExpr } from '../source';
import { parseMatlabTokens, type MProblem, type MScope } from './matlab-expr';
import { tokenizeMatlab, type MToken } from './matlab-lex';
import { VarCollector } from './var-collector';
import { anonymous, diag, finishDef, functionBlock, written, type Stmt } from './matlab-defs';

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
  const parsed = !problems.some((p) => p.syntax);
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
