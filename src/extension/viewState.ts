/**
 * Turns an engine outcome into the {@link ViewState} a webview shows. Pure
 * apart from types, so the mapping rules (which diagnostics are errors shown
 * in place of the result, what a timeout looks like) are in one place.
 */
import type { Diagnostic, DocumentDerivation, FunctionDerivation } from '../core/index';
import type { DocRef, ViewDerivation, ViewState } from '../shared/protocol';
import type { Outcome } from './workerClient';
import { WORKER_HEAP_MB, type FunctionSummary } from './workerProtocol';

/** Basename of a URI path, for display (never the full path). */
export function displayName(uriPath: string): string {
  const i = uriPath.lastIndexOf('/');
  return decodeURIComponent(i >= 0 ? uriPath.slice(i + 1) : uriPath);
}

/** Inputs describing what was derived. */
export interface ViewTarget {
  doc: DocRef;
  fileName: string;
  language: string;
  functionName: string;
  /** The function as parsed (for positioning a timeout error); may be absent. */
  fn?: FunctionSummary;
  timeBudgetMs: number;
}

/** Builds the state; `undefined` when the outcome was cancelled (nothing to show). */
export function viewStateFromOutcome(
  t: ViewTarget,
  outcome: Outcome<DocumentDerivation>,
): ViewState | undefined {
  const base = {
    doc: t.doc,
    fileName: t.fileName,
    language: t.language,
    functionName: t.functionName,
  };
  const at = t.fn?.nameAt ?? { line: 0, column: 0 };
  switch (outcome.status) {
    case 'cancelled':
      return undefined;
    case 'timeout':
    case 'memory':
    case 'error':
      return {
        ...base,
        errors: [
          {
            message: outcomeProblem(outcome, t.functionName, t.timeBudgetMs),
            line: at.line,
            column: at.column,
            severity: 'error',
          },
        ],
        notes: [],
      };
    case 'done': {
      const result = outcome.result;
      const derivation = result.functions.find((f) => f.name === t.functionName);
      const { errors, notes } = splitDiagnostics(relevant(result.diagnostics, t.fn));
      if (!derivation && errors.length === 0) {
        return {
          ...base,
          errors: [],
          notes,
          message: `No function named ${t.functionName} was found in ${t.fileName}.`,
        };
      }
      if (derivation) {
        return {
          ...base,
          derivation: forView(derivation),
          errors: [],
          notes: [...errors, ...notes],
        };
      }
      return { ...base, errors, notes };
    }
  }
}

/** Why a derivation that did not finish has no result, in words for the user. */
export function outcomeProblem(
  outcome: Exclude<Outcome<unknown>, { status: 'done' }>,
  functionName: string,
  timeBudgetMs: number,
): string {
  switch (outcome.status) {
    case 'cancelled':
      return `The derivation of ${functionName} was cancelled.`;
    case 'timeout':
      return (
        `The derivation of ${functionName} did not finish within ${timeBudgetMs} ms; ` +
        'raise gradientNormLens.timeBudgetMs or simplify the function.'
      );
    case 'memory':
      return (
        `The derivation of ${functionName} needed more than ${WORKER_HEAP_MB} MB of memory ` +
        'and was stopped; derive a smaller part of it (a local expression as a function ' +
        'of its own).'
      );
    case 'error':
      return `Internal error: ${outcome.message}`;
  }
}

/** Diagnostics inside the function's lines, plus document-wide ones when there is no function. */
function relevant(diags: Diagnostic[], fn: FunctionSummary | undefined): Diagnostic[] {
  if (!fn) return diags;
  const inside = diags.filter((d) => d.line >= fn.range.startLine && d.line <= fn.range.endLine);
  // A syntax error elsewhere can still break this function's parse: keep errors if
  // nothing inside explains the failure.
  return inside.length > 0 ? inside : diags;
}

/** Errors vs. everything else. */
export function splitDiagnostics(diags: Diagnostic[]): {
  errors: Diagnostic[];
  notes: Diagnostic[];
} {
  return {
    errors: diags.filter((d) => d.severity === 'error'),
    notes: diags.filter((d) => d.severity !== 'error'),
  };
}

/** The function whose lines contain `line`, innermost (latest start) first. */
export function functionAtLine(
  functions: readonly FunctionSummary[],
  line: number,
): FunctionSummary | undefined {
  let best: FunctionSummary | undefined;
  for (const f of functions) {
    if (line >= f.range.startLine && line <= f.range.endLine) {
      if (!best || f.range.startLine >= best.range.startLine) best = f;
    }
  }
  return best;
}

/** The derivation without what the views do not draw (see ViewDerivation). */
function forView(d: FunctionDerivation): ViewDerivation {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { f, gradient, hessian, norm, result, resultBySign, nonsmooth, ...shown } = d;
  return shown;
}
