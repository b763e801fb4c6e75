/**
 * Shared plumbing of the editor panel and the side view: webview options
 * (scripts on, resources only from dist/ and media/), the HTML shell, the
 * message channel, and the last message posted (exposed to tests).
 */
import * as vscode from 'vscode';
import { isWebviewMessage, type HostMessage } from '../shared/protocol';
import { buildWebviewHtml, makeNonce } from './html';
import type { Logger } from './log';

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
    }
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
