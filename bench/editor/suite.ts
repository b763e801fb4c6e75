/**
 * The editor bench's suite: runs inside the VS Code extension host (code-server), with the
 * real `vscode` API, in the @vscode/test-electron convention (`run()` resolves or rejects).
 * Started by `run.ts` in a fresh window whose workspace folder holds a {@link Control} file
 * and the generated functions. It measures, in this order:
 *
 * 1. activation: `await ext.activate()` on the not yet active extension (no supported file
 *    is opened before), after a short pause that lets the window's startup work settle;
 * 2. edit to side panel: for each case, the file is shown with the cursor in the function
 *    and the side view open; each edit changes a coefficient through a WorkspaceEdit, and
 *    the hidden test-state command is polled until the side view posted the new version's
 *    state (the webview's side of it is timed by the runner's observer in the frame);
 * 3. hover image: `vscode.executeHoverProvider` over the function's name: the first hover
 *    of the session (MathJax loads in the worker), then pairs of one after an edit (a new
 *    derivation) and one again (the derivation cached).
 *
 * Prints {@link RESULT_MARKER} and the {@link SuiteResult} as JSON after each case and at the
 * end (the runner keeps the last line, so a run cut short still reports what it measured).
 * Never fails on a time; rejects only when it could not measure.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  CONTROL_FILE,
  OBSERVER_READY_FILE,
  PROGRESS_MARKER,
  RENDERED_FILE,
  RESULT_MARKER,
  type BenchCase,
  type Control,
  type EditSample,
  type HoverSample,
  type SuiteResult,
} from './protocol';

const EXTENSION_ID = 'gradient-norm-lens.gradient-norm-lens';
const TEST_STATE = 'gradientNormLens._test.state';
const OPEN_SIDE_PANEL = 'gradientNormLens.openSidePanel';
/** Fallback when src/extension/sideView.ts cannot be read. */
const DEFAULT_DEBOUNCE_MS = 250;
/** Line of `return …` in the generated files (after the import, two blank lines, `def`). */
const RETURN_LINE = 4;
/** How often the test-state command is polled while waiting for the side view. */
const POLL_MS = 2;

