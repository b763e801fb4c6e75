/**
 * The derivation panel: one WebviewPanel beside the editor showing one
 * function of one document, re-derived (debounced) when that document
 * changes. Reused across "Show Derivation" calls, and restored after a
 * window reload from what the webview last showed (its saved state).
 */
import * as vscode from 'vscode';
import { isHostMessage, type ViewState } from '../shared/protocol';
import { PANEL_VIEW_TYPE } from './ids';
import type { Logger } from './log';
import { present, writeOutFor, type PresentContext } from './present';
import { WebviewChannel } from './webviewHost';

const DEBOUNCE_MS = 300;

/** What the panel shows. */
interface Target {
  uri: string;
  functionName: string;
}

/** See the module comment. */
export class DerivationPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private channel: WebviewChannel | undefined;
  private target: Target | undefined;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The last complete state posted (for tests and "Copy Result as LaTeX"). */
  lastState: ViewState | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly ctx: PresentContext,
    private readonly log: Logger,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.target && e.document.uri.toString() === this.target.uri) this.schedule();
      }),
    );
  }

  /** The current function, if the panel is open. */
  get current(): Target | undefined {
    return this.panel ? this.target : undefined;
  }

  /** The last message posted to the panel's webview. */
  get lastMessage() {
    return this.channel?.last;
  }

  /** Opens (or reveals) the panel on `functionName` of `doc` and derives it. */
  async show(doc: vscode.TextDocument, functionName: string): Promise<ViewState | undefined> {
    if (this.target && this.target.uri !== doc.uri.toString()) {
      this.ctx.engine.cancel('panel', this.target.uri);
    }
    this.target = { uri: doc.uri.toString(), functionName };
    this.ensurePanel();
    this.panel!.title = `∇‖∇${functionName}‖₁`;
    return this.refresh();
  }

  /** Re-derives after settings or sample points changed. */
  refreshNow(): void {
    if (this.panel && this.target) void this.refresh();
  }

  /**
   * Takes back a panel VS Code restored after a reload (see
   * `registerWebviewPanelSerializer`): `saved` is the last message its webview
   * showed, which names the document and the function; they are derived again.
   */
  async restore(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    if (this.panel) {
      panel.dispose(); // one panel at a time: the open one wins
      return;
    }
    this.adopt(panel);
    const name = isHostMessage(saved) && saved.type === 'state' ? saved.state.functionName : '';
    if (!isHostMessage(saved) || saved.type !== 'state' || !name) {
      this.channel?.post({
        type: 'empty',
        message: 'Run "Gradient Norm: Show Derivation" to show a function here.',
      });
      return;
    }
    this.target = { uri: saved.doc.uri, functionName: name };
    panel.title = `∇‖∇${name}‖₁`;
    // The document may not be open yet after a reload: open it (reading, not running, it).
    const uri = vscode.Uri.parse(saved.doc.uri);
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === saved.doc.uri);
    if (!open) await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined);
    await this.refresh();
  }

  private ensurePanel(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    this.adopt(
      vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        'Gradient Norm',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableFindWidget: true },
      ),
    );
  }

  /** Makes `panel` this view's: its HTML, messages and disposal. */
  private adopt(panel: vscode.WebviewPanel): void {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity.svg');
    this.channel = new WebviewChannel(
      panel.webview,
      this.extensionUri,
      'panel',
      this.log,
      writeOutFor(this.ctx, 'panel'),
    );
    panel.onDidDispose(() => {
      if (this.target) this.ctx.engine.cancel('panel', this.target.uri);
      this.channel?.dispose();
      this.channel = undefined;
      this.panel = undefined;
      this.generation++;
    });
    this.panel = panel;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, DEBOUNCE_MS);
  }

  private async refresh(): Promise<ViewState | undefined> {
    const target = this.target;
    const channel = this.channel;
    if (!target || !channel) return undefined;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri);
    if (!doc) {
      channel.post({ type: 'empty', message: 'The document was closed.' });
      return undefined;
    }
    const generation = ++this.generation;
    const state = await present(
      this.ctx,
      channel,
      'panel',
      doc,
      target.functionName,
      () => generation === this.generation && this.channel === channel,
    );
    if (state) this.lastState = state;
    return state;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.panel?.dispose();
  }
}
