import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  COMMANDS,
  PANEL_VIEW_TYPE,
  SIDE_VIEW_ID,
  VIEW_CONTAINER_ID,
} from '../../../src/extension/ids';
import { LANGUAGE_IDS, supportedWhenClause } from '../../../src/extension/languages';
import { manifest } from './manifest';

const root = join(__dirname, '..', '..', '..');

describe('package.json contributions', () => {
  it('contributes exactly the registered commands, in category Gradient Norm', () => {
    const ids = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(ids, Object.values(COMMANDS).sort());
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Gradient Norm');
  });

  it('hides the test command and limits editor commands to supported languages', () => {
    type Entry = { command: string; when: string };
    const palette = manifest.contributes.menus.commandPalette as Entry[];
    const when = (id: string) => palette.find((p) => p.command === id)?.when;
    assert.equal(when(COMMANDS.testState), 'false');
    assert.equal(when(COMMANDS.showDerivation), supportedWhenClause());
    assert.equal(when(COMMANDS.setSamplePoint), supportedWhenClause());
  });

  it('activates lazily: on each supported language, and to restore the panel after a reload', () => {
    const events = manifest.activationEvents as string[];
    const expected = [
      ...LANGUAGE_IDS.map((l) => `onLanguage:${l}`),
      `onWebviewPanel:${PANEL_VIEW_TYPE}`,
      // `.m` files open as Objective-C: offered to switch to MATLAB when they read as it.
      'onLanguage:objective-c',
    ];
    assert.deepEqual(events.sort(), expected.sort());
    assert.ok(!events.includes('*'));
  });

  it('declares the side view in its own container with an existing icon', () => {
    const containers = manifest.contributes.viewsContainers.activitybar;
    const container = containers.find((c: { id: string }) => c.id === VIEW_CONTAINER_ID);
    assert.ok(container);
    assert.ok(existsSync(join(root, container.icon)));
    const views = manifest.contributes.views[VIEW_CONTAINER_ID];
    assert.deepEqual(
      views.map((v: { id: string; type: string }) => [v.id, v.type]),
      [[SIDE_VIEW_ID, 'webview']],
    );
  });

  it('supports untrusted and virtual workspaces; main is the bundle', () => {
    assert.deepEqual(manifest.capabilities, {
      untrustedWorkspaces: { supported: true },
      virtualWorkspaces: true,
    });
    assert.equal(manifest.main, './dist/extension.js');
  });
});
