/**
 * Our side of the benchmark, run in a child process per family and size
 * (`node out/bench.js --child ours FAMILY D`) so that its peak memory is
 * the case's alone. Times each stage of `deriveFunction` separately, the
 * way src/core/derive.ts chains them, over several runs after a warm-up:
 *
 *   parse    the Python source through the tree-sitter front end
 *   lower    source AST to engine expressions
 *   gradnorm gradient, Hessian, signs, norm, result, kinks (with simplification)
 *   print    LaTeX (Hessian, steps, f, ∇f, norm, result as H_f·s, kinks) and mathjs
 *            strings: what the extension's views receive
 *   checks   numeric checks at two automatically chosen points
 *   writtenOut  the result with each sign(∂f/∂v) written out, LaTeX and mathjs: what the
 *            `gradnorm` command prints too, and the views on request
 *
 * `ms` (the number compared with the peers) is lower + gradnorm + print.
 */
import { PointChecker } from '../src/core/checks';
import { DEFAULT_TOLERANCE, deriveFunction } from '../src/core/derive';
import { ExprBuilder } from '../src/core/engine/expr';
import { deriveGradNorm } from '../src/core/engine/gradnorm';
import { latexPrinter } from '../src/core/engine/latex';
import { lower } from '../src/core/engine/lower';
import { mathjsPrinter } from '../src/core/engine/mathjs-syntax';
import { signSymbol, signSymbolLatex } from '../src/core/result';
import { parseDocument } from '../src/core/frontends';
import type { FunctionDef } from '../src/core/source';
import { derivationSteps } from '../src/core/steps';
import { family, pythonSource } from './families';
import { median } from './timing';

/** What the child reports for one family and size. */
export interface OursResult {
  family: string;
  d: number;
  /** lower + gradnorm + print, median over runs. */
  ms: number | null;
  /** The fastest of the runs: the least disturbed by a busy machine. */
  minMs: number | null;
  /** The same work in CPU time of this process (user + system, all its threads), median. */
  cpuMs: number | null;
  /** lower + gradnorm + print of the first run in this process: cold caches and JIT. */
  coldMs: number | null;
  parseMs: number | null;
  lowerMs: number | null;
  gradnormMs: number | null;
  printMs: number | null;
  /** Printing the result written out, on top of `ms` (the CLI, or a view on request). */
  writtenOutMs: number | null;
  checksMs: number | null;
  /** deriveFunction as the extension calls it (includes the checks), median. */
  deriveFunctionMs: number | null;
  /** Peak resident set size of the child process, MB. */
  peakMB: number | null;
  /** Its resident set size before the first parse (node and the bundle), MB. */
  startMB: number;
  /** Expression nodes built by one derivation. */
  nodes: number | null;
  runs: number;
  sourceBytes: number;
  /** Why the numbers are null, if they are. */
  reason?: string;
}

/** How many runs, and how long to spend on them. */
export interface RunPlan {
  warmupRuns: number;
  warmupBudgetMs: number;
  maxRuns: number;
  budgetMs: number;
}

/** The stages of `deriveFunction` on one definition, with their times in ms. */
function runStages(def: FunctionDef): Record<string, number> & { nodes: number } {
  const t: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  let t0 = performance.now();
  const b = new ExprBuilder();
  const f = lower(b, def.body!);
  t.lower = performance.now() - t0;

  t0 = performance.now();
  const g = deriveGradNorm(b, f, def.variables.length);
  t.gradnorm = performance.now() - t0;

  t0 = performance.now();
  const symbols = def.variables.map((v) => v.symbol);
  const texVars = def.variables.map((v) => v.latex);
  const js = mathjsPrinter(b, symbols);
  const tex = latexPrinter(b, texVars);
  const jsBySign = mathjsPrinter(b, [...symbols, ...symbols.map(signSymbol)]);
  const texBySign = latexPrinter(b, [...texVars, ...texVars.map(signSymbolLatex)]);
  g.hessian.forEach((row) => row.forEach((e) => tex.print(e)));
  derivationSteps(
    g,
    { tex, bySign: texBySign, f: tex.print(g.f), shorthands: [] },
    texVars,
    def.name,
  );
  for (const p of [js, tex]) {
    p.print(g.f);
    p.print(g.norm);
    g.gradient.forEach((e) => p.print(e));
    g.kinks.forEach((e) => p.print(e));
  }
  for (const p of [jsBySign, texBySign]) g.resultBySign.forEach((e) => p.print(e));
  g.hessian.forEach((row) => row.forEach((e) => js.print(e)));
  t.print = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  t.cpu = (cpu.user + cpu.system) / 1000;

  t0 = performance.now();
  new PointChecker(g, DEFAULT_TOLERANCE).choose(2);
  t.checks = performance.now() - t0;
  return { ...t, nodes: b.nodeCount };
}

