/** CodeLens and hover providers, through VS Code's provider commands. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, hoverText, openFixture, positionOf, waitFor } from './helpers';

/** The text of the hover over the first occurrence of `name` in a fixture, once it has ours. */
async function functionHover(fixture: string, name: string): Promise<string> {
  const { document: doc } = await openFixture(fixture);
  const at = positionOf(doc, name, 1);
  return waitFor(`the hover over ${name}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      at,
    );
    const t = hoverText(hovers ?? []);
    return t.includes('gradientNormLens.showDerivation') ? t : undefined;
  });
}

describe('Gradient Norm Lens: CodeLens and hovers', () => {
  before(activate);
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('puts a lens above every definition', async () => {
    const { document: doc } = await openFixture('python/extension-basic.py');
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        doc.uri,
        10,
      );
      const ours = (l ?? []).filter(
        (x) => x.command?.command === 'gradientNormLens.showDerivation',
      );
      return ours.length >= 2 ? ours : undefined;
    });
    const titles = lenses.map((l) => l.command!.title).sort();
    assert.deepEqual(titles, [
      '∇‖∇bowl‖₁ · 2 variables · derivation',
      '∇‖∇quad‖₁ · 2 variables · derivation',
    ]);
    const quad = lenses.find((l) => l.command!.title.includes('quad'))!;
    assert.equal(quad.range.start.line, positionOf(doc, 'def quad').line);
    assert.deepEqual(quad.command!.arguments?.[1], 'quad');
  });

  it('shows the result when hovering a function name', async () => {
    const text = await functionHover('python/extension-basic.py', 'quad');
    assert.ok(
      text.includes('data:image/svg+xml;base64,') || text.includes('∇‖∇quad‖₁'),
      'an SVG image or the plain-text fallback',
    );
  });

  it('defines the shorthands its result uses, below it', async () => {
    const text = await functionHover('python/layer.py', 'layer');
    // The alt text of the image (or the text fallback) carries the definitions.
    assert.match(text, /u1 = tanh\(0\.5 \* x0 - x1/);
  });

  it('shows expression, gradient and result when hovering a selection', async () => {
    const editor = await openFixture('python/extension-basic.py');
    const doc = editor.document;
    const start = positionOf(doc, 'a**2 + b**4');
    const end = start.translate(0, 'a**2 + b**4'.length);
    editor.selection = new vscode.Selection(start, end);
    const text = await waitFor('selection hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        start.translate(0, 2),
      );
      const t = hoverText(hovers ?? []);
      return t.includes('data:image/svg+xml') || t.includes('∇f') ? t : undefined;
    });
    const images = text.match(/data:image\/svg\+xml;base64,/g)?.length ?? 0;
    const fallbacks = (text.match(/^(f =|∇f =|∇‖∇f‖₁ =)/gm) ?? []).length;
    assert.equal(images + fallbacks, 3, 'expression, gradient and result');
  });
});
