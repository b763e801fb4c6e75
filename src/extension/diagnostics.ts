/**
 * Editor diagnostics from the core: parse problems (from the cheap parse run
 * on open/edit) and derivation problems (from panels and hovers), merged per
 * document version into one DiagnosticCollection — squiggles instead of a
 * stack of popups.
 */
import * as vscode from 'vscode';
import type { Diagnostic } from '../core/index';

type Source = 'parse' | 'derive';

interface Entry {
  version: number;
  parse: Diagnostic[];
  derive: Diagnostic[];
}

/** Merges and publishes diagnostics; see the module comment. */
export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('gradientNormLens');
  private readonly entries = new Map<string, Entry>();

  /** Records diagnostics of one source for the document's current version and publishes. */
  update(doc: vscode.TextDocument, source: Source, diags: readonly Diagnostic[]): void {
    const key = doc.uri.toString();
    let entry = this.entries.get(key);
    if (!entry || entry.version !== doc.version) {
      entry = { version: doc.version, parse: [], derive: [] };
      this.entries.set(key, entry);
    }
    entry[source] = [...diags];
    const seen = new Set<string>();
    const merged: vscode.Diagnostic[] = [];
    for (const d of [...entry.parse, ...entry.derive]) {
      const id = `${d.line}:${d.column}:${d.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      merged.push(toVscode(doc, d));
    }
    this.collection.set(doc.uri, merged);
  }

  /** Forgets a closed document. */
  clear(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/** Core diagnostic (0-based, maybe without an end) → VS Code diagnostic on a sensible range. */
function toVscode(doc: vscode.TextDocument, d: Diagnostic): vscode.Diagnostic {
  const line = clamp(d.line, 0, doc.lineCount - 1);
  const text = doc.lineAt(line).text;
  const column = clamp(d.column, 0, text.length);
  let end: vscode.Position;
  if (d.endLine !== undefined && d.endColumn !== undefined) {
    const endLine = clamp(d.endLine, line, doc.lineCount - 1);
    end = new vscode.Position(endLine, clamp(d.endColumn, 0, doc.lineAt(endLine).text.length));
  } else {
    // No end given: underline the word at the position, or at least one character.
    const word = doc.getWordRangeAtPosition(new vscode.Position(line, column));
    end = word?.end ?? new vscode.Position(line, Math.min(text.length, column + 1));
  }
  const start = new vscode.Position(line, column);
  const range = end.isAfter(start) ? new vscode.Range(start, end) : new vscode.Range(start, start);
  const severity =
    d.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : d.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const out = new vscode.Diagnostic(range, d.message, severity);
  out.source = 'Gradient Norm';
  return out;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Number.isFinite(x) ? x : lo));
}
