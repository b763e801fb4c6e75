/**
 * Messages between the extension host and dist/worker.js. Pure types plus
 * the parse summary helper (the full parse tree is not needed in the host).
 */
import type { Diagnostic, DocumentDerivation, Language, ParsedDocument } from '../core/index';

/** Options for deriveDocument/deriveSelection (no functions: they cannot cross threads). */
export interface WorkerDeriveOptions {
  functionName?: string;
  points?: number[][];
  timeBudgetMs?: number;
  tolerance?: number;
  /** Print the result with each sign written out too (see `DeriveOptions.writtenOut`). */
  writtenOut?: boolean;
  /** Name repeated subexpressions once (see `DeriveOptions.shorthands`). */
  shorthands?: boolean;
}

/** One formula for the hover renderer. */
export interface SvgItem {
  tex: string;
  /** CSS colour for the glyphs (an <img> cannot inherit `currentColor`). */
  color: string;
}

/** Host → worker requests, by kind. */
export interface WorkerRequests {
  derive: { text: string; language: Language; options: WorkerDeriveOptions };
  selection: { text: string; language: Language; options: WorkerDeriveOptions };
  parse: { text: string; language: Language };
  svg: { items: SvgItem[] };
}

/** Worker → host results, by kind. */
export interface WorkerResults {
  derive: DocumentDerivation;
  selection: DocumentDerivation;
  parse: ParsedSummary;
  /** One data: URI per item, or null where rendering failed. */
  svg: (string | null)[];
}

export type RequestKind = keyof WorkerRequests;

/** The envelope of a request; `slot` indexes the shared cancellation flags. */
export type WorkerRequest = {
  [K in RequestKind]: { id: number; slot: number; kind: K; payload: WorkerRequests[K] };
}[RequestKind];

/** The envelope of a response. */
export type WorkerResponse =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Number of cancellation slots in the shared buffer (request id modulo this). */
export const CANCEL_SLOTS = 1024;

/**
 * Which of the two workers a thread is: `derive` runs derivations; `light`
 * parses and draws hover images, and loads MathJax as soon as the user pauses.
 */
export type WorkerRole = 'derive' | 'light';

/**
 * The old-generation heap of each worker, in MB. A derivation that needs more
 * ends with a clear message instead of growing the extension host's memory;
 * a 10,000-term quadratic of 100 variables fits in about 160 MB.
 */
export const WORKER_HEAP_MB = 256;

/** The `workerData` a worker starts with. */
export interface WorkerData {
  /** Cancellation flags, one Int32 per request slot. */
  cancel: SharedArrayBuffer;
  role: WorkerRole;
}

/** What the host keeps of a parsed function (cheap to clone across threads). */
export interface FunctionSummary {
  name: string;
  range: { startLine: number; endLine: number };
  nameAt: { line: number; column: number };
  variables: { name: string; symbol: string; latex: string }[];
  hasBody: boolean;
}

/** What the host keeps of a parsed document. */
export interface ParsedSummary {
  functions: FunctionSummary[];
  /** Document diagnostics and every function's diagnostics. */
  diagnostics: Diagnostic[];
}

/** Strips the expression trees from a parse result. */
export function summarizeParse(parsed: ParsedDocument): ParsedSummary {
  const diagnostics = [...parsed.diagnostics];
  const functions = parsed.functions.map((f) => {
    diagnostics.push(...f.diagnostics);
    return {
      name: f.name,
      range: { ...f.range },
      nameAt: { ...f.nameAt },
      variables: f.variables.map((v) => ({ name: v.name, symbol: v.symbol, latex: v.latex })),
      hasBody: f.body !== undefined,
    };
  });
  return { functions, diagnostics };
}
