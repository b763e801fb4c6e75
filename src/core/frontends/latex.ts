/**
 * Markdown and LaTeX front end. In every math region (see `latex-scan.ts`)
 * each row (`\\` separates rows of `align`) that starts with a definition
 * head such as `f(x) =`, `g(x_1, x_2) :=` or `\phi(x) =` becomes a
 * function; other math (`$x$`, `$f(2) = 4$`, `$\nabla f(x) = ...$`) is text
 * and ignored. A definition whose math cannot be read gives an error
 * diagnostic at its place in the document and no function (never a partial
 * result); unknown symbols keep the function without a body.
 */
import type { Diagnostic, FunctionDef, ParsedDocument, Position } from '../source';
import { identifierLatex } from './common';
import { tokenizeLatex } from './latex-lex';
import { lowerLatex, type LowerProblem } from './latex-lower';
import { parseHead, type LHead } from './latex-head';
import { LatexParser, LatexSyntaxError } from './latex-parse';
import { LineIndex, scanMath, type MathRegion } from './latex-scan';
import { VarCollector } from './var-collector';

type MathLanguage = 'markdown' | 'latex';

/** Components are shown as written in math: `x_1`, `x_{12}`, `\theta_2`. */
const written = (base: string, i: number): string =>
  `${identifierLatex(base)}_${i >= 0 && i < 10 ? i : `{${i}}`}`;

/** Parses a Markdown or LaTeX document; never throws (problems become diagnostics). */
export async function parseLatexDocument(
  text: string,
  language: MathLanguage,
): Promise<ParsedDocument> {
  const lines = new LineIndex(text);
  const { regions, diagnostics } = scanMath(text, language);
  const functions: FunctionDef[] = [];
  for (const region of regions) {
    const rows = splitAtSpaces(text, joinContinuations(text, splitRows(text, region)));
    for (const [start, rowEnd] of rows) {
      let end = rowEnd;
      while (end > start && /\s/.test(text[end - 1])) end--;
      const tokens = tokenizeLatex(text, start, end);
      const found = parseHead(tokens);
      if (!found) continue; // math that is not a definition
      const { head } = found;
      const parser = new LatexParser(tokens, found.next);
      const range =
        rows.length === 1
          ? {
              startLine: lines.at(region.start - region.open.length).line,
              endLine: lines.at(region.end).line,
            }
          : { startLine: lines.at(head.nameAt).line, endLine: lines.at(end).line };
      const def = buildDef(parser, head, language, range, (o) => lines.at(o), diagnostics);
      if (def) functions.push(def);
    }
  }
  return { functions, diagnostics };
}

/**
 * Parses selected math (with or without `$` delimiters) as one function
 * named `selection`: a definition's parameters when the selection is
 * `f(x) = ...`, else its free symbols (x_1, x_2 as components of x).
 */
