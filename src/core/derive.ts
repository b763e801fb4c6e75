/**
 * From a document to derivations: parse with the language's front end, then
 * for each function (or the one asked for) derive, print, explain and check,
 * within a time budget. Never throws on bad input: problems are diagnostics.
 */
import { BudgetExceeded, ExprBuilder, findNode, type Expr } from './engine/expr';
import { deriveGradNorm, type GradNorm } from './engine/gradnorm';
import type { Printer } from './engine/print';
import { chooseShorthands, printedSizes } from './engine/shorthand';
import { latexPrinter } from './engine/latex';
import { lower } from './engine/lower';
import { mathjsPrinter } from './engine/mathjs-syntax';
import { PointChecker } from './checks';
import { parseDocument, parseExpression } from './frontends';
import {
  signSymbol,
  signSymbolLatex,
  type DocumentDerivation,
  type FunctionDerivation,
  type Shorthand,
} from './result';
import type { Diagnostic, FunctionDef, Language, ParsedDocument } from './source';
import { evaluateSource } from './source-eval';
import { derivationSteps } from './steps';

export interface DeriveOptions {
  /** Only this function. */
  functionName?: string;
  /** Sample points for the numeric checks; chosen automatically when absent. */
  points?: number[][];
  /** Per function, in milliseconds; default 2000. */
  timeBudgetMs?: number;
  /** Relative tolerance of the numeric checks; default 1e-6. */
  tolerance?: number;
  /** Polled during the work; when it returns true the work stops. */
  isCancelled?: () => boolean;
  /**
   * Also print the result with each sign(∂f/∂v) written out in full
   * (`result`, `latex.result`); default true. Each entry then holds every
   * gradient component again, so for long components it is far larger than
   * the rest of the derivation together: the views ask for it only when the
   * user opens it.
   */
  writtenOut?: boolean;
  /**
   * Name each repeated subexpression once (`FunctionDerivation.shorthands`)
   * and write the derivatives with those names; default false (everything
   * in full). A tanh layer of 100 variables prints its Hessian in about
   * 90 MB in full and in a few hundred kB with shorthands.
   */
  shorthands?: boolean;
}

export const DEFAULT_TIME_BUDGET_MS = 2000;
export const DEFAULT_TOLERANCE = 1e-6;

/** Largest expression (in nodes, shared parts counted each time) the product prints. */
const MAX_PRINTED_SIZE = 400_000;

/** Derives every function of a document (or `options.functionName`). */
export async function deriveDocument(
  text: string,
  language: Language,
  options: DeriveOptions = {},
): Promise<DocumentDerivation> {
  const parsed = await parseDocument(text, language);
  const none = parsed.functions.length === 0 && parsed.diagnostics.length === 0;
  if (none && options.functionName === undefined) {
    parsed.diagnostics.push({
      message: `No function definition was found. Write one as, for example, ${EXAMPLE[language]}.`,
      line: 0,
      column: 0,
      severity: 'error',
    });
  }
  return deriveParsed(parsed, options);
}

/** How a definition looks in each language, for the message when there is none. */
const EXAMPLE: Readonly<Record<Language, string>> = {
  python: '`def f(x, y):` with `return x**2 * y` on the next line',
  javascript: '`function f(x, y) { return x ** 2 * y; }`',
  typescript: '`function f(x: number, y: number) { return x ** 2 * y; }`',
  julia: '`f(x, y) = x^2 * y`',
  matlab: '`f = @(x, y) x.^2 .* y;`',
  markdown: '`$$ f(x, y) = x^2 y $$`',
  latex: '`\\[ f(x, y) = x^2 y \\]`',
};

/** Derives a bare expression (an editor selection) as a function of its free variables. */
export async function deriveSelection(
  text: string,
  language: Language,
  options: DeriveOptions = {},
): Promise<DocumentDerivation> {
  return deriveParsed(await parseExpression(text, language), options);
}

