/**
 * A CodeLens above every function definition ("∇‖∇f‖₁ · 2 variables ·
 * derivation") that opens the panel on it. Uses only the cheap parse (in the
 * light worker), never a derivation, so lenses appear quickly even on files
 * with many or large functions.
 */
import * as vscode from 'vscode';
import type { Engine } from './engine';
import type { Settings } from './settings';
import type { FunctionSummary } from './workerProtocol';

/** Lens title for a function. Exported for tests. */
export function lensTitle(fn: Pick<FunctionSummary, 'name' | 'variables'>): string {
  const n = fn.variables.length;
  return `∇‖∇${fn.name}‖₁ · ${n} variable${n === 1 ? '' : 's'} · derivation`;
}

/** See the module comment. */
export class LensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly engine: Engine,
    private readonly settings: () => Settings,
  ) {}

  /** Asks VS Code to re-query lenses (e.g. after the setting changed). */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(
    doc: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    if (!this.settings().codeLensEnabled) return [];
    const parsed = await this.engine.parse(doc);
    if (!parsed || token.isCancellationRequested) return [];
    return parsed.functions.map((fn) => {
      const line = Math.min(fn.nameAt.line, doc.lineCount - 1);
      const range = new vscode.Range(line, 0, line, 0);
      return new vscode.CodeLens(range, {
        title: lensTitle(fn),
        tooltip: `Show the derivation of ∇‖∇${fn.name}‖₁ = H·sign(∇${fn.name})`,
        command: 'gradientNormLens.showDerivation',
        arguments: [doc.uri, fn.name],
      });
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
