/**
 * `npm run bench`: how fast the derivation is, side by side with SymPy and
 * mathjs, plus bundle and VSIX sizes. Entry point of out/bench.js, which is
 * also the child process of each measurement:
 *
 *   node out/bench.js [--json] [--quick] [--families a,b] [--sizes 2,5]
 *                     [--no-sympy] [--no-mathjs] [--no-vsix] [--editor]
 *   node out/bench.js --child ours FAMILY D [--quick]   (one case, prints JSON)
 *   node out/bench.js --peer mathjs                     (mathjs peer, JSON lines)
 *
 * Never fails on a time: the numbers are reported, the targets marked.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FAMILIES, mathjsSource, family as familyByName, PYTHON } from './families';
import { emptyResult, measureOurs, type OursResult, type RunPlan } from './ours';
import { PeerProcess, type PeerAnswer } from './peer';
import { round } from './timing';
import { WORKER_HEAP_MB } from '../src/extension/workerProtocol';

const ROOT = path.resolve(__dirname, '..');
const SIZES = [2, 5, 10, 20, 50, 100];
const QUICK_SIZES = [2, 5];

/** Options of one bench run, from the command line. */
interface Options {
  json: boolean;
  quick: boolean;
  families: string[];
  sizes: number[];
  sympy: boolean;
  mathjs: boolean;
  vsix: boolean;
  sympyLimitMs: number;
  mathjsLimitMs: number;
  oursLimitMs: number;
  /** Also run the editor bench (bench/editor/, in code-server). */
  editor: boolean;
}