export async function parseLatexExpression(
  text: string,
  language: MathLanguage,
): Promise<ParsedDocument> {
  const lines = new LineIndex(text);
  let start = 0;
  let end = text.length;
  if (/^\s*(\$|\\\[|\\\(|\\begin\{)/.test(text)) {
    const first = scanMath(text, language).regions[0];
    if (first) ({ start, end } = first);
  }
  const diagnostics: Diagnostic[] = [];
  const tokens = tokenizeLatex(text, start, end);
  const found = parseHead(tokens);
  const head = found?.head ?? { name: 'selection', nameAt: start, params: [] };
  const parser = new LatexParser(tokens, found?.next ?? 0);
  const range = { startLine: lines.at(start).line, endLine: lines.at(end).line };
  const def = buildDef(
    parser,
    { ...head, name: 'selection' },
    language,
    range,
    (o) => lines.at(o),
    diagnostics,
  );
  // A selection that does not parse (buildDef reported it) is not an expression: no function.
  return { functions: def && diagnostics.length === 0 ? [def] : [], diagnostics };
}

/**
 * Rows that go on with an operator (`f(x) &= x^2 \\ &+ y^2`) continue the
 * row before: one definition written over several lines.
 */
function joinContinuations(text: string, rows: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const row of rows) {
    const start = /^[\s&]*/.exec(text.slice(row[0], row[1]))![0].length + row[0];
    const continues = /^([-+*/−]|\\cdot|\\times)/.test(text.slice(start, row[1]));
    if (continues && out.length > 0) out[out.length - 1][1] = row[1];
    else out.push([row[0], row[1]]);
  }
  return out;
}

/**
 * Definitions side by side in one row, `q(x) = x^2, \\qquad r(x) = x^3`: the
 * row is cut at a `\\quad` or `\\qquad` followed by a definition head (the
 * comma before it goes with the cut); any other space stays in its formula.
 */
function splitAtSpaces(text: string, rows: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  const space = /,?\s*\\q?quad\b\s*/g;
  for (const [start, end] of rows) {
    let from = start;
    const row = text.slice(start, end);
    for (const m of row.matchAll(space)) {
      const next = start + m.index + m[0].length;
      if (!parseHead(tokenizeLatex(text, next, end))) continue;
      out.push([from, start + m.index]);
      from = next;
    }
    out.push([from, end]);
  }
  return out;
}

/** Rows of a region: split at `\\` outside braces (the row break of `align`). */
function splitRows(text: string, region: MathRegion): [number, number][] {
  const rows: [number, number][] = [];
  let depth = 0;
  let from = region.start;
  for (let i = region.start; i < region.end; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '\\' && depth === 0) {
      rows.push([from, i]);
      from = i + 2;
      i++;
    } else if (c === '\\') {
      i++; // `\{`, `\}` and other escapes do not change the depth
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  rows.push([from, region.end]);
  return rows;
}

function buildDef(
  parser: LatexParser,
  head: LHead,
  language: MathLanguage,
  range: FunctionDef['range'],
  pos: (offset: number) => Position,
  diagnostics: Diagnostic[],
): FunctionDef | undefined {
  try {
    return readDef(parser, head, language, range, pos);
  } catch (err) {
    if (!(err instanceof LatexSyntaxError) && !(err instanceof RangeError)) throw err;
    const syntax = err instanceof RangeError ? tooDeep(head, pos) : syntaxError(err, head, pos);
    diagnostics.push(syntax);
    // The definition stays, without a body: the views show the error where its result was.
    const params = new VarCollector(
      head.params.map((p) => ({ base: p.base, index: p.index })),
      written,
    ).finish();
    return {
      name: head.name,
      language,
      range,
      nameAt: pos(head.nameAt),
      variables: params.variables,
      body: undefined,
      diagnostics: [syntax],
    };
  }
}

function syntaxError(
  err: LatexSyntaxError,
  head: LHead,
  pos: (offset: number) => Position,
): Diagnostic {
  const at = pos(err.at);
  const end = pos(err.end);
  const opened = err.openedAt !== undefined ? pos(err.openedAt) : undefined;
  return {
    message:
      `In the definition of ${head.name}: ${err.message}` +
      (opened
        ? ` The '${err.openText}' still open is at line ${opened.line + 1}, column ` +
          `${opened.column + 1}.`
        : ''),
    line: at.line,
    column: at.column,
    endLine: end.line,
    endColumn: end.column,
    severity: 'error',
  };
}

/** A formula deeper than the call stack (thousands of nested groups), at its name. */
function tooDeep(head: LHead, pos: (offset: number) => Position): Diagnostic {
  const at = pos(head.nameAt);
  return {
    message:
      `The definition of ${head.name} is nested too deeply to read (thousands of nested ` +
      'parentheses or terms in one chain); split it into smaller definitions.',
    line: at.line,
    column: at.column,
    severity: 'error',
  };
}

/** Parses and lowers one definition; throws LatexSyntaxError, or RangeError when too deep. */
function readDef(
  parser: LatexParser,
  head: LHead,
  language: MathLanguage,
  range: FunctionDef['range'],
  pos: (offset: number) => Position,
): FunctionDef {
  const tree = parser.body();
  const vars = new VarCollector(
    head.params.map((p) => ({ base: p.base, index: p.index })),
    written,
  );
  const problems: LowerProblem[] = [];
  const paramText = head.params
    .map((p) => (p.index === undefined ? identifierLatex(p.base) : written(p.base, p.index)))
    .join(', ');
  const body = lowerLatex(tree, {
    vars,
    pos,
    problems,
    paramText,
    eIsParam: head.params.some((p) => p.base === 'e' && p.index === undefined),
  });
  const finished = vars.finish();
  const error = (message: string, at: Position): Diagnostic => ({
    message,
    line: at.line,
    column: at.column,
    severity: 'error',
  });
  const defDiags = [
    ...problems.map((p) => error(p.message, pos(p.at))),
    ...finished.problems.map((p) => error(p.message, p.at)),
  ];
  return {
    name: head.name,
    language,
    range,
    nameAt: pos(head.nameAt),
    variables: finished.variables,
    body: defDiags.length === 0 ? body : undefined,
    diagnostics: defDiags,
    ...(finished.indexBase !== undefined ? { indexBase: finished.indexBase } : {}),
  };
}
