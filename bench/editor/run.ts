/**
 * `npm run bench:editor`: the editor path measured in a real VS Code (code-server, built by
 * `npm run setup`): activation, edit to side panel, hover image. Never fails on a time.
 *
 *   npm run bench:editor                       table on stdout, progress on stderr
 *   npm run -s bench:editor -- --json          [{metric, d, ms, p90}] on stdout
 *   npm run bench:editor -- --quick            rosenbrock only, few edits: a smoke run
 *   npm run bench:editor -- --families rosenbrock,neural --sizes 2,10 --edits 20
 *                           --hovers 8 --windows 5 --case-budget 30 --verbose
 *
 * 1. generates one Python file per family and size (bench/families.ts, plus a trailing
 *    `+ 1*x[0]` whose coefficient the suite edits) into a temporary workspace;
 * 2. bundles bench/editor/suite.ts and starts code-server and headless Chromium (the
 *    integration runner's helpers, scripts/lib/);
 * 3. loads a window on that workspace with the extension under development and the suite;
 *    while it runs, installs an observer in the side view's webview frame (observer.ts) and
 *    tells the suite through a file; collects the suite's result line and the records;
 * 4. loads `--windows` − 1 more windows on empty workspaces, each measuring activation only
 *    (a fresh extension host each), and reads the extension's own activation log lines;
 * 5. prints the table (report.ts) and writes out/bench-editor-report.json.
 *
 * Exits 0 whatever the times; 1 when the suite could not run (2 without code-server).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import type { Browser, Frame, Page } from 'playwright-core';
import { bundleSuite } from '../../scripts/lib/bundle-suite';
import {
  launchChromium,
  repoRoot,
  requireCodeServer,
  startCodeServer,
  withTimeout,
  workbenchUrl,
  type CodeServer,
} from '../../scripts/lib/vscode-web';
import { expression, family as familyByName, FAMILIES, PYTHON } from '../families';
import { installObserver, RECORD_BINDING } from './observer';
import {
  CONTROL_FILE,
  OBSERVER_READY_FILE,
  PROGRESS_MARKER,
  RENDERED_FILE,
  RESULT_MARKER,
  type BenchCase,
  type Control,
  type SuiteResult,
  type WebviewRecord,
} from './protocol';
import {
  editRows,
  editTimings,
  formatReport,
  hoverRows,
  jsonRows,
  stat,
  targets,
  type EditorReport,
} from './report';

const DEFAULT_FAMILIES = ['rosenbrock', 'quadratic', 'neural'];
const SIZES = [2, 5, 10];

interface Options {
  json: boolean;
  verbose: boolean;
  families: string[];
  sizes: number[];
  edits: number;
  warmup: number;
  hovers: number;
  windows: number;
  caseBudgetMs: number;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${flag}=`))?.split('=')[1];
  };
  const quick = argv.includes('--quick');
  const families = value('--families');
  const list =
    families === 'all'
      ? FAMILIES.map((f) => f.name)
      : (families?.split(',') ?? (quick ? ['rosenbrock'] : DEFAULT_FAMILIES));
  list.forEach(familyByName); // throws on an unknown name
  const num = (flag: string, normal: number, short: number) =>
    Number(value(flag) ?? (quick ? short : normal));
  return {
    json: argv.includes('--json'),
    verbose: argv.includes('--verbose'),
    families: list,
    sizes: value('--sizes')?.split(',').map(Number) ?? SIZES,
    edits: num('--edits', 15, 5),
    warmup: num('--warmup', 2, 1),
    hovers: num('--hovers', 6, 3),
    windows: num('--windows', 3, 2),
    caseBudgetMs: num('--case-budget', 20, 10) * 1000,
  };
}

const log = (s: string) => process.stderr.write(`bench:editor: ${s}\n`);

/** `def f(x): return <family> + 1*x[0]`: the trailing coefficient is what the suite edits. */
function source(fam: string, d: number): string {
  const body = expression(familyByName(fam).generate(d, PYTHON));
  return `import numpy as np\n\n\ndef f(x):\n    return ${body} + 1*x[0]\n`;
}

/** A workspace folder with the control file (and, for the full window, the cases). */
function workspace(root: string, name: string, control: Control): string {
  const folder = path.join(root, name);
  mkdirSync(path.join(folder, path.dirname(CONTROL_FILE)), { recursive: true });
  for (const c of control.cases) {
    const text = source(c.family, c.d);
    writeFileSync(path.join(folder, c.file), text);
    writeFileSync(path.join(folder, c.hoverFile), text);
  }
  writeFileSync(path.join(folder, CONTROL_FILE), JSON.stringify(control, null, 2));
  return folder;
}

