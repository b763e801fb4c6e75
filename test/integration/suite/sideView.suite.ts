/** The side view follows the cursor and edits. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, viewStates, waitFor } from './helpers';

describe('Gradient Norm Lens: side view', () => {
  before(activate);
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('shows the function under the cursor and updates while typing', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'python',
      content: 'def side(x):\n    return x[0]**2 + x[1]**2\n',
    });
    await vscode.commands.executeCommand('gradientNormLens.openSidePanel');
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(1, 8, 1, 8);
    const first = await waitFor('side view state', async () => {
      const s = await viewStates();
      const st = s.side.state;
      return st?.doc.uri === doc.uri.toString() && st.derivation?.name === 'side' ? st : undefined;
    });
    assert.equal(first.derivation!.variables.length, 2);

    // Edit: a third variable appears; the side view must follow.
    const eol = new vscode.Position(1, doc.lineAt(1).text.length);
    await editor.edit((e) => e.insert(eol, ' + x[2]**2'));
    const second = await waitFor('updated side view state', async () => {
      const st = (await viewStates()).side.state;
      return st && st.doc.version === doc.version && st.derivation?.variables.length === 3
        ? st
        : undefined;
    });
    assert.ok(second.doc.version > first.doc.version);
    assert.equal(second.derivation!.latex.resultBySign.length, 3);
  });

  for (const [language, content, line, name] of [
    ['markdown', 'Notes.\n\n$$ f(x) = x^2 + \\frac{ $$\n', 2, 'f'],
    ['latex', '\\begin{equation}\n  b(x, y) = x^2 +\n\\end{equation}\n', 1, 'b'],
    ['matlab', 'function y = t(a, b)\n  y = a^2 + (;\nend\n', 1, 't'],
  ] as const) {
    it(`shows a ${language} syntax error in place of the result, at its line`, async () => {
      const doc = await vscode.workspace.openTextDocument({ language, content });
      await vscode.commands.executeCommand('gradientNormLens.openSidePanel');
      const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      editor.selection = new vscode.Selection(line, 3, line, 3);
      const st = await waitFor(`${language} error in the side view`, async () => {
        const s = (await viewStates()).side.state;
        return s?.doc.uri === doc.uri.toString() && s.errors.length > 0 ? s : undefined;
      });
      assert.equal(st.functionName, name, 'the definition under the cursor is named');
      assert.equal(st.derivation, undefined);
      assert.equal(st.errors[0].line, line);
    });
  }

  it('is current after an edit made while it was hidden', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'python',
      content: 'def hid(x):\n    return x[0]**2\n',
    });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(1, 8, 1, 8);
    await vscode.commands.executeCommand('gradientNormLens.openSidePanel');
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await waitFor('hid shown', async () => {
      const st = (await viewStates()).side.state;
      return st?.derivation?.name === 'hid' ? st : undefined;
    });
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const eol = new vscode.Position(1, doc.lineAt(1).text.length);
    await editor.edit((e) => e.insert(eol, ' + x[1]**4'));
    await vscode.commands.executeCommand('gradientNormLens.openSidePanel');
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const st = await waitFor('state after re-show', async () => {
      const s = (await viewStates()).side.state;
      return s?.derivation?.name === 'hid' && s.doc.version === doc.version ? s : undefined;
    });
    assert.equal(st.derivation!.variables.length, 2);
  });
});
