import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from '../../../../src/core/frontends';
import type { Language } from '../../../../src/core/source';

/** A formula deeper than any call stack: thousands of nested parentheses around x. */
const DEPTH = 3000;
const deep = '('.repeat(DEPTH) + 'x' + ')'.repeat(DEPTH);

/** Each language: a small function g first, then f with the deep body, written at line 5. */
const documents: [Language, string][] = [
  ['python', `def g(x):\n    return x**2\n\n\ndef f(x):\n    return ${deep}\n`],
  ['javascript', `function g(x) {\n  return x ** 2;\n}\n\nfunction f(x) {\n  return ${deep};\n}\n`],
  ['typescript', `const g = (x: number) =>\n  x ** 2;\n\n\nconst f = (x: number) => ${deep};\n`],
  ['julia', `function g(x)\n    x^2\nend\n\nf(x) = ${deep}\n`],
  ['matlab', `g = @(x) x.^2;\n\n\n\nf = @(x) ${deep};\n`],
  ['markdown', `# Two\n\n$$g(x) = x^2$$\n\n$$f(x) = ${deep}$$\n`],
  ['latex', `\\begin{equation}\n  g(x) = x^2\n\\end{equation}\n\n\\[ f(x) = ${deep} \\]\n`],
];

describe('Front ends: a formula nested deeper than the call stack', () => {
  for (const [language, text] of documents) {
    it(`${language}: f says so at its line, and g is still read`, async () => {
      const doc = await parseDocument(text, language);
      const g = doc.functions.find((d) => d.name === 'g');
      assert.ok(g?.body, `g is read: ${JSON.stringify(doc.diagnostics)}`);
      const f = doc.functions.find((d) => d.name === 'f');
      assert.ok(f, 'f is listed');
      assert.equal(f.body, undefined);
      const problem = f.diagnostics[0];
      assert.match(problem.message, /nested too deeply/);
      assert.equal(problem.line, 4);
    });
  }
});
