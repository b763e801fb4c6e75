/** "Show Derivation" on a fixture in every language, checked through the panel's state. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, openFixture, viewStates, waitFor } from './helpers';

/** Fixture, a function in it, and its number of variables. */
const CASES: [language: string, file: string, fn: string, dims: number][] = [
  ['python', 'python/extension-basic.py', 'quad', 2],
  ['javascript', 'javascript/extension-basic.js', 'quad', 2],
  ['typescript', 'typescript/extension-basic.ts', 'quad', 2],
  ['julia', 'julia/extension-basic.jl', 'quad', 2],
  ['matlab', 'matlab/extension_basic.m', 'quad', 2],
  ['markdown', 'markdown/extension-basic.md', 'q', 2],
  ['latex', 'latex/extension-basic.tex', 'q', 2],
];

describe('Gradient Norm Lens: derivation panel', () => {
  before(activate);
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  for (const [language, file, fn, dims] of CASES) {
    it(`shows the derivation of ${fn} in ${language}`, async () => {
      const editor = await openFixture(file);
      let doc = editor.document;
      if (language === 'matlab' && doc.languageId !== 'matlab') {
        // Without a MATLAB extension VS Code opens .m as Objective-C; users pick
        // "MATLAB" (contributed by us) from the language menu, as done here.
        doc = await vscode.languages.setTextDocumentLanguage(doc, 'matlab');
      }
      await vscode.commands.executeCommand('gradientNormLens.showDerivation', doc.uri, fn);
      const state = await waitFor(`panel state for ${file}`, async () => {
        const s = (await viewStates()).panel;
        const st = s.state;
        return st && st.doc.uri === doc.uri.toString() && st.functionName === fn ? s : undefined;
      });
      assert.ok(state.open, 'panel is open');
      assert.equal(state.message?.type, 'state', 'the last message posted is the state');
      const st = state.state!;
      assert.deepEqual(st.errors, [], 'no errors');
      assert.equal(st.doc.version, doc.version);
      const d = st.derivation;
      assert.ok(d, 'a derivation');
      assert.equal(d.name, fn);
      assert.equal(d.variables.length, dims);
      assert.equal(d.latex.resultBySign.length, dims);
      assert.equal(d.latex.hessian.length, dims);
      assert.ok(d.derivation.length > 0, 'derivation steps');
      assert.ok(d.checks.length > 0, 'numeric checks');
      assert.ok(
        d.checks.every((c) => c.status !== 'mismatch'),
        'no mismatching check',
      );
      assert.ok(!st.fileName.includes('/'), 'only the base name is shown');
    });
  }

  it('uses the function under the cursor when called without arguments', async () => {
    const editor = await openFixture('python/extension-basic.py');
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('a**2'));
    editor.selection = new vscode.Selection(line, 4, line, 4);
    await vscode.commands.executeCommand('gradientNormLens.showDerivation');
    await waitFor('bowl in the panel', async () => {
      const s = (await viewStates()).panel.state;
      return s?.derivation?.name === 'bowl' ? s : undefined;
    });
  });

  it('shows a parse error in place of the result and as a diagnostic', async () => {
    const editor = await openFixture('python/extension-error.py');
    const doc = editor.document;
    await vscode.commands.executeCommand('gradientNormLens.showDerivation', doc.uri, 'broken');
    const st = await waitFor('error state', async () => {
      const s = (await viewStates()).panel.state;
      return s && s.doc.uri === doc.uri.toString() ? s : undefined;
    });
    assert.equal(st.derivation, undefined);
    assert.ok(st.errors.length > 0 || st.message, 'an error or message is shown');
    const diags = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length > 0 ? d : undefined;
    });
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('return x[0]'));
    assert.ok(
      diags.some((d) => d.range.start.line === line && d.source === 'Gradient Norm'),
      `a diagnostic on line ${line + 1}: ${JSON.stringify(diags.map((d) => d.range.start.line))}`,
    );
  });

  it('copies the result as LaTeX', async () => {
    const editor = await openFixture('python/extension-basic.py');
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('x[0]**2'));
    editor.selection = new vscode.Selection(line, 4, line, 4);
    const latex = await vscode.commands.executeCommand<string>('gradientNormLens.copyResultLatex');
    assert.match(latex ?? '', /^\\nabla\\lVert\\nabla f?.*\\rVert_1 = \\begin\{pmatrix\}/);
    // quad's signs are unknown: the copy has them written out, not as s_v.
    assert.match(latex ?? '', /\\operatorname\{sign\}\\left\(/);
    assert.doesNotMatch(latex ?? '', /s_\{x_\{0\}\}/);
    assert.equal(await vscode.env.clipboard.readText(), latex);
  });
});
