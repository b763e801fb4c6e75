/** Shared helpers of the integration suites. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HostMessage, ViewState } from '../../../src/shared/protocol';

/** The extension's id (publisher.name). */
export const EXTENSION_ID = 'gradient-norm-lens.gradient-norm-lens';

/** Activates the extension explicitly and returns it. */
export async function activate(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  await ext.activate();
  return ext;
}

/**
 * The fixtures folder: $GRADNORM_FIXTURES, else the extension's test/fixtures
 * (never this file's __dirname: the suite runs bundled from elsewhere).
 */
export function fixturesDir(): string {
  const fromEnv = process.env.GRADNORM_FIXTURES;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, 'extension installed');
  return path.join(ext.extensionPath, 'test', 'fixtures');
}

/** Opens a fixture in an editor. */
export async function openFixture(relative: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(path.join(fixturesDir(), relative));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
}

/** The views' last states, from the hidden test command. */
export interface TestState {
  panel: { message?: HostMessage; state?: ViewState; open: boolean };
  side: { message?: HostMessage; state?: ViewState; visible: boolean };
}

/** Reads the views' last states. */
export async function viewStates(): Promise<TestState> {
  return (await vscode.commands.executeCommand('gradientNormLens._test.state')) as TestState;
}

/** Polls `probe` until it returns a value other than undefined (or times out). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** The position of the first occurrence of `needle` in a document (line, column). */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" occurs in ${path.basename(doc.uri.fsPath)}`);
  return doc.positionAt(i + offset);
}

/** Hover contents flattened to one string. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