/**
 * The result written out, in ms: derive again, then print it in both syntaxes
 * (the part of `gradnorm`'s work and of a view's request that `ms` leaves out).
 */
function writtenOutMs(def: FunctionDef): number {
  const b = new ExprBuilder();
  const g = deriveGradNorm(b, lower(b, def.body!), def.variables.length);
  const js = mathjsPrinter(
    b,
    def.variables.map((v) => v.symbol),
  );
  const tex = latexPrinter(
    b,
    def.variables.map((v) => v.latex),
  );
  for (const p of [js, tex]) g.gradient.forEach((e) => p.print(e));
  const t0 = performance.now();
  for (const p of [js, tex]) g.result.forEach((e) => p.print(e));
  return performance.now() - t0;
}

/** A result with every number null, for a case that failed before its first run. */
export function emptyResult(name: string, d: number, startMB = 0, sourceBytes = 0): OursResult {
  return {
    family: name,
    d,
    ms: null,
    minMs: null,
    cpuMs: null,
    coldMs: null,
    parseMs: null,
    lowerMs: null,
    gradnormMs: null,
    printMs: null,
    writtenOutMs: null,
    checksMs: null,
    deriveFunctionMs: null,
    peakMB: null,
    startMB,
    nodes: null,
    runs: 0,
    sourceBytes,
  };
}

/** Measures one family at size d in this process; see the file header. */
export async function measureOurs(name: string, d: number, plan: RunPlan): Promise<OursResult> {
  const startMB = process.memoryUsage().rss / 1024 / 1024;
  const source = pythonSource(family(name), d);
  const base = emptyResult(name, d, startMB, Buffer.byteLength(source));
  const parseOnce = async (): Promise<{ def?: FunctionDef; ms: number; error?: string }> => {
    const t0 = performance.now();
    const doc = await parseDocument(source, 'python');
    const ms = performance.now() - t0;
    const def = doc.functions[0];
    const errors = [...doc.diagnostics, ...(def?.diagnostics ?? [])].filter(
      (x) => x.severity === 'error',
    );
    if (!def?.body || errors.length > 0) {
      return { ms, error: errors.map((x) => x.message).join('; ') || 'no function body' };
    }
    return { def, ms };
  };

  const series: Record<string, number[]> = {};
  const add = (k: string, v: number) => (series[k] ??= []).push(v);
  let nodes = 0;
  let coldMs: number | null = null;
  const oneRun = async (record: boolean) => {
    const parsed = await parseOnce();
    if (!parsed.def) throw new Error(`parse failed: ${parsed.error}`);
    const st = runStages(parsed.def);
    const t0 = performance.now();
    // As the extension's views ask for it: the result written out comes on request.
    const out = deriveFunction(parsed.def, { timeBudgetMs: 600_000, writtenOut: false });
    const whole = performance.now() - t0;
    if ('message' in out) throw new Error(`deriveFunction: ${out.message}`);
    nodes = st.nodes;
    coldMs ??= st.lower + st.gradnorm + st.print;
    if (!record) return;
    add('parse', parsed.ms);
    for (const k of ['lower', 'gradnorm', 'print', 'checks']) add(k, st[k]);
    add('ms', st.lower + st.gradnorm + st.print);
    add('cpu', st.cpu);
    add('deriveFunction', whole);
  };

  try {
    let start = performance.now();
    for (let k = 0; k < plan.warmupRuns; k++) {
      await oneRun(false);
      if (performance.now() - start > plan.warmupBudgetMs) break;
    }
    start = performance.now();
    do {
      await oneRun(true);
    } while (series.ms.length < plan.maxRuns && performance.now() - start < plan.budgetMs);
  } catch (err) {
    const e = err as Error;
    return { ...base, coldMs, peakMB: peakMB(), reason: `${e.name}: ${e.message}`.slice(0, 300) };
  }
  const m = (k: string) => median(series[k]);
  // The peak of the derivation as the views get it; written out, the result comes after.
  const peak = peakMB();
  const def = (await parseOnce()).def!;
  const written = Array.from({ length: Math.min(5, series.ms.length) }, () => writtenOutMs(def));
  return {
    ...base,
    ms: m('ms'),
    minMs: Math.min(...series.ms),
    cpuMs: m('cpu'),
    coldMs,
    parseMs: m('parse'),
    lowerMs: m('lower'),
    gradnormMs: m('gradnorm'),
    printMs: m('print'),
    writtenOutMs: median(written),
    checksMs: m('checks'),
    deriveFunctionMs: m('deriveFunction'),
    peakMB: peak,
    nodes,
    runs: series.ms.length,
  };
}

/** This process's peak resident set size in MB (maxRSS is in kilobytes). */
export function peakMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
