/**
 * Messages between the extension host and the derivation webviews (the
 * editor panel and the side view). Both bundles import this module, so the
 * shapes cannot drift apart. Every host message names the document (uri +
 * version) it was computed from; the webview drops anything older than what
 * it already shows (see {@link StaleFilter}).
 *
 * Pure module: no `vscode`, no DOM.
 */
import type { Diagnostic, FunctionDerivation } from '../core/index';

/** The document a message was computed from. */
export interface DocRef {
  uri: string;
  version: number;
  /**
   * Which opening of the document (when the extension first saw it, in ms):
   * VS Code numbers versions from 1 again when a closed document is opened
   * again, so versions compare only within one opening. Later openings win.
   */
  opened?: number;
}

/**
 * A derivation as the views draw it: the LaTeX, the steps and the checks. The
 * mathjs-syntax strings stay in the extension host: for larger functions they
 * would double the message, and moving it into the webview is most of the time
 * from an edit to the panel.
 */
export type ViewDerivation = Omit<
  FunctionDerivation,
  'f' | 'gradient' | 'hessian' | 'norm' | 'result' | 'resultBySign' | 'nonsmooth'
>;

/** What a view shows: one function's derivation, or why there is none. */
export interface ViewState {
  doc: DocRef;
  /** Display name only (basename), never a full path. */
  fileName: string;
  language: string;
  functionName?: string;
  /** Present when the derivation succeeded. */
  derivation?: ViewDerivation;
  /** Parse/derivation errors; shown where the result would be. */
  errors: Diagnostic[];
  /** Non-fatal diagnostics (warnings, information). */
  notes: Diagnostic[];
  /** Plain-text message when there is nothing to derive (no function under the cursor). */
  message?: string;
}

/**
 * The result with each sign written out, for the state of `doc` and
 * `functionName`: its entries' LaTeX, or why there are none.
 */
export type WrittenOut = { latex: string[] } | { error: string };

/** Host → webview. */
export type HostMessage =
  | { type: 'state'; doc: DocRef; state: ViewState }
  | { type: 'busy'; doc: DocRef; functionName?: string }
  | { type: 'empty'; doc?: DocRef; message: string }
  | { type: 'writtenOut'; doc: DocRef; functionName: string; result: WrittenOut };

/**
 * Webview → host. `writeOut` asks for the result written out (the user
 * opened it): states carry only the far shorter form with sign symbols.
 */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'copy'; latex: string }
  | { type: 'reveal'; uri: string; line: number }
  | { type: 'writeOut'; doc: DocRef; functionName: string };

/** Type guard for messages arriving in the host (they come from a webview, so check). */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return true;
    case 'copy':
      return typeof m.latex === 'string';
    case 'reveal':
      return typeof m.uri === 'string' && typeof m.line === 'number';
    case 'writeOut':
      return isDocRef(m.doc) && typeof m.functionName === 'string';
    default:
      return false;
  }
}

/** Type guard for messages arriving in the webview. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'empty') return typeof m.message === 'string';
  if (m.type === 'writtenOut') {
    return isDocRef(m.doc) && typeof m.functionName === 'string' && isWrittenOut(m.result);
  }
  if (m.type !== 'state' && m.type !== 'busy') return false;
  return isDocRef(m.doc);
}

function isWrittenOut(value: unknown): value is WrittenOut {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if ('error' in r) return typeof r.error === 'string';
  return Array.isArray(r.latex) && r.latex.every((t) => typeof t === 'string');
}

function isDocRef(value: unknown): value is DocRef {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return typeof d.uri === 'string' && typeof d.version === 'number';
}

/**
 * Drops messages computed from an older version of a document than one
 * already accepted. Results arrive out of order when a slow derivation of
 * version 3 finishes after a fast one of version 4; showing version 3 then
 * would silently display an outdated result.
 */
export class StaleFilter {
  private readonly latest = new Map<string, { opened: number; version: number }>();

  /**
   * True when `doc` is not older than the newest seen for its uri (and records
   * it): a later opening of the document, or the same opening at a version
   * not below the newest.
   */
  accept(doc: DocRef | undefined): boolean {
    if (!doc) return true;
    const opened = doc.opened ?? 0;
    const seen = this.latest.get(doc.uri);
    if (seen && (opened < seen.opened || (opened === seen.opened && doc.version < seen.version))) {
      return false;
    }
    this.latest.set(doc.uri, { opened, version: doc.version });
    return true;
  }

  /** The newest version accepted for `uri`, if any. */
  latestVersion(uri: string): number | undefined {
    return this.latest.get(uri)?.version;
  }
}