function deriveParsed(parsed: ParsedDocument, options: DeriveOptions): DocumentDerivation {
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  let defs = parsed.functions;
  if (options.functionName !== undefined) {
    defs = defs.filter((f) => f.name === options.functionName);
    if (defs.length === 0) {
      const names = parsed.functions.map((f) => f.name).join(', ') || 'none';
      diagnostics.push({
        message: `No function named '${options.functionName}' was found (found: ${names}).`,
        line: 0,
        column: 0,
        severity: 'error',
      });
    }
  }
  if (options.functionName !== undefined && defs.length > 0) {
    // Problems elsewhere in the document are not this function's: they are
    // reported as warnings, and do not stop the function that was asked for.
    const inside = (line: number) =>
      defs.some((f) => line >= f.range.startLine && line <= f.range.endLine);
    for (const other of parsed.functions) {
      if (!defs.includes(other)) diagnostics.push(...other.diagnostics);
    }
    for (const [k, d] of diagnostics.entries()) {
      if (!inside(d.line) && d.severity === 'error') diagnostics[k] = { ...d, severity: 'warning' };
    }
  }
  const functions: FunctionDerivation[] = [];
  for (const def of defs) {
    diagnostics.push(...def.diagnostics);
    if (!def.body) {
      if (!def.diagnostics.some((x) => x.severity === 'error')) {
        diagnostics.push({
          message: `The body of '${def.name}' could not be read as a formula.`,
          line: def.nameAt.line,
          column: def.nameAt.column,
          severity: 'error',
        });
      }
      continue;
    }
    const outcome = deriveFunction(def, options);
    if ('message' in outcome) diagnostics.push(outcome);
    else functions.push(outcome);
    if (!('message' in outcome) && outcome.checks.length === 0) {
      diagnostics.push({
        message:
          `No numeric check of '${def.name}': none of the sample points tried (coordinates ` +
          'in [−1.5, 1.5]) lies where it is defined and smooth. Give one inside its domain: ' +
          '--at on the command line, or Gradient Norm: Set Sample Point in VS Code.',
        line: def.nameAt.line,
        column: def.nameAt.column,
        severity: 'warning',
      });
    }
  }
  return { functions, diagnostics: unique(diagnostics) };
}

