/**
 * What the editor bench's runner (`run.ts`, in node) and its suite (`suite.ts`, inside the
 * VS Code extension host) exchange: the runner writes a {@link Control} file into the
 * workspace folder before the window loads, the suite prints one {@link SuiteResult} line
 * after {@link RESULT_MARKER}, and the runner reads {@link WebviewRecord}s out of the side
 * view's webview frame. Plain data only: no `vscode`, no DOM.
 */

/** Prefix of the suite's one result line in the extension host's console. */
export const RESULT_MARKER = 'GNL_BENCH_EDITOR_RESULT ';

/** Prefix of the suite's progress lines (the runner echoes them to stderr). */
export const PROGRESS_MARKER = 'gnl-bench: ';

/** The control file, relative to the workspace folder. */
export const CONTROL_FILE = '.gnl-bench/control.json';

/**
 * Written by the runner once its observer is installed in the side view's webview: the
 * suite waits for it before the first timed edit.
 */
export const OBSERVER_READY_FILE = '.gnl-bench/observer-ready';

/**
 * Rewritten by the runner with `uri@version` of each state the side view's webview has
 * rendered and painted: the suite waits for it before the next edit.
 */
export const RENDERED_FILE = '.gnl-bench/rendered';

/** One generated function: a family at one size, in its own Python file. */
export interface BenchCase {
  family: string;
  d: number;
  /** Relative to the workspace folder: edited in the editor while the side view follows. */
  file: string;
  /** Relative to the workspace folder: the same function, opened without an editor, hovered. */
  hoverFile: string;
}

/** What one window's suite does. */
export interface Control {
  /** `activation`: measure activation only (the extra windows); `full`: everything. */
  mode: 'full' | 'activation';
  /** Pause after the window loads, before activation is timed (startup work settles). */
  settleMs: number;
  cases: BenchCase[];
  /** Timed edits per case, after `warmup` untimed ones. */
  edits: number;
  warmup: number;
  /**
   * Time per case after which no further edit starts once one is timed (and no further
   * warm-up after a quarter of it): a view that takes seconds to render gets fewer samples.
   */
  caseBudgetMs: number;
  /** Longest wait for the webview to paint a state before the next edit. */
  renderWaitMs: number;
  /** Fresh + warm hover pairs per case. */
  hovers: number;
  /** Pause between an edit and the hover that follows it (a user moves the mouse). */
  hoverDelayMs: number;
}

/** One edit of a case, timed in the extension host (wall clock, ms since the epoch). */
export interface EditSample {
  family: string;
  d: number;
  warmup: boolean;
  uri: string;
  /** The document version the edit produced. */
  version: number;
  /** onDidChangeTextDocument for that version (the side view's debounce starts here). */
  changeWall: number;
  /** Set when the change event was not seen: `changeWall` is then just before applyEdit. */
  changeMissed?: boolean;
  /** First poll that saw the side view's `busy` message for the version (parse done). */
  busyWall?: number;
  /** First poll that saw the side view's `state` message for the version (posted). */
  stateWall?: number;
  /** Set when no state arrived in time (the sample is left out of the statistics). */
  timedOut?: boolean;
  /** A state that is not a derivation (an error or a message): says which. */
  problem?: string;
  /** Set when the runner did not report the webview's paint of the state in time. */
  renderMissed?: boolean;
}

/** One hover request, timed around `vscode.executeHoverProvider`. */
export interface HoverSample {
  family: string;
  d: number;
  /** `cold`: first hover of the session (MathJax loads); `fresh`: after an edit; `warm`: again. */
  kind: 'cold' | 'fresh' | 'warm';
  ms: number;
  /** Whether the hover carried a `data:image/svg+xml` image. */
  image: boolean;
}

/** Everything one window's suite measured. */
export interface SuiteResult {
  mode: Control['mode'];
  activation: {
    /** `await ext.activate()` around a not yet active extension; null when it was active. */
    ms: number | null;
    wasActive: boolean;
    /** Milliseconds since the extension host's process started, when activation began. */
    atUptimeMs: number;
  };
  /** The side view's debounce delay, and where it was read. */
  debounceMs: number;
  debounceSource: string;
  /** Whether the runner's webview observer was installed before the timed edits. */
  observer: boolean;
  edits: EditSample[];
  hovers: HoverSample[];
  /** Why the suite stopped early, if it did. */
  error?: string;
}

/** One `state` message as the side view's webview received and rendered it. */
export interface WebviewRecord {
  uri: string;
  version: number;
  /** Wall clock when the message event reached the webview (before its own handler). */
  recvWall: number;
  /** The webview's handler (stale filter, KaTeX, DOM) in ms, by performance.now(). */
  renderMs: number;
  /** From the end of the handler to the next animation frame plus a task: the paint. */
  paintMs?: number;
}
