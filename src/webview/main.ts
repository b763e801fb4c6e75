/**
 * Webview entry (bundled to dist/webview.js, loaded with the page's nonce).
 * Receives {@link HostMessage}s, drops stale ones, renders, and persists the
 * last message with `setState` so a reloaded view shows it immediately.
 */
import {
  isHostMessage,
  StaleFilter,
  type HostMessage,
  type WebviewMessage,
} from '../shared/protocol';
import { h } from './dom';
import { patchChildren } from './patch';
import { attachView, type RenderHandlers } from './formula';
import { renderState } from './render';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
const filter = new StaleFilter();
/** What is on screen: a full state (kept while a newer one is computed) or nothing. */
let shown: Extract<HostMessage, { type: 'state' }> | undefined;
/** The result written out, as last received; it belongs to `shown` only if they match. */
let written: Extract<HostMessage, { type: 'writtenOut' }> | undefined;
/** The state the result written out was last asked for (once per state). */
let asked: Extract<HostMessage, { type: 'state' }> | undefined;

const handlers: RenderHandlers = {
  copy: (latex) => vscode.postMessage({ type: 'copy', latex }),
  reveal: (uri, line) => vscode.postMessage({ type: 'reveal', uri, line }),
  writeOut: () => {
    const functionName = shown?.state.functionName;
    if (!shown || functionName === undefined || asked === shown || writtenFor(shown)) return;
    asked = shown;
    vscode.postMessage({ type: 'writeOut', doc: shown.doc, functionName });
  },
};

/** The written-out result received for `state`, if that is what it is for. */
function writtenFor(state: Extract<HostMessage, { type: 'state' }>) {
  const same =
    sameFunction(state) &&
    written?.doc.version === state.doc.version &&
    written.doc.opened === state.doc.opened;
  return same ? written?.result : undefined;
}

/** True when the written-out result last received is of `state`'s function (any version). */
function sameFunction(state: Extract<HostMessage, { type: 'state' }>): boolean {
  return written?.doc.uri === state.doc.uri && written.functionName === state.state.functionName;
}

/**
 * Draws `shown`. An open result written out for an older version stays on
 * screen (as the rest of the view does while busy) until the new one comes:
 * swapping it for a short placeholder would move everything below it.
 */
function displayShown(): void {
  if (!shown) return;
  // This version's, or an older version's of the same function standing in for it.
  display(renderState(shown.state, handlers, sameFunction(shown) ? written?.result : undefined));
  if (root.querySelector('.gn-result details[open]')) handlers.writeOut();
}

/** Shows `view`, keeping what it has in common with what is on screen (see patch.ts). */
function display(view: Node): void {
  const next = document.createElement('main');
  next.append(view);
  patchChildren(root, next);
  attachView(root);
}

function show(message: HostMessage): void {
  switch (message.type) {
    case 'state':
      shown = message;
      document.body.classList.remove('gn-busy');
      displayShown();
      vscode.setState(message);
      break;
    case 'writtenOut':
      written = message;
      if (shown && writtenFor(shown)) displayShown();
      break;
    case 'busy': {
      // Keep the current result on screen while the same function is re-derived
      // (no flicker while typing); otherwise show a placeholder.
      document.body.classList.add('gn-busy');
      const same =
        shown?.doc.uri === message.doc.uri && shown.state.functionName === message.functionName;
      if (!same) {
        const what = message.functionName ? ` ${message.functionName}` : '';
        display(h('p', { class: 'gn-muted' }, `Deriving${what}…`));
        shown = undefined;
      }
      break;
    }
    case 'empty':
      shown = undefined;
      document.body.classList.remove('gn-busy');
      display(h('p', { class: 'gn-muted gn-empty' }, message.message));
      vscode.setState(message);
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) return;
  if (!filter.accept(message.doc)) return; // older version than what we have: drop
  show(message);
});

const saved = vscode.getState();
if (isHostMessage(saved) && saved.type !== 'busy') {
  filter.accept(saved.doc);
  show(saved);
}
vscode.postMessage({ type: 'ready' });
