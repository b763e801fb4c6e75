/**
 * VS Code opens `.m` files as Objective-C. One that reads as MATLAB/Octave
 * gets an offer, once per file, to switch its language to MATLAB, the
 * language this extension reads it as (VS Code has no MATLAB language of its
 * own; this extension contributes the id).
 */
import * as vscode from 'vscode';
import { looksLikeMatlab } from './languages';
import type { Logger } from './log';

const NEVER_KEY = 'gradientNormLens.neverOfferMatlab';

/** Watches opened `.m` files; see the module comment. */
export function offerMatlabLanguage(state: vscode.Memento, log: Logger): vscode.Disposable {
  const asked = new Set<string>();
  const consider = async (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'objective-c' || !doc.uri.path.endsWith('.m')) return;
    const key = doc.uri.toString();
    if (asked.has(key) || state.get<boolean>(NEVER_KEY)) return;
    if (!looksLikeMatlab(doc.getText(new vscode.Range(0, 0, 200, 0)))) return;
    asked.add(key);
    const open = 'Open as MATLAB';
    const never = "Don't Ask Again";
    const name = doc.uri.path.split('/').pop();
    const choice = await vscode.window.showInformationMessage(
      `${name} is open as Objective-C, but it reads as MATLAB/Octave. ` +
        'Open it as MATLAB to see its derivations?',
      open,
      never,
    );
    if (choice === open) {
      await vscode.languages.setTextDocumentLanguage(doc, 'matlab');
      log.info(`${name}: language set to MATLAB`);
    } else if (choice === never) {
      await state.update(NEVER_KEY, true);
    }
  };
  for (const doc of vscode.workspace.textDocuments) void consider(doc);
  return vscode.workspace.onDidOpenTextDocument((doc) => void consider(doc));
}