/** One row of the output: a family at one size. */
interface Row {
  family: string;
  d: number;
  ms: number | null;
  peakMB: number | null;
  sympyMs: number | null;
  mathjsMs: number | null;
  /** Our fastest run: the least disturbed by a busy machine. */
  minMs: number | null;
  /** Our CPU time (user + system, all threads) for `ms`'s work, median. */
  cpuMs: number | null;
  /** Our first run in a fresh process (cold JIT), ms. */
  coldMs: number | null;
  parseMs: number | null;
  checksMs: number | null;
  gradnormMs: number | null;
  printMs: number | null;
  /** Printing the result with each sign written out (gradnorm, or a view on request). */
  writtenOutMs: number | null;
  deriveFunctionMs: number | null;
  nodes: number | null;
  /** The child's RSS before its first parse; peakMB − startMB is the case's own. */
  startMB: number | null;
  sympyBuildMs: number | null;
  loadavg1: number;
  /** Why a number is null: `ours`, `sympy`, `mathjs`. */
  notes?: Record<string, string>;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${flag}=`))?.split('=')[1];
  };
  const quick = argv.includes('--quick');
  const families = value('--families')?.split(',') ?? FAMILIES.map((f) => f.name);
  families.forEach(familyByName); // throws on an unknown name
  return {
    json: argv.includes('--json'),
    quick,
    families,
    sizes: value('--sizes')?.split(',').map(Number) ?? (quick ? QUICK_SIZES : SIZES),
    sympy: !argv.includes('--no-sympy'),
    mathjs: !argv.includes('--no-mathjs'),
    vsix: !argv.includes('--no-vsix') && !quick,
    sympyLimitMs: quick ? 15_000 : 60_000,
    mathjsLimitMs: quick ? 10_000 : 30_000,
    oursLimitMs: quick ? 60_000 : 300_000,
    editor: argv.includes('--editor'),
  };
}

function runPlan(quick: boolean): RunPlan {
  return quick
    ? { warmupRuns: 2, warmupBudgetMs: 500, maxRuns: 5, budgetMs: 500 }
    : { warmupRuns: 20, warmupBudgetMs: 3000, maxRuns: 21, budgetMs: 4000 };
}

/** Runs one of our cases in a fresh child process, for a clean peak memory. */
function runOursChild(fam: string, d: number, opts: Options): Promise<OursResult> {
  const args = [__filename, '--child', 'ours', fam, String(d), ...(opts.quick ? ['--quick'] : [])];
  return new Promise((resolve) => {
    // With the heap limit of the extension's derivation worker, as users run the engine:
    // without one, V8 lets the garbage of repeated runs grow the heap while memory is free.
    const heap = `--max-old-space-size=${WORKER_HEAP_MB}`;
    const child = spawn(process.execPath, [heap, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-1000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.oursLimitMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as OursResult);
      } catch {
        const reason =
          signal === 'SIGKILL'
            ? `timed out (limit ${opts.oursLimitMs / 1000} s)`
            : `child exited (${signal ?? code}): ${err.trim().split('\n').pop() ?? ''}`;
        resolve({ ...emptyResult(fam, d), reason });
      }
    });
  });
}

/**
 * The first Python that imports SymPy: $BENCH_PYTHON, then Debian's /usr/bin/python3 (where
 * npm run setup installs python3-sympy, so every machine compares with the same SymPy), then
 * whatever python3 is on PATH.
 */
function findPython(): { python?: string; reason?: string } {
  const candidates = [process.env.BENCH_PYTHON, '/usr/bin/python3', 'python3', 'python'].filter(
    (c): c is string => !!c,
  );
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import sympy'], { stdio: 'ignore', timeout: 60_000 });
    if (r.status === 0) return { python };
  }
  return {
    reason:
      'SymPy not found (tried ' +
      candidates.join(', ') +
      '); ' +
      'install it with `apt-get install python3-sympy` (npm run setup does)',
  };
}

/** A file's size in bytes, or null and why. */
interface Size {
  bytes: number | null;
  reason?: string;
  note?: string;
  files?: number;
}

/** Bundle sizes and the packaged VSIX size, in bytes (null with a reason when absent). */
function sizes(opts: Options): Record<string, Size> {
  const out: Record<string, Size> = {};
  const bundles = ['dist/extension.js', 'dist/webview.js', 'dist/worker.js', 'dist/mathsvg.js'];
  for (const file of bundles) {
    const p = path.join(ROOT, file);
    out[file] = existsSync(p)
      ? { bytes: statSync(p).size }
      : { bytes: null, reason: 'not built (run npm run build)' };
  }
  out.vsix = opts.vsix ? vsixSize() : { bytes: null, reason: 'skipped (--quick or --no-vsix)' };
  return out;
}

/**
 * The VSIX `npm run package` makes (scripts/package.mjs), into a temporary folder: its size,
 * or why there is none. It packs dist/ as last built; `npm run package` builds it with
 * --production (minified) first, so the shipped VSIX is somewhat smaller.
 */
function vsixSize(): Size {
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  if (!existsSync(vsce)) return { bytes: null, reason: '@vscode/vsce is not installed' };
  if (!existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
    return { bytes: null, reason: 'dist/ is not built (npm run build)' };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gnl-vsix-'));
  const file = path.join(dir, 'bench.vsix');
  try {
    const script = path.join(ROOT, 'scripts', 'package.mjs');
    const r = spawnSync(process.execPath, [script, '--out', file], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
      input: '',
    });
    if (r.status !== 0 || !existsSync(file)) {
      const text = `${r.stderr ?? ''}\n${r.stdout ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '').trim();
      const line = text.split('\n').find((l) => /error/i.test(l)) ?? text.split('\n').pop();
      return { bytes: null, reason: `vsce package failed: ${(line ?? r.error?.message)?.trim()}` };
    }
    const files = /(\d+) files/.exec(r.stdout ?? '')?.[1];
    return {
      bytes: statSync(file).size,
      files: files ? Number(files) : undefined,
      note: 'scripts/package.mjs (as npm run package)',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One row of `npm run bench:editor -- --json`. */
interface EditorRow {
  metric: string;
  d: number | null;
  ms: number | null;
  p90: number | null;
}

/** The editor path's numbers and the issue's targets for them (information only). */
interface EditorPath {
  activationMs: number | null;
  editToPanelMs: Record<string, number | null> | null;
  hoverImageMs: Record<string, number | null> | null;
  reason?: string;
  rows?: EditorRow[];
  targets?: { target: string; value: string; met: boolean | null }[];
}

/**
 * The editor path (activation, edit to side panel, hover image) is measured in a real
 * VS Code by bench/editor/ (`npm run bench:editor`). With `--editor` it runs here too: it
 * rebuilds dist/ and starts code-server, so it needs `npm run setup` and a minute or two.
 */
function editorPath(opts: Options): EditorPath {
  const none = { activationMs: null, editToPanelMs: null, hoverImageMs: null };
  if (!opts.editor) {
    return { ...none, reason: 'measured by npm run bench:editor (or npm run bench -- --editor)' };
  }
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) return { ...none, reason: 'npm run build failed' };
  const args = ['--import', 'tsx', 'bench/editor/run.ts', '--json'];
  const r = spawnSync(process.execPath, [...args, ...(opts.quick ? ['--quick'] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 30 * 60_000,
  });
  let rows: EditorRow[];
  try {
    rows = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as EditorRow[];
  } catch {
    const why = r.status === 2 ? 'code-server is not built (npm run setup)' : `exit ${r.status}`;
    return { ...none, reason: `npm run bench:editor did not run: ${why}` };
  }
  const byD = (metric: string) =>
    Object.fromEntries(rows.filter((x) => x.metric === metric).map((x) => [String(x.d), x.ms]));
  const worst = (metric: string) =>
    rows
      .filter((x) => x.metric === metric && x.ms !== null)
      .reduce((m, x) => Math.max(m, x.ms!), -1);
  const activationMs = rows.find((x) => x.metric === 'activation')?.ms ?? null;
  const mark = (v: number, limit: number) => ({
    value: v < 0 ? '—' : `${v.toFixed(1)} ms`,
    met: v < 0 ? null : v < limit,
  });
  return {
    activationMs,
    editToPanelMs: byD('editToPanel'),
    hoverImageMs: byD('hoverImage'),
    reason: 'npm run bench:editor (details: out/bench-editor-report.json)',
    rows,
    targets: [
      { target: 'editor: activation under 50 ms', ...mark(activationMs ?? -1, 50) },
      { target: 'editor: edit to panel under 150 ms, d ≤ 10', ...mark(worst('editToPanel'), 150) },
      { target: 'editor: hover image under 100 ms', ...mark(worst('hoverImage'), 100) },
    ],
  };
}

const fmt = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));
const ratio = (peer: number | null, ours: number | null) => {
  if (peer === null || ours === null || ours === 0) return '—';
  const r = peer / ours;
  return `${r.toFixed(r < 10 ? 1 : 0)}×`;
};

