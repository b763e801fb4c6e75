/**
 * The {@link DocRef} a view message carries: uri, version, and which opening
 * of the document it is. A document closed and opened again is a new
 * TextDocument whose versions start again at 1; its opening time tells the
 * webview that version 1 of it is newer than version 7 of the one before.
 */
import type * as vscode from 'vscode';
import type { DocRef } from '../shared/protocol';

const openings = new WeakMap<vscode.TextDocument, number>();
let last = 0;

/** The reference to `doc` as it is now. */
export function docRefOf(doc: vscode.TextDocument): DocRef {
  let opened = openings.get(doc);
  if (opened === undefined) {
    // Strictly increasing, and above what a webview saved before a window reload.
    opened = last = Math.max(Date.now(), last + 1);
    openings.set(doc, opened);
  }
  return { uri: doc.uri.toString(), version: doc.version, opened };
}
