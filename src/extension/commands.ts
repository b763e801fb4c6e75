/**
 * The palette commands (category "Gradient Norm") and the hidden test-state
 * command. Ids live in ids.ts; a unit test compares them with package.json.
 */
import * as vscode from 'vscode';
import { resultEquationLatex, withShorthandsLatex } from '../shared/latex';
import type { Engine } from './engine';
import type { Logger } from './log';
import type { DerivationPanel } from './panel';
import { formatPoints, parsePointsInput, samplePointKey } from './samplePoints';
import { COMMANDS, SIDE_VIEW_ID } from './ids';
import type { SideView } from './sideView';
import { functionAtLine, outcomeProblem } from './viewState';
import type { FunctionSummary } from './workerProtocol';
import { coreLanguage } from './languages';

/** What the commands need. */
export interface CommandContext {
  engine: Engine;
  panel: DerivationPanel;
  side: SideView;
  state: vscode.Memento;
  log: Logger;
  /** Called after sample points change so open views re-derive. */
  onPointsChanged(): void;
}

/** Registers all commands; returns their disposables. */
export function registerCommands(c: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.showDerivation, (uri?: unknown, name?: unknown) =>
      showDerivation(c, uri, name),
    ),
    vscode.commands.registerCommand(COMMANDS.openSidePanel, () =>
      vscode.commands.executeCommand(`${SIDE_VIEW_ID}.focus`),
    ),
    vscode.commands.registerCommand(COMMANDS.copyResultLatex, () => copyResultLatex(c)),
    vscode.commands.registerCommand(COMMANDS.setSamplePoint, () => setSamplePoint(c)),
    // Read-only snapshot for the integration tests (hidden from the palette).
    vscode.commands.registerCommand(COMMANDS.testState, () => ({
      panel: { message: c.panel.lastMessage, state: c.panel.lastState, open: !!c.panel.current },
      side: { message: c.side.lastMessage, state: c.side.lastState, visible: c.side.visible },
    })),
  ];
}

/** Resolves the document from a command argument (Uri, uri string) or the active editor. */
async function documentFor(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri || typeof arg === 'string') {
    const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return open ?? vscode.workspace.openTextDocument(uri);
  }
  const doc = vscode.window.activeTextEditor?.document;
  return doc && coreLanguage(doc.languageId) ? doc : undefined;
}

/** The function at the cursor, or one picked from a quick pick. */
async function pickFunction(
  c: CommandContext,
  doc: vscode.TextDocument,
  placeHolder: string,
): Promise<FunctionSummary | undefined> {
  const parsed = await c.engine.parse(doc);
  const functions = parsed?.functions ?? [];
  if (functions.length === 0) {
    const first = parsed?.diagnostics.find((d) => d.severity === 'error');
    const detail = first ? ` (${first.message}, line ${first.line + 1})` : '';
    void vscode.window.showInformationMessage(`No function definitions found${detail}.`);
    return undefined;
  }
  const editor = vscode.window.activeTextEditor;
  if (editor?.document === doc) {
    const at = functionAtLine(functions, editor.selection.active.line);
    if (at) return at;
  }
  if (functions.length === 1) return functions[0];
  const picked = await vscode.window.showQuickPick(
    functions.map((f) => ({
      label: f.name,
      description: `${f.variables.length} variable${f.variables.length === 1 ? '' : 's'}`,
      detail: `line ${f.nameAt.line + 1}`,
      fn: f,
    })),
    { placeHolder },
  );
  return picked?.fn;
}

async function showDerivation(c: CommandContext, uriArg: unknown, nameArg: unknown) {
  const doc = await documentFor(uriArg);
  if (!doc) {
    void vscode.window.showInformationMessage('Open a supported file to show a derivation.');
    return undefined;
  }
  let name = typeof nameArg === 'string' ? nameArg : undefined;
  name ??= (await pickFunction(c, doc, 'Function to derive'))?.name;
  if (!name) return undefined;
  c.log.info(`show derivation (${doc.languageId})`);
  return c.panel.show(doc, name);
}

/** Copies the function at the cursor's result (else the panel's) as a LaTeX equation. */
async function copyResultLatex(c: CommandContext): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  let doc = editor && coreLanguage(editor.document.languageId) ? editor.document : undefined;
  let name: string | undefined;
  if (doc) {
    name = (await pickFunction(c, doc, 'Function whose result to copy'))?.name;
    if (!name) return undefined;
  } else if (c.panel.current) {
    const { uri, functionName } = c.panel.current;
    doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    name = functionName;
  }
  if (!doc || !name) {
    void vscode.window.showInformationMessage('No derivation to copy: open a function first.');
    return undefined;
  }
  const outcome = await c.engine.derive(doc, name, 'command', { writtenOut: true });
  const d =
    outcome.status === 'done' ? outcome.result.functions.find((f) => f.name === name) : undefined;
  if (!d?.latex.result) {
    const why =
      outcome.status === 'done'
        ? outcome.result.diagnostics.find((x) => x.severity === 'error')?.message
        : outcomeProblem(outcome, name, c.engine.timeBudgetMs);
    void vscode.window.showWarningMessage(`Could not derive ${name}: ${why ?? 'no result.'}`);
    return undefined;
  }
  const latex = withShorthandsLatex(resultEquationLatex(d.name, d.latex.result), d.shorthands);
  await vscode.env.clipboard.writeText(latex);
  void vscode.window.setStatusBarMessage(`Copied ∇‖∇${d.name}‖₁ as LaTeX`, 3000);
  return latex;
}

async function setSamplePoint(c: CommandContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const doc = editor && coreLanguage(editor.document.languageId) ? editor.document : undefined;
  if (!doc) return;
  const fn = await pickFunction(c, doc, 'Function whose sample point to set');
  if (!fn) return;
  const dim = fn.variables.length;
  const key = samplePointKey(doc.uri.toString(), fn.name);
  const names = fn.variables.map((v) => v.name).join(', ');
  const input = await vscode.window.showInputBox({
    title: `Sample point for ${fn.name}(${names})`,
    prompt: `${dim} comma-separated value(s); separate several points with ';'. Empty = automatic.`,
    placeHolder: Array.from({ length: dim }, (_, i) => String(i + 1)).join(', '),
    value: formatPoints(c.state.get<number[][]>(key) ?? []),
    validateInput: (text) => {
      const r = parsePointsInput(text, dim);
      return r.ok ? undefined : r.message;
    },
  });
  if (input === undefined) return;
  const r = parsePointsInput(input, dim);
  if (!r.ok) return;
  await c.state.update(key, r.points.length > 0 ? r.points : undefined);
  c.onPointsChanged();
}
