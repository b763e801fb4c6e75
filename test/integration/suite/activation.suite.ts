/** Activation and the contributed commands. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate } from './helpers';

describe('Gradient Norm Lens: activation', () => {
  it('activates and registers every contributed command', async () => {
    const ext = await activate();
    assert.ok(ext.isActive);
    const manifest = ext.packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 4);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of contributed) assert.ok(registered.has(id), `command ${id} is registered`);
  });

  it('contributes the side view', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('gradientNormLens.sideView.focus'), 'view focus command exists');
  });
});