/** The part of the extension's test-state answer used here. */
interface SideSnapshot {
  side: {
    visible: boolean;
    message?: { type: string; doc?: { uri: string; version: number } };
    state?: { doc: { uri: string; version: number }; derivation?: unknown; errors: unknown[] };
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const progress = (s: string) => console.log(`${PROGRESS_MARKER}${s}`);

/** Entry point, called by the extension host once the window is up. */
export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('the bench window has no workspace folder');
  const control = JSON.parse(readFileSync(path.join(folder, CONTROL_FILE), 'utf8')) as Control;
  const result: SuiteResult = {
    mode: control.mode,
    activation: { ms: null, wasActive: false, atUptimeMs: 0 },
    debounceMs: DEFAULT_DEBOUNCE_MS,
    debounceSource: 'default',
    observer: false,
    edits: [],
    hovers: [],
  };
  try {
    await sleep(control.settleMs);
    const ext = await measureActivation(result);
    const debounce = readDebounce(ext.extensionPath);
    result.debounceMs = debounce.ms;
    result.debounceSource = debounce.source;
    if (control.mode === 'full') {
      await measureEdits(folder, control, result);
      await measureHovers(folder, control, result);
    }
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
  }
  printResult(result);
  if (result.error) throw new Error(result.error);
}

/** Prints the result line; the runner keeps the last one. */
function printResult(result: SuiteResult): void {
  console.log(`${RESULT_MARKER}${JSON.stringify(result)}`);
}

/** Times `ext.activate()`; records whether something activated the extension before. */
async function measureActivation(result: SuiteResult): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in the bench window`);
  const open = vscode.workspace.textDocuments.map((d) => d.languageId).join(', ');
  result.activation.wasActive = ext.isActive;
  result.activation.atUptimeMs = Math.round(process.uptime() * 1000);
  const t0 = performance.now();
  await ext.activate();
  const ms = performance.now() - t0;
  result.activation.ms = result.activation.wasActive ? null : ms;
  progress(
    result.activation.wasActive
      ? `the extension was already active (open documents: ${open || 'none'})`
      : `activation ${ms.toFixed(1)} ms`,
  );
  return ext;
}

/** The side view's debounce delay, read from its source next to the extension's dist/. */
function readDebounce(extensionPath: string): { ms: number; source: string } {
  const file = path.join(extensionPath, 'src', 'extension', 'sideView.ts');
  try {
    const m = /const DEBOUNCE_MS = (\d+)/.exec(readFileSync(file, 'utf8'));
    if (m) return { ms: Number(m[1]), source: 'src/extension/sideView.ts DEBOUNCE_MS' };
  } catch {
    /* fall through */
  }
  return { ms: DEFAULT_DEBOUNCE_MS, source: `default (${file} has no DEBOUNCE_MS)` };
}

async function sideSnapshot(): Promise<SideSnapshot['side']> {
  return ((await vscode.commands.executeCommand(TEST_STATE)) as SideSnapshot).side;
}

/** Polls `probe` every `everyMs` until it returns a value, or undefined after `timeoutMs`. */
async function poll<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = POLL_MS,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) return undefined;
    await sleep(everyMs);
  }
}

/** The replacement that changes the function's last coefficient (`+ K*x[0]`) to `k`. */
function coefficientEdit(doc: vscode.TextDocument, k: number): vscode.WorkspaceEdit {
  const line = doc.lineAt(RETURN_LINE).text;
  const m = /(\d+)\*x\[0\]\s*$/.exec(line);
  if (!m) throw new Error(`no trailing coefficient on line ${RETURN_LINE + 1} of ${doc.fileName}`);
  const range = new vscode.Range(RETURN_LINE, m.index, RETURN_LINE, m.index + m[1].length);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, String(k));
  return edit;
}

/** Edits every case's file repeatedly while the side view follows. */
async function measureEdits(folder: string, control: Control, result: SuiteResult) {
  await vscode.commands.executeCommand(OPEN_SIDE_PANEL);
  if (!(await poll(async () => ((await sideSnapshot()).visible ? true : undefined), 20_000))) {
    throw new Error('the side view did not become visible');
  }
  // Every version's change event, stamped as it arrives (the side view's debounce starts
  // in the same tick: its listener was registered first).
  const changes = new Map<string, number>();
  const listener = vscode.workspace.onDidChangeTextDocument((e) => {
    changes.set(`${e.document.uri.toString()}@${e.document.version}`, Date.now());
  });
  try {
    for (const [i, c] of control.cases.entries()) {
      const doc = await vscode.workspace.openTextDocument(path.join(folder, c.file));
      const editor = await vscode.window.showTextDocument(doc, {
        viewColumn: vscode.ViewColumn.One,
        preview: false,
      });
      editor.selection = new vscode.Selection(RETURN_LINE, 4, RETURN_LINE, 4);
      const uri = doc.uri.toString();
      const first = await waitForState(uri, doc.version, 30_000);
      if (!first.stateWall) throw new Error(`the side view showed nothing for ${c.file}`);
      if (i === 0) {
        // The runner installs its observer in the side view's frame once that frame shows
        // something; without it the webview's share is missing, the rest still counts.
        const ready = path.join(folder, OBSERVER_READY_FILE);
        result.observer = !!(await poll(async () => existsSync(ready) || undefined, 30_000, 50));
        if (!result.observer) progress('no webview observer: webview times will be missing');
      }
      await timeEdits(doc, c, control, changes, result, folder);
      printResult(result); // what is measured so far, should a later case hang
    }
  } finally {
    listener.dispose();
  }
}

/** The warm-up and timed edits of one case. */
async function timeEdits(
  doc: vscode.TextDocument,
  c: BenchCase,
  control: Control,
  changes: Map<string, number>,
  result: SuiteResult,
  folder: string,
) {
  const uri = doc.uri.toString();
  const rendered = path.join(folder, RENDERED_FILE);
  const renderedKey = () => {
    try {
      return readFileSync(rendered, 'utf8');
    } catch {
      return '';
    }
  };
  let failures = 0;
  let timed = 0;
  const started = Date.now();
  for (let n = 0; timed < control.edits; n++) {
    const elapsed = Date.now() - started;
    const warmup = n < control.warmup && elapsed < control.caseBudgetMs / 4;
    if (timed > 0 && elapsed > control.caseBudgetMs) break;
    if (!warmup) timed++;
    const before = Date.now();
    if (!(await vscode.workspace.applyEdit(coefficientEdit(doc, n + 2)))) {
      throw new Error(`the edit of ${c.file} was not applied`);
    }
    const version = doc.version;
    const seen = await waitForState(uri, version, 15_000);
    const changeWall = changes.get(`${uri}@${version}`);
    const sample: EditSample = {
      family: c.family,
      d: c.d,
      warmup,
      uri,
      version,
      changeWall: changeWall ?? before,
      ...(changeWall === undefined ? { changeMissed: true } : {}),
      ...seen,
    };
    result.edits.push(sample);
    if (sample.timedOut && ++failures >= 3) {
      throw new Error(`the side view stopped following edits of ${c.file}`);
    }
    // The next edit waits until the webview has painted this one (it would supersede it).
    if (result.observer && !sample.timedOut) {
      const key = `${uri}@${version}`;
      const done = await poll(
        async () => renderedKey() === key || undefined,
        control.renderWaitMs,
        5,
      );
      if (!done) sample.renderMissed = true;
    }
    await sleep(50);
  }
  const counted = result.edits.filter((e) => e.uri === uri && !e.warmup && e.stateWall);
  const host = counted
    .map((e) => e.stateWall! - e.changeWall - result.debounceMs)
    .sort((a, b) => a - b);
  progress(
    `${c.family} d=${c.d}: edit → state posted ${host[host.length >> 1] ?? '—'} ms ` +
      `(median of ${host.length}, debounce excluded)`,
  );
}

/**
 * Polls the side view until it posted a state for `uri` at `version`; returns when the
 * `busy` message (parse done, derivation requested) and the state were first seen.
 */
async function waitForState(
  uri: string,
  version: number,
  timeoutMs: number,
): Promise<Pick<EditSample, 'busyWall' | 'stateWall' | 'timedOut' | 'problem'>> {
  let busyWall: number | undefined;
  const state = await poll(async () => {
    const side = await sideSnapshot();
    const m = side.message;
    const now = Date.now();
    if (m?.doc?.uri !== uri || m.doc.version < version) return undefined;
    if (m.type === 'busy') {
      busyWall ??= now;
      return undefined;
    }
    if (m.type !== 'state') return { problem: `side view posted '${m.type}'` };
    const s = side.state;
    const ok = s?.doc.uri === uri && s.doc.version === m.doc.version && s.derivation;
    return ok ? {} : { problem: 'side view showed no derivation' };
  }, timeoutMs);
  if (!state) return { busyWall, timedOut: true };
  return { busyWall, stateWall: Date.now(), ...state };
}

/** Hover over the function's name: the first of the session, then fresh and warm pairs. */
async function measureHovers(folder: string, control: Control, result: SuiteResult) {
  for (const [i, c] of control.cases.entries()) {
    const doc = await vscode.workspace.openTextDocument(path.join(folder, c.hoverFile));
    const name = doc.lineAt(RETURN_LINE - 1).text.indexOf('f(');
    const at = new vscode.Position(RETURN_LINE - 1, name);
    const hover = async (kind: HoverSample['kind']) => {
      const t0 = performance.now();
      const hovers = (await vscode.commands.executeCommand(
        'vscode.executeHoverProvider',
        doc.uri,
        at,
      )) as vscode.Hover[];
      const ms = performance.now() - t0;
      const text = hovers
        .flatMap((h) => h.contents)
        .map((x) => (typeof x === 'string' ? x : x.value))
        .join('\n');
      result.hovers.push({
        family: c.family,
        d: c.d,
        kind,
        ms,
        image: text.includes('data:image/svg+xml'),
      });
    };
    if (i === 0) await hover('cold');
    for (let n = 0; n < control.hovers; n++) {
      if (!(await vscode.workspace.applyEdit(coefficientEdit(doc, n + 2)))) {
        throw new Error(`the edit of ${c.hoverFile} was not applied`);
      }
      await sleep(control.hoverDelayMs);
      await hover('fresh');
      await hover('warm');
    }
    const warm = result.hovers.filter((h) => h.family === c.family && h.d === c.d);
    const images = warm.filter((h) => h.image).length;
    progress(`${c.family} d=${c.d}: ${warm.length} hovers, ${images} with an image`);
  }
}