/** Webview content frames: nested iframes, not the workbench nor its direct children. */
function contentFrames(page: Page): Frame[] {
  return page
    .frames()
    .filter((f) => f !== page.mainFrame() && f.parentFrame() !== page.mainFrame());
}

/** What one window produced. */
interface WindowRun {
  result?: SuiteResult;
  records: WebviewRecord[];
  exitCode: number;
  lines: string[];
}

/** Drives one window on `folder` until its suite exits. */
class Window {
  private exitWith: ((code: number) => void) | undefined;
  private lines: string[] = [];
  private records: WebviewRecord[] = [];
  /** The running window's workspace folder, where the suite waits for RENDERED_FILE. */
  private folder: string | undefined;
  private verbose = false;

  private constructor(private readonly page: Page) {}

  static async open(browser: Browser, verbose: boolean): Promise<Window> {
    const page = await browser.newPage();
    const w = new Window(page);
    w.verbose = verbose;
    await page.exposeFunction('codeAutomationExit', (code: number) => w.exitWith?.(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) {
        w.lines.push(line);
        if (line.startsWith(PROGRESS_MARKER)) log(line.slice(PROGRESS_MARKER.length));
        else if (verbose && !line.startsWith(RESULT_MARKER)) log(`  ${line}`);
      }
    });
    await page.exposeFunction(RECORD_BINDING, (r: WebviewRecord) => {
      w.records.push(r);
      if (w.folder) writeFileSync(path.join(w.folder, RENDERED_FILE), `${r.uri}@${r.version}`);
    });
    return w;
  }

  async run(
    server: CodeServer,
    folder: string,
    bundle: string,
    timeoutMs: number,
    observe: boolean,
  ): Promise<WindowRun> {
    this.lines = [];
    this.records = [];
    this.folder = folder;
    const exited = new Promise<number>((r) => (this.exitWith = r));
    const url = workbenchUrl(server, folder, {
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: bundle,
    });
    await this.page.goto(url, { timeout: 60_000 });
    let watching = observe;
    const watcher = (async () => {
      while (watching) {
        for (const frame of contentFrames(this.page)) {
          if (await installObserver(frame)) {
            writeFileSync(path.join(folder, OBSERVER_READY_FILE), 'ready\n');
            return;
          }
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    let exitCode: number;
    try {
      exitCode = await withTimeout(exited, timeoutMs, 'the editor bench suite');
    } catch (err) {
      log((err as Error).message);
      exitCode = 124;
    } finally {
      watching = false;
    }
    await watcher;
    const records = this.records;
    const line = this.lines.filter((l) => l.startsWith(RESULT_MARKER)).pop();
    const result = line ? (JSON.parse(line.slice(RESULT_MARKER.length)) as SuiteResult) : undefined;
    if (result && exitCode === 124) result.error ??= 'cut short: the window ran out of time';
    if (!result && !this.verbose) log(`suite output:\n  ${this.lines.slice(-30).join('\n  ')}`);
    return { result, records, exitCode, lines: this.lines };
  }
}

/** The extension's own "activated in N ms" lines, from every window's log, oldest first. */
function activationLog(userDataDir: string): number[] {
  const found: { file: string; mtime: number }[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('Gradient Norm.log')) found.push({ file: p, mtime: 0 });
    }
  };
  walk(path.join(userDataDir, 'logs'));
  const out: number[] = [];
  for (const f of found.sort((a, b) => a.file.localeCompare(b.file))) {
    const m = /activated in (\d+) ms/.exec(readFileSync(f.file, 'utf8'));
    if (m) out.push(Number(m[1]));
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  const opts = parseArgs(argv);
  try {
    requireCodeServer();
  } catch (err) {
    log(`${(err as Error).message} (the editor bench runs in code-server)`);
    return 2;
  }
  const loadavgStart = os.loadavg().map((v) => Math.round(v * 100) / 100);
  log(`load average ${loadavgStart.join(' ')} on ${os.cpus().length} cpus`);
  const bundle = path.join(repoRoot, 'out', 'bench', 'editor-suite.js');
  await bundleSuite(path.join(repoRoot, 'bench', 'editor', 'suite.ts'), bundle);

  const root = mkdtempSync(path.join(os.tmpdir(), 'gnl-bench-editor-'));
  const cases: BenchCase[] = opts.families.flatMap((family) =>
    opts.sizes.map((d) => ({
      family,
      d,
      file: `${family}_${d}.py`,
      hoverFile: `hover_${family}_${d}.py`,
    })),
  );
  const base = {
    settleMs: 1500,
    edits: opts.edits,
    warmup: opts.warmup,
    hovers: opts.hovers,
    caseBudgetMs: opts.caseBudgetMs,
    renderWaitMs: 120_000,
  };
  const full = workspace(root, 'w0', { ...base, mode: 'full', cases, hoverDelayMs: 500 });

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const runs: WindowRun[] = [];
  let bodies: number[] = [];
  try {
    server = await startCodeServer({ folder: full });
    browser = await launchChromium();
    const window = await Window.open(browser, opts.verbose);
    log(`window 1: activation, edits (${cases.length} cases), hovers`);
    runs.push(await window.run(server, full, bundle, 30 * 60_000, true));
    for (let i = 1; i < opts.windows; i++) {
      const folder = workspace(root, `w${i}`, {
        ...base,
        mode: 'activation',
        cases: [],
        hoverDelayMs: 0,
      });
      log(`window ${i + 1}: activation`);
      runs.push(await window.run(server, folder, bundle, 120_000, false));
    }
    bodies = activationLog(server.userDataDir);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  }

  const first = runs[0]?.result;
  if (!first || (first.edits.length === 0 && first.error)) {
    log(`the suite could not run${first?.error ? `: ${first.error}` : ''}`);
    return 1;
  }
  const notes: string[] = [];
  runs.forEach((r, i) => {
    if (r.result?.error) notes.push(`window ${i + 1} stopped early: ${r.result.error}`);
    else if (!r.result) notes.push(`window ${i + 1} printed no result (exit ${r.exitCode})`);
    if (r.result?.activation.wasActive) {
      notes.push(`window ${i + 1}: the extension was active before the suite measured it`);
    }
  });
  if (!first.observer) notes.push('no webview observer: totals end when the host posts');
  const timedOut = first.edits.filter((e) => e.timedOut).length;
  if (timedOut > 0) notes.push(`${timedOut} edit(s) without a side view state within 15 s`);
  const problems = first.edits.filter((e) => e.problem).map((e) => e.problem);
  if (problems.length > 0) notes.push(`edits left out: ${[...new Set(problems)].join('; ')}`);
  const missed = (k: 'changeMissed' | 'renderMissed') => first.edits.filter((e) => e[k]).length;
  if (missed('changeMissed') > 0) {
    notes.push(`${missed('changeMissed')} edit(s) timed from before applyEdit (no change event)`);
  }
  if (missed('renderMissed') > 0) {
    notes.push(`${missed('renderMissed')} state(s) with no webview paint seen within 120 s`);
  }
  const textOnly = first.hovers.filter((h) => !h.image);
  if (textOnly.length > 0) {
    const where = [...new Set(textOnly.map((h) => `${h.family} d=${h.d}`))].join(', ');
    notes.push(
      `${textOnly.length} hover(s) had no image, the plain-text fallback (${where}): ` +
        'src/extension/mathSvg.ts drops formulas that would be shown below half size',
    );
  }
  const records = runs.flatMap((r) => r.records);
  const windowsMs = runs.map((r) => r.result?.activation.ms ?? null);
  const hovers = first.hovers.filter((h) => h.kind !== 'cold');
  const partial: Omit<EditorReport, 'targets'> = {
    meta: {
      date: new Date().toISOString(),
      vscode: 'VS Code 1.100 (code-server 4.100.3), headless Chromium',
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadavgStart,
      loadavgEnd: os.loadavg().map((v) => Math.round(v * 100) / 100),
      options: opts,
    },
    activation: {
      windows: windowsMs,
      stat: stat(windowsMs.map((v) => v ?? undefined)),
      body: bodies,
      bodyStat: stat(bodies),
    },
    debounceMs: first.debounceMs,
    debounceSource: first.debounceSource,
    edits: editRows(editTimings(first.edits, records, first.debounceMs)),
    hovers: hoverRows(hovers),
    hoverCold: first.hovers.find((h) => h.kind === 'cold') ?? null,
    notes,
    windows: runs.flatMap((r) => (r.result ? [r.result] : [])),
  };
  const report: EditorReport = { ...partial, targets: targets(partial) };
  mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
  writeFileSync(
    path.join(repoRoot, 'out', 'bench-editor-report.json'),
    `${JSON.stringify({ ...report, records }, null, 2)}\n`,
  );
  process.stdout.write(
    opts.json ? `${JSON.stringify(jsonRows(report))}\n` : `${formatReport(report)}\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