function table(rows: readonly Row[]): string {
  const head = [
    'family',
    'd',
    'ours ms',
    'best',
    'cold',
    'parse',
    'gradnorm',
    'print',
    'checks',
    'written out',
    'peak MB',
    'SymPy ms',
    'vs ours',
    'mathjs ms',
    'vs ours',
  ];
  const body = rows.map((r) => [
    r.family,
    String(r.d),
    fmt(r.ms, 2),
    fmt(r.minMs, 2),
    fmt(r.coldMs, 1),
    fmt(r.parseMs, 2),
    fmt(r.gradnormMs, 2),
    fmt(r.printMs, 2),
    fmt(r.checksMs, 2),
    fmt(r.writtenOutMs, 2),
    fmt(r.peakMB, 0),
    fmt(r.sympyMs),
    ratio(r.sympyMs, r.ms),
    fmt(r.mathjsMs),
    ratio(r.mathjsMs, r.ms),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The issue's targets, each marked met or missed (information only, never a failure). */
function targets(rows: readonly Row[]): { target: string; value: string; met: boolean | null }[] {
  const out: { target: string; value: string; met: boolean | null }[] = [];
  for (const r of rows.filter((x) => x.d === 20)) {
    out.push({
      target: `${r.family} d=20 under 20 ms`,
      value: `${fmt(r.ms, 2)} ms`,
      met: r.ms === null ? null : r.ms < 20,
    });
    out.push({
      target: `${r.family} d=20 at least 20× faster than SymPy`,
      value: ratio(r.sympyMs, r.ms),
      met: r.ms && r.sympyMs ? r.sympyMs / r.ms >= 20 : null,
    });
  }
  const rosen = rows.find((x) => x.family === 'rosenbrock' && x.d === 100);
  if (rosen) {
    out.push({
      target: 'rosenbrock d=100 under 1 s',
      value: `${fmt(rosen.ms, 1)} ms`,
      met: rosen.ms === null ? null : rosen.ms < 1000,
    });
  }
  const peak = Math.max(...rows.map((r) => r.peakMB ?? 0));
  out.push({ target: 'peak memory under 300 MB', value: `${peak.toFixed(0)} MB`, met: peak < 300 });
  return out;
}

async function main(argv: string[]): Promise<void> {
  const opts = parseArgs(argv);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const meta: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadavgStart: os.loadavg().map((v) => round(v)),
    quick: opts.quick,
    limits: { sympyMs: opts.sympyLimitMs, mathjsMs: opts.mathjsLimitMs },
  };
  const load = os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
  log(`bench: load average ${load} on ${os.cpus().length} cpus`);

  let sympy: PeerProcess | undefined;
  if (opts.sympy) {
    const found = findPython();
    if (found.python) {
      sympy = new PeerProcess(found.python, [path.join(ROOT, 'bench', 'sympy_peer.py')]);
      try {
        meta.sympy = { python: found.python, version: (await sympy.start()).version };
      } catch (err) {
        meta.sympy = { reason: `SymPy peer failed to start: ${(err as Error).message}` };
        sympy = undefined;
      }
    } else meta.sympy = { reason: found.reason };
    if (!sympy) log(`bench: ${(meta.sympy as { reason: string }).reason}; running ours anyway`);
  } else meta.sympy = { reason: 'disabled (--no-sympy)' };

  let mathjs: PeerProcess | undefined;
  if (opts.mathjs) {
    mathjs = new PeerProcess(process.execPath, [__filename, '--peer', 'mathjs']);
    try {
      meta.mathjs = { version: (await mathjs.start()).version };
    } catch (err) {
      meta.mathjs = { reason: `mathjs peer failed to start: ${(err as Error).message}` };
      mathjs = undefined;
    }
  } else meta.mathjs = { reason: 'disabled (--no-mathjs)' };

  const peerRuns = opts.quick ? { maxRuns: 3, budgetMs: 300 } : { maxRuns: 7, budgetMs: 3000 };
  const rows: Row[] = [];
  for (const fam of opts.families) {
    for (const d of opts.sizes) {
      const loadavg1 = round(os.loadavg()[0])!;
      const ours = await runOursChild(fam, d, opts);
      const notes: Record<string, string> = {};
      if (ours.reason) notes.ours = ours.reason;
      const gen = familyByName(fam).generate(d, PYTHON);
      const sy: PeerAnswer = sympy
        ? await sympy.request(
            { d, terms: gen.terms, outer: gen.outer, ...peerRuns },
            opts.sympyLimitMs,
          )
        : { ms: null, reason: (meta.sympy as { reason: string }).reason };
      if (sy.reason && sympy) notes.sympy = sy.reason; // a peer not run at all: said once
      const mj: PeerAnswer = mathjs
        ? await mathjs.request(
            { ...mathjsSource(familyByName(fam), d), ...peerRuns },
            opts.mathjsLimitMs,
          )
        : { ms: null, reason: (meta.mathjs as { reason: string }).reason };
      if (mj.reason && mathjs) notes.mathjs = mj.reason;
      const row: Row = {
        family: fam,
        d,
        ms: round(ours.ms, 3),
        peakMB: round(ours.peakMB, 1),
        sympyMs: round(sy.ms, 2),
        mathjsMs: round(mj.ms, 2),
        minMs: round(ours.minMs, 3),
        cpuMs: round(ours.cpuMs, 3),
        coldMs: round(ours.coldMs, 2),
        parseMs: round(ours.parseMs, 3),
        checksMs: round(ours.checksMs, 3),
        gradnormMs: round(ours.gradnormMs, 3),
        printMs: round(ours.printMs, 3),
        writtenOutMs: round(ours.writtenOutMs, 3),
        deriveFunctionMs: round(ours.deriveFunctionMs, 3),
        nodes: ours.nodes,
        startMB: round(ours.startMB, 1),
        sympyBuildMs: round(sy.buildMs ?? null, 2),
        loadavg1,
        ...(Object.keys(notes).length > 0 ? { notes } : {}),
      };
      rows.push(row);
      const why = Object.entries(notes)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ');
      log(
        `bench: ${fam} d=${d}: ours ${fmt(row.ms, 2)} ms, SymPy ${fmt(row.sympyMs)} ms, ` +
          `mathjs ${fmt(row.mathjsMs)} ms, peak ${fmt(row.peakMB, 0)} MB${why ? ` (${why})` : ''}`,
      );
    }
  }
  sympy?.stop();
  mathjs?.stop();

  if (opts.vsix) log('bench: packaging the VSIX (vsce package) for its size...');
  const size = sizes(opts);
  const editor = editorPath(opts);
  meta.loadavgEnd = os.loadavg().map((v) => round(v));
  const report = {
    meta,
    rows,
    sizes: size,
    editor,
    targets: [...targets(rows), ...(editor.targets ?? [])],
  };
  mkdirSync(path.join(ROOT, 'out'), { recursive: true });
  const reportFile = path.join(ROOT, 'out', 'bench-report.json');
  writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);

  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const out: string[] = [];
  const loads =
    `${(meta.loadavgStart as number[]).join(' ')} → ` + (meta.loadavgEnd as number[]).join(' ');
  out.push(
    `Gradient Norm Lens bench — node ${process.version}, ${os.cpus().length} cpus, ` +
      `load average ${loads}`,
  );
  const peerLine = (name: string, m: unknown) => {
    const p = m as { version?: string; reason?: string };
    return `${name}: ${p.version ?? `not run (${p.reason})`}`;
  };
  out.push(`${peerLine('SymPy', meta.sympy)}; ${peerLine('mathjs', meta.mathjs)}`);
  out.push('times: medians in ms after warm-up; ours = lower + gradnorm + print (LaTeX, steps,');
  out.push('mathjs strings); best = our fastest run, cold = our first run in a fresh process;');
  out.push('parse and checks apart. SymPy: diff + Hessian + H·sign(∇f), no simplify; mathjs:');
  out.push('gradient + Hessian, derivative(..., {simplify: false}). Ratios: peer / ours ms.', '');
  if (os.loadavg()[0] > os.cpus().length) {
    out.push(
      `NOTE: the machine was busy (load average above ${os.cpus().length}): times are ` +
        'inflated and noisy; compare "best".',
      '',
    );
  }
  out.push(table(rows), '');
  const notes = rows.filter((r) => r.notes);
  if (notes.length > 0) {
    out.push('notes:');
    for (const r of notes) {
      for (const [k, v] of Object.entries(r.notes!)) out.push(`  ${r.family} d=${r.d} ${k}: ${v}`);
    }
    out.push('');
  }
  out.push('sizes:');
  for (const [k, v] of Object.entries(size)) {
    const text = v.bytes === null ? `— (${v.reason})` : `${(v.bytes / 1024).toFixed(0)} KiB`;
    const files = v.files === undefined ? '' : `, ${v.files} files`;
    out.push(`  ${k.padEnd(18)} ${text}${files}${v.note ? `; ${v.note}` : ''}`);
  }
  out.push('', `editor path: ${editor.reason}`);
  if (editor.rows) {
    const at = (m: Record<string, number | null> | null) =>
      Object.entries(m ?? {})
        .map(([d, ms]) => `d=${d} ${fmt(ms)}`)
        .join(', ');
    out.push(`  activation ${fmt(editor.activationMs)} ms (ext.activate(), median of windows)`);
    out.push(`  edit to panel, debounce excluded (median ms): ${at(editor.editToPanelMs)}`);
    out.push(`  hover after an edit (median ms): ${at(editor.hoverImageMs)}`);
  }
  out.push('', 'targets:');
  for (const t of report.targets) {
    const mark = t.met === null ? 'n/a ' : t.met ? 'met ' : 'MISS';
    out.push(`  ${mark} ${t.target}: ${t.value}`);
  }
  out.push('', 'full report: out/bench-report.json');
  process.stdout.write(`${out.join('\n')}\n`);
}

async function child(argv: string[]): Promise<void> {
  const [kind, fam, d] = argv.slice(argv.indexOf('--child') + 1);
  if (kind !== 'ours') throw new Error(`unknown child '${kind}'`);
  const result = await measureOurs(fam, Number(d), runPlan(argv.includes('--quick')));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const argv = process.argv.slice(2);
const entry = argv.includes('--child')
  ? child(argv)
  : // Imported lazily: the child processes of our side must not load mathjs (peak memory).
    argv.includes('--peer')
    ? import('./mathjs-peer').then((m) => m.runMathjsPeer())
    : main(argv);
entry.catch((err: unknown) => {
  process.stderr.write(
    `bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
});