/** The same problem reported by the document and by its function is shown once. */
function unique(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Derives one definition, or returns the diagnostic that stopped it. */
export function deriveFunction(
  def: FunctionDef,
  options: DeriveOptions,
): FunctionDerivation | Diagnostic {
  const started = Date.now();
  const budgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const b = new ExprBuilder({ deadline: started + budgetMs, isCancelled: options.isCancelled });
  const d = def.variables.length;
  const where = { line: def.nameAt.line, column: def.nameAt.column };
  const points = options.points ?? [];
  const wrongSize = points.find((pt) => pt.length !== d);
  if (wrongSize) {
    return {
      ...where,
      severity: 'error',
      message:
        `The sample point (${wrongSize.join(', ')}) has ${wrongSize.length} values, ` +
        `but '${def.name}' has ${d} variables (${def.variables.map((v) => v.name).join(', ')}).`,
    };
  }
  if (d === 0) {
    return {
      ...where,
      severity: 'error',
      message: `'${def.name}' has no variables to differentiate by.`,
    };
  }
  try {
    const f = lower(b, def.body!);
    const g = deriveGradNorm(b, f, d);
    const signsUnknown = g.signs.some((s) => s.kind !== 'num');
    // With every sign known, the result written out is the one with sign symbols.
    const writtenOut = options.writtenOut !== false || !signsUnknown;
    // Printing writes shared subexpressions out in full: a small DAG can print
    // as gigabytes (a = a·sin(a) + x, fourteen times). With shorthands, each is
    // printed once and named elsewhere. Refuse before printing what is too long.
    const derivatives = derivativeRoots(g);
    const named = options.shorthands ? chooseShorthands(derivatives) : [];
    // f and the result written out are printed in full (what the user wrote, what is
    // copied) unless that is too long; with shorthands they then use the names too.
    const whole = (e: Expr) => !options.shorthands || e.size <= MAX_PRINTED_SIZE;
    const fullF = whole(g.f);
    const fullResult = writtenOut && g.result.every(whole);
    const printed = [g.f, ...derivatives, ...named];
    if (writtenOut) printed.push(...g.result);
    const printedSize = printedSizes(printed, named);
    const largest = printed.reduce((m, e) => Math.max(m, printedSize(e)), 0);
    if (largest > MAX_PRINTED_SIZE) {
      return {
        ...where,
        severity: 'error',
        message:
          `The derivatives of '${def.name}' written out would have about ` +
          `${largest.toExponential(1)} terms (repeated subexpressions multiply when written ` +
          `in full), too many to show. ${
            options.shorthands
              ? 'Derive'
              : 'Ask for shorthands (gradnorm --shorthands), which write each repeated ' +
                'subexpression once, or derive'
          } a smaller part of the function, for example one of its local expressions as a ` +
          'function of its own.',
      };
    }
    const overflow = nonFiniteNumber(printed);
    if (overflow !== undefined) {
      return {
        ...where,
        severity: 'error',
        message:
          `A coefficient of the derivatives of '${def.name}' is ${overflow}, beyond the ` +
          'floating-point range (about ±1.8e308); rescale the function (divide out a large ' +
          'constant factor) and derive again.',
      };
    }
    const symbols = def.variables.map((v) => v.symbol);
    const texVars = def.variables.map((v) => v.latex);
    // Printers of the derivatives (with the shorthands' names), and in full.
    const js = mathjsPrinter(b, symbols);
    const tex = latexPrinter(b, texVars);
    const bySign = latexPrinter(b, [...texVars, ...texVars.map(signSymbolLatex)]);
    const jsBySign = mathjsPrinter(b, [...symbols, ...symbols.map(signSymbol)]);
    const shorthands = nameShorthands(named, symbols, texVars, [js, jsBySign], [tex, bySign]);
    const jsFull = named.length > 0 ? mathjsPrinter(b, symbols) : js;
    const texFull = named.length > 0 ? latexPrinter(b, texVars) : tex;
    const [jsF, texF] = fullF ? [jsFull, texFull] : [js, tex];
    const [jsResult, texResult] = fullResult ? [jsFull, texFull] : [js, tex];
    const latexHessian = g.hessian.map((row) => row.map((e) => tex.print(e)));
    const latexF = texF.print(g.f);
    const steps = derivationSteps(g, { tex, bySign, f: latexF, shorthands }, texVars, def.name);
    b.checkBudget();
    const elapsedMs = Date.now() - started;

    const body = def.body!;
    const checker = new PointChecker(g, options.tolerance ?? DEFAULT_TOLERANCE, (x) =>
      evaluateSource(body, x),
    );
    const checks = points.length > 0 ? points.map((pt) => checker.check(pt)) : checker.choose(2);
    return {
      name: def.name,
      language: def.language,
      range: def.range,
      nameAt: def.nameAt,
      variables: def.variables.map(({ name, symbol }) => ({ name, symbol })),
      f: jsF.print(g.f),
      gradient: g.gradient.map((e) => js.print(e)),
      hessian: g.hessian.map((row) => row.map((e) => js.print(e))),
      norm: js.print(g.norm),
      ...(writtenOut ? { result: g.result.map((e) => jsResult.print(e)) } : {}),
      resultBySign: g.resultBySign.map((e) => jsBySign.print(e)),
      signsUnknown,
      latex: {
        f: latexF,
        gradient: g.gradient.map((e) => tex.print(e)),
        hessian: latexHessian,
        norm: tex.print(g.norm),
        ...(writtenOut ? { result: g.result.map((e) => texResult.print(e)) } : {}),
        resultBySign: g.resultBySign.map((e) => bySign.print(e)),
        variables: texVars,
      },
      shorthands,
      derivation: steps,
      nonsmooth: g.kinks.map((k) => `${js.print(k)} == 0`),
      nonsmoothLatex: g.kinks.map((k) => `${tex.print(k)} = 0`),
      checks,
      elapsedMs,
    };
  } catch (err) {
    if (err instanceof BudgetExceeded) {
      return {
        ...where,
        severity: 'error',
        message:
          err.reason === 'cancelled'
            ? `The derivation of '${def.name}' was cancelled.`
            : `The derivation of '${def.name}' did not finish within ${budgetMs} ms. ` +
              'Raise the time budget (setting gradientNormLens.timeBudgetMs, or --time-budget) ' +
              'or simplify the function.',
      };
    }
    if (err instanceof RangeError) {
      return {
        ...where,
        severity: 'error',
        message: `'${def.name}' is nested too deeply to derive; split it into local variables.`,
      };
    }
    throw err;
  }
}

/** What the derivatives print: the roots shorthands are chosen for. */
function derivativeRoots(g: GradNorm): Expr[] {
  return [...g.gradient, ...g.hessian.flat(), g.norm, ...g.resultBySign, ...g.kinks];
}

/**
 * Gives the printers the shorthands' names and prints their definitions. The
 * name is a letter no variable uses, numbered: u1 (mathjs), u_{1} (LaTeX).
 */
function nameShorthands(
  nodes: readonly Expr[],
  symbols: readonly string[],
  texVars: readonly string[],
  plain: readonly Printer[],
  latex: readonly Printer[],
): Shorthand[] {
  if (nodes.length === 0) return [];
  const letter =
    SHORTHAND_LETTERS.find(
      (l) =>
        !symbols.some((s) => new RegExp(`^${l}\\d*$`).test(s)) &&
        !texVars.some((t) => t === l || t.startsWith(`${l}_`)),
    ) ?? 'u';
  const symbol = (k: number) => `${letter}${k + 1}`;
  const latexSymbol = (k: number) => `${letter}_{${k + 1}}`;
  plain.forEach((p) => p.abbreviate(nodes, symbol));
  latex.forEach((p) => p.abbreviate(nodes, latexSymbol));
  return nodes.map((e, k) => ({
    symbol: symbol(k),
    text: plain[0].print(e),
    latexSymbol: latexSymbol(k),
    latex: latex[0].print(e),
  }));
}

/** Letters for shorthands, in order of preference (the first no variable uses). */
const SHORTHAND_LETTERS = ['u', 'w', 'q', 'r', 'z', 'v'];

/** A number in the expressions that is not finite (a coefficient overflowed), if any. */
function nonFiniteNumber(roots: readonly Expr[]): number | undefined {
  return findNode(roots, (e) =>
    e.kind === 'num' && !Number.isFinite(e.value) ? e.value : undefined,
  );
}
