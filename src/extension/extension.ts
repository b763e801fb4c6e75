/**
 * Entry point. Activation only wires providers and commands: the core engine,
 * grammars and MathJax load in worker threads on first use, so activating on
 * a Python file costs a few milliseconds.
 */
import * as vscode from 'vscode';
import { HoverPreview } from './hover';
import { LensProvider } from './codeLens';
import { registerCommands } from './commands';
import { COMMANDS, PANEL_VIEW_TYPE, SIDE_VIEW_ID } from './ids';
import { Diagnostics } from './diagnostics';
import { Engine } from './engine';
import { coreLanguage, LANGUAGE_IDS } from './languages';
import { areaLogger } from './log';
import { offerMatlabLanguage } from './matlabFiles';
import { DerivationPanel } from './panel';
import { readSettings, SECTION, type Settings } from './settings';
import { SideView } from './sideView';

const PARSE_DEBOUNCE_MS = 400;

/** Called by VS Code on the first activation event. */
export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const channel = vscode.window.createOutputChannel('Gradient Norm', { log: true });
  context.subscriptions.push(channel);
  const log = (area: Parameters<typeof areaLogger>[1]) => areaLogger(channel, area);

  let settings: Settings = readSettings(vscode.workspace.getConfiguration(SECTION));
  const getSettings = () => settings;

  const engine = new Engine(
    context.extensionPath,
    context.workspaceState,
    getSettings,
    log('worker'),
  );
  const diagnostics = new Diagnostics();
  const ctx = { engine, diagnostics, settings: getSettings, log: log('panel') };
  const panel = new DerivationPanel(context.extensionUri, ctx, log('panel'));
  const side = new SideView(context.extensionUri, { ...ctx, log: log('side') }, log('side'));
  const lenses = new LensProvider(engine, getSettings);
  context.subscriptions.push({ dispose: () => engine.dispose() }, diagnostics, panel, side, lenses);

  // Any scheme: virtual workspaces and untitled files are supported.
  const selector: vscode.DocumentSelector = LANGUAGE_IDS.map((language) => ({ language }));
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerHoverProvider(
      selector,
      new HoverPreview(engine, getSettings, log('hover')),
    ),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: (restored, saved: unknown) => panel.restore(restored, saved),
    }),
    vscode.window.registerWebviewViewProvider(SIDE_VIEW_ID, side, {
      webviewOptions: { retainContextWhenHidden: true },
    }),
    ...registerCommands({
      engine,
      panel,
      side,
      state: context.workspaceState,
      log: log('command'),
      onPointsChanged: () => {
        engine.invalidate();
        panel.refreshNow();
        side.refreshNow();
      },
    }),
  );

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      settings = readSettings(vscode.workspace.getConfiguration(SECTION));
      engine.invalidate();
      lenses.refresh();
      panel.refreshNow();
      side.refreshNow();
    }),
  );

  // Parse diagnostics: on open and (debounced) on edit, in the light worker.
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const parseLater = (doc: vscode.TextDocument, delay: number) => {
    if (!coreLanguage(doc.languageId)) return;
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        const version = doc.version;
        void engine.parse(doc).then((parsed) => {
          if (parsed && !doc.isClosed && doc.version === version) {
            diagnostics.update(doc, 'parse', parsed.diagnostics);
          }
        });
      }, delay),
    );
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => parseLater(doc, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => parseLater(e.document, PARSE_DEBOUNCE_MS)),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      clearTimeout(timers.get(doc.uri.toString()));
      diagnostics.clear(doc.uri);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  for (const doc of vscode.workspace.textDocuments) parseLater(doc, 0);
  context.subscriptions.push(offerMatlabLanguage(context.globalState, log('activate')));

  const commands = Object.keys(COMMANDS).length;
  log('activate').info(`activated in ${Date.now() - started} ms (${commands} commands)`);
}

/** Nothing to do: everything is in context.subscriptions. */
export function deactivate(): void {}
