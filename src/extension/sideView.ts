/**
 * The side view (a WebviewView in the "Gradient Norm" activity-bar
 * container): the derivation of the function under the cursor, following
 * typing (debounced) and cursor moves. While hidden it only marks itself
 * dirty; when shown again it re-derives, so it is never out of date.
 */
import * as vscode from 'vscode';
import type { ViewState } from '../shared/protocol';
import { coreLanguage } from './languages';
import type { Logger } from './log';
import { docRefOf } from './docRef';
import { present, writeOutFor, type PresentContext } from './present';
import { displayName, functionAtLine } from './viewState';
import { WebviewChannel } from './webviewHost';

const DEBOUNCE_MS = 250;

/** See the module comment. */
export class SideView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private channel: WebviewChannel | undefined;
  private dirty = true;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** What the last refresh showed: doc uri + version + function name. */
  private shownKey = '';
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The last complete state posted (for tests). */
  lastState: ViewState | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly ctx: PresentContext,
    private readonly log: Logger,
  ) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.schedule(DEBOUNCE_MS);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(DEBOUNCE_MS);
      }),
      // A language change (a .m file switched to MATLAB) reopens the document.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) {
          this.refreshNow();
        }
      }),
    );
  }

  /** The last message posted to the view. */
  get lastMessage() {
    return this.channel?.last;
  }

  /** Whether the view is resolved and visible. */
  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.channel?.dispose();
    this.channel = new WebviewChannel(
      view.webview,
      this.extensionUri,
      'side',
      this.log,
      writeOutFor(this.ctx, 'side'),
    );
    this.shownKey = '';
    view.onDidChangeVisibility(() => {
      if (view.visible && this.dirty) this.schedule(0);
    });
    view.onDidDispose(() => {
      if (this.view === view) {
        this.view = undefined;
        this.channel?.dispose();
        this.channel = undefined;
      }
    });
    this.schedule(0);
  }

  /** Forces a re-derivation (settings or sample points changed). */
  refreshNow(): void {
    this.shownKey = '';
    this.schedule(0);
  }

  private schedule(delay: number): void {
    this.dirty = true;
    if (!this.view?.visible) return; // picked up by onDidChangeVisibility
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  private async refresh(): Promise<void> {
    const channel = this.channel;
    if (!channel || !this.view?.visible) return;
    this.dirty = false;
    const editor = vscode.window.activeTextEditor;
    if (!editor || !coreLanguage(editor.document.languageId)) {
      // Keep showing the last derivation when focus moves to a non-source editor.
      if (!channel.last) {
        channel.post({ type: 'empty', message: 'Open a supported file to see a derivation.' });
      }
      return;
    }
    const doc = editor.document;
    const generation = ++this.generation;
    const parsed = await this.ctx.engine.parse(doc);
    if (generation !== this.generation) return;
    const docRef = docRefOf(doc);
    const fn = parsed && functionAtLine(parsed.functions, editor.selection.active.line);
    if (!fn) {
      this.shownKey = '';
      const count = parsed?.functions.length ?? 0;
      const message =
        count === 0
          ? `No function definitions found in ${displayName(doc.uri.path)}.`
          : 'Place the cursor inside a function definition to see its derivation.';
      channel.post({ type: 'empty', doc: docRef, message });
      return;
    }
    const key = `${docRef.uri}@${docRef.version}#${fn.name}`;
    if (key === this.shownKey) return; // cursor moved within the same function
    this.shownKey = key;
    const state = await present(
      this.ctx,
      channel,
      'side',
      doc,
      fn.name,
      () => generation === this.generation && this.channel === channel,
    );
    if (state) this.lastState = state;
    else if (generation === this.generation) this.shownKey = '';
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.channel?.dispose();
  }
}
