/**
 * Shared plumbing of the editor panel and the side view: webview options
 * (scripts on, resources only from dist/ and media/), the HTML shell, the
 * message channel, and the last message posted (exposed to tests).
 */
import * as vscode from 'vscode';
import type { DocumentDerivation } from '../core/index';
import {
  isWebviewMessage,
  type DocRef,
  type HostMessage,
  type WrittenOut,
} from '../shared/protocol';
import { buildWebviewHtml, makeNonce } from './html';
import type { Logger } from './log';
import { outcomeProblem } from './viewState';
import type { Outcome } from './workerClient';

/** Derives a function with its result written out (the engine, for this view). */
export type WriteOut = (
  doc: vscode.TextDocument,
  functionName: string,
) => Promise<{ outcome: Outcome<DocumentDerivation>; timeBudgetMs: number }>;

/** Webview options for both views. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/** Owns one webview's HTML and messaging. */
export class WebviewChannel implements vscode.Disposable {
  /** The last message posted (what the view shows, barring a stale drop). */
  last: HostMessage | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    extensionUri: vscode.Uri,
    kind: 'panel' | 'side',
    private readonly log: Logger,
    private readonly writeOut: WriteOut,
  ) {
    webview.options = webviewOptions(extensionUri);
    const asUri = (...p: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
    webview.html = buildWebviewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      title: 'Gradient Norm',
      kind,
      scriptUri: asUri('dist', 'webview.js'),
      katexCssUri: asUri('dist', 'katex', 'katex.min.css'),
      panelCssUri: asUri('media', 'panel.css'),
    });
    this.subscription = webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
  }

  /** Posts a message and remembers it. */
  post(message: HostMessage): void {
    this.last = message;
    void this.webview.postMessage(message).then(undefined, () => undefined);
  }

  private onMessage(m: unknown): void {
    if (!isWebviewMessage(m)) {
      this.log.warn('ignored a malformed message from the webview');
      return;
    }
    switch (m.type) {
      case 'ready':
        // The webview (re)loaded: give it what it should show.
        if (this.last) void this.webview.postMessage(this.last);
        break;
      case 'copy':
        void vscode.env.clipboard.writeText(m.latex);
        void vscode.window.setStatusBarMessage('LaTeX copied', 2000);
        break;
      case 'reveal':
        void revealLine(m.uri, m.line);
        break;
      case 'writeOut':
        void this.answerWriteOut(m.doc, m.functionName);
        break;
    }
  }

  /**
   * Posts the result written out for the version the view shows. Not kept as
   * `last`: a reloaded view asks again when it opens the written-out result.
   */
  private async answerWriteOut(ref: DocRef, functionName: string): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === ref.uri);
    // Edited since: the view gets a newer state and asks again if it still wants it.
    if (!doc || doc.version !== ref.version) return;
    const { outcome, timeBudgetMs } = await this.writeOut(doc, functionName);
    if (outcome.status === 'cancelled' || doc.version !== ref.version) return;
    let result: WrittenOut;
    if (outcome.status !== 'done') {
      result = { error: outcomeProblem(outcome, functionName, timeBudgetMs) };
    } else {
      const d = outcome.result.functions.find((f) => f.name === functionName);
      const why = outcome.result.diagnostics.find((x) => x.severity === 'error')?.message;
      result = d?.latex.result
        ? { latex: d.latex.result }
        : { error: why ?? `${functionName} could not be derived.` };
    }
    const message: HostMessage = { type: 'writtenOut', doc: ref, functionName, result };
    void this.webview.postMessage(message).then(undefined, () => undefined);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

async function revealLine(uri: string, line: number): Promise<void> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (!doc) return;
  const pos = new vscode.Position(Math.max(0, Math.min(line, doc.lineCount - 1)), 0);
  const column = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn;
  await vscode.window.showTextDocument(doc, {
    selection: new vscode.Range(pos, pos),
    viewColumn: column ?? vscode.ViewColumn.One,
  });
}
