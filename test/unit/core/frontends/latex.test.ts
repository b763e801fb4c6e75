import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FunctionDef } from '../../../../src/core/source';
import { parseLatexDocument, parseLatexExpression } from '../../../../src/core/frontends/latex';
import { assertValue, evaluate, fixture, fn, varNames } from './eval-helper';

/** The single function of a one-formula Markdown document. */
async function one(math: string): Promise<FunctionDef> {
  const doc = await parseLatexDocument(math, 'markdown');
  assert.deepEqual(doc.diagnostics, []);
  assert.equal(doc.functions.length, 1, JSON.stringify(doc.functions.map((f) => f.name)));
  return doc.functions[0];
}

describe('LaTeX front end: acceptance samples', () => {
  it('x_1, x_2 are the components of x', async () => {
    const f = await one(
      '# Notes\n\nThe objective is\n\n' + '$$ f(x) = x_1^2 \\sin(x_2) + e^{x_1 x_2} $$\n',
    );
    assert.equal(f.name, 'f');
    assert.deepEqual(varNames(f), ['x_1/x1', 'x_2/x2']);
    assert.deepEqual(
      f.variables.map((v) => v.latex),
      ['x_{1}', 'x_{2}'],
    );
    assert.deepEqual(f.range, { startLine: 4, endLine: 4 });
    assert.deepEqual(f.nameAt, { line: 4, column: 3 });
    assertValue(f, [1, 2], Math.sin(2) + Math.exp(2));
  });

  it('\\cos^2(x) is (cos x)^2, and $x$ alone is not a definition', async () => {
    const f = await one('Let $f(x) = \\cos^2(x)$ for real $x$.');
    assert.deepEqual(varNames(f), ['x/x']);
    assertValue(f, [0.7], Math.cos(0.7) ** 2);
  });

  it('reads \\frac', async () => {
    assertValue(await one('$$ f(x) = \\frac{x^2}{1+x^2} $$'), [2], 4 / 5);
  });

  it('reports an unfinished formula at its place; f stays, without a body, with the error', async () => {
    const doc = await parseLatexDocument('intro\n\n$$ f(x) = \\frac{x^2}{1+ $$\n', 'markdown');
    assert.deepEqual(
      doc.functions.map((f) => [f.name, f.body]),
      [['f', undefined]],
    );
    assert.deepEqual(doc.functions[0].diagnostics, doc.diagnostics);
    assert.equal(doc.diagnostics.length, 1);
    const d = doc.diagnostics[0];
    assert.deepEqual([d.line, d.column, d.severity], [2, 23, 'error']);
    assert.match(d.message, /ends too early/);
    assert.match(d.message, /after '\+'/);
    assert.match(d.message, /still open is at line 3, column 21/); // the '{' of the denominator
  });
});

describe('LaTeX front end: notation', () => {
  const at = async (math: string, point: number[]) => {
    const f = await one(`$$ ${math} $$`);
    assert.ok(f.body, JSON.stringify(f.diagnostics));
    return evaluate(f.body, point);
  };

  it('\\sin^2 x is (sin x)^2, \\sin x^2 is sin(x^2), \\sin(x)^2 is (sin x)^2', async () => {
    assert.equal(await at('f(x) = \\sin^2 x', [0.5]), Math.sin(0.5) ** 2);
    assert.equal(await at('f(x) = \\sin x^2', [0.5]), Math.sin(0.25));
    assert.equal(await at('f(x) = \\sin(x)^2', [0.5]), Math.sin(0.5) ** 2);
    assert.equal(await at('f(x) = \\sin^{-1} x', [0.5]), Math.asin(0.5));
  });

  it('an unparenthesised argument takes the following simple factors only', async () => {
    assert.equal(await at('f(x_1, x_2) = \\sin x_1 x_2', [2, 3]), Math.sin(6));
    assert.equal(
      await at('f(x, y) = \\sin 2x \\cos y + 1', [0.3, 0.4]),
      Math.sin(0.6) * Math.cos(0.4) + 1,
    );
  });

  it('signs, implicit products and TeX script rules', async () => {
    assert.equal(await at('f(x) = -x^2', [3]), -9);
    assert.equal(await at('f(x, y) = 2xy - 3\\cdot x \\times y', [2, 5]), 20 - 30);
    assert.equal(await at('f(x) = x^23', [2]), 12); // x^2 · 3, as TeX reads it
    assert.equal(await at('f(x) = x^{-1/2}', [4]), 0.5);
    assert.equal(await at('f(x) = \\frac12 x + \\dfrac{1}{x} + \\tfrac{x}{2}', [2]), 1 + 0.5 + 1);
  });

  it('roots, logs, exp, pi, e, abs, max, sign', async () => {
    assert.equal(await at('f(x) = \\sqrt{x} + \\sqrt[3]{x}', [8]), Math.sqrt(8) + 2);
    assert.equal(
      await at('f(x) = \\log_{10} x + \\log_2(x) + \\ln x + \\log x', [8]),
      Math.log10(8) + 3 + 2 * Math.log(8),
    );
    assert.equal(
      await at('f(x) = \\exp(x) + e^{2x} + \\mathrm{e}^x + \\pi x', [1]),
      Math.E + Math.exp(2) + Math.E + Math.PI,
    );
    assert.equal(
      await at('f(x, y) = |x - y| + \\left| x \\right| + \\lvert y \\rvert', [1, 3]),
      2 + 1 + 3,
    );
    assert.equal(await at('f(x) = 2|x||x+1|', [-3]), 2 * 3 * 2);
    assert.equal(
      await at('f(x, y) = \\max(x, y) - \\min(x, y) + \\operatorname{sign}(x)', [-2, 5]),
      5 + 2 - 1,
    );
    assert.equal(
      await at('f(x) = \\tanh x + \\sinh x + \\cosh x + \\arctan x', [0.5]),
      Math.tanh(0.5) + Math.sinh(0.5) + Math.cosh(0.5) + Math.atan(0.5),
    );
  });

  it('e is a variable when it is a parameter', async () => {
    const f = await one('$$ g(e) = e^2 $$');
    assert.deepEqual(varNames(f), ['e/e_']);
    assertValue(f, [3], 9);
  });

  it('ignores spacing, \\left( \\right), and a trailing period or condition', async () => {
    assert.equal(await at('f(x) = \\left( x \\, + \\; 1 \\! \\right)^2.', [2]), 9);
    assert.equal(await at('f(x) = x^2, \\quad x > 0', [3]), 9);
  });

  it('expands \\sum with literal bounds, substituting x_i and x_{i+1}', async () => {
    const f = await one('$$ f(x) = \\sum_{i=1}^{3} \\left[ (x_{i+1} - x_i)^2 \\right] + 1 $$');
    assert.deepEqual(varNames(f), ['x_1/x1', 'x_2/x2', 'x_3/x3', 'x_4/x4']);
    assertValue(f, [1, 2, 4, 7], 1 + 4 + 9 + 1);
  });

  it('numbers components with two digits and from 0 when x_0 is used', async () => {
    const f = await one('$$ f(x) = x_0 + x_{12} $$');
    assert.equal(f.variables.length, 13);
    assert.equal(f.indexBase, 0);
    assert.deepEqual(f.variables[12], { name: 'x_{12}', symbol: 'x12', latex: 'x_{12}' });
  });
});

describe('LaTeX front end: problems', () => {
  it('an unknown symbol keeps the function, without body, and points at the symbol', async () => {
    const doc = await parseLatexDocument('$$ g(x) = x^2 + y $$', 'markdown');
    const g = fn(doc, 'g');
    assert.equal(g.body, undefined);
    assert.deepEqual(
      g.diagnostics.map((d) => [d.line, d.column]),
      [[0, 16]],
    );
    assert.match(g.diagnostics[0].message, /Unknown symbol 'y'.*\(x\)/);
  });

  it('symbolic sum bounds are refused with advice', async () => {
    const doc = await parseLatexDocument('$$ f(x) = \\sum_{i=1}^{n} x_i^2 $$', 'markdown');
    assert.match(fn(doc, 'f').diagnostics[0].message, /bounds of \\sum must be whole numbers/);
  });

  it('an unsupported command is a syntax error at the command', async () => {
    const doc = await parseLatexDocument('x\n$f(x) = \\int x$', 'markdown');
    assert.equal(fn(doc, 'f').body, undefined);
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.line, d.column]),
      [[1, 8]],
    );
    assert.match(doc.diagnostics[0].message, /\\int/);
  });

  it('a missing closing brace names where it opened', async () => {
    const doc = await parseLatexDocument('$$ f(x) = \\sqrt{x + 1 $$', 'markdown');
    assert.match(doc.diagnostics[0].message, /'\}' to close the '\{'/);
  });

  it('never throws on garbage', async () => {
    for (const t of [
      '$$',
      '$f(',
      '$$ f(x) = ^ $$',
      '$f(x)=\\frac$',
      '$f(x) = x_$',
      '$f(x)=|x$',
      '\\begin{align} f(x) &= \\\\ \\end{align}',
      '$f(x) = \\sum x$',
      '$f(x)=x^2^3$',
    ]) {
      const doc = await parseLatexDocument(t, 'latex');
      assert.ok(doc.functions.every((f) => f.body === undefined || f.diagnostics.length === 0));
    }
  });
});

describe('LaTeX front end: fixtures', () => {
  it('notes.md: Himmelblau, Gaussian, Rosenbrock; fences and inline code skipped', async () => {
    const doc = await parseLatexDocument(fixture('markdown/notes.md'), 'markdown');
    assert.deepEqual(doc.diagnostics, []);
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['f', 'g', 'h', 'phi', 'R'],
    );
    assert.deepEqual(
      doc.functions.map((f) => [f.range.startLine, f.range.endLine]),
      [
        [4, 4],
        [6, 6],
        [10, 12],
        [14, 14],
        [18, 20],
      ],
    );
    assertValue(fn(doc, 'g'), [1], Math.cos(1) ** 2);
    assertValue(fn(doc, 'h'), [3, 2], 0);
    assertValue(fn(doc, 'h'), [1, 1], 106);
    assertValue(fn(doc, 'phi'), [1, 2], Math.exp(-2.5));
    assert.deepEqual(varNames(fn(doc, 'R')), ['x_1/x1', 'x_2/x2', 'x_3/x3']);
    assertValue(fn(doc, 'R'), [1, 2, 3], 201);
    assertValue(fn(doc, 'R'), [1, 1, 1], 0);
  });

  it('broken.md: the error has its line and column; g has its own problem', async () => {
    const doc = await parseLatexDocument(fixture('markdown/broken.md'), 'markdown');
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.line, d.column]),
      [[4, 23]],
    );
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['f', 'g'],
    );
    assert.equal(fn(doc, 'f').body, undefined, 'f is kept, with its syntax error');
    assert.deepEqual(
      fn(doc, 'f').diagnostics.map((d) => [d.line, d.column]),
      [[4, 23]],
    );
    assert.deepEqual(
      fn(doc, 'g').diagnostics.map((d) => [d.line, d.column]),
      [[6, 16]],
    );
  });

  it('paper.tex: equation and align rows; comments and verbatim skipped', async () => {
    const doc = await parseLatexDocument(fixture('latex/paper.tex'), 'latex');
    assert.deepEqual(doc.diagnostics, []);
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['f', 'g', 'psi', 's'],
    );
    assert.deepEqual(
      doc.functions.map((f) => [f.range.startLine, f.range.endLine]),
      [
        [5, 8],
        [11, 11],
        [12, 12],
        [17, 17],
      ],
    );
    assertValue(fn(doc, 'f'), [0.5, 2], 0.25 + 100 * 1.75 ** 2);
    assert.deepEqual(varNames(fn(doc, 'g')), ['x_1/x1', 'x_2/x2']);
    assertValue(fn(doc, 'g'), [3, -1], Math.sqrt(10) + 4);
    assertValue(fn(doc, 'psi'), [2], 0.5 * Math.log10(5) - Math.sin(2) ** 2 * Math.tanh(2));
    assertValue(fn(doc, 's'), [2], 2);
    assert.equal(fn(doc, 'psi').language, 'latex');
  });
});

describe('parseLatexExpression', () => {
  it('uses free symbols of a selection, with or without dollars', async () => {
    const doc = await parseLatexExpression('$x_2^2 + \\exp(y)$', 'markdown');
    const s = fn(doc, 'selection');
    assert.deepEqual(varNames(s), ['x_1/x1', 'x_2/x2', 'y/y']);
    assert.equal(evaluate(s.body!, [0, 3, 1]), 9 + Math.E);
  });

  it('uses the parameters of a selected definition', async () => {
    const s = fn(await parseLatexExpression('g(a, b) = a b^2', 'latex'), 'selection');
    assert.deepEqual(varNames(s), ['a/a', 'b/b']);
    assertValue(s, [2, 3], 18);
  });
});

describe('LaTeX front end: inverse reciprocal functions', () => {
  it('\\sec^{-1} x is arccos(1/x) and \\cot^{-1} x is arctan(1/x)', async () => {
    const doc = await parseLatexDocument(
      '$$ f(x) = \\sec^{-1}(x) $$\n\n$$ g(x) = \\cot^{-1}(x) $$\n',
      'markdown',
    );
    assertValue(fn(doc, 'f'), [2], Math.acos(0.5));
    assertValue(fn(doc, 'g'), [2], Math.atan(0.5));
  });

  it('\\sinh^{-1} is ambiguous: an error that shows both readings', async () => {
    const doc = await parseLatexDocument('$$ h(x) = \\sinh^{-1}(x) $$\n', 'markdown');
    const all = [...doc.diagnostics, ...doc.functions.flatMap((f) => f.diagnostics)];
    assert.match(all[0].message, /could mean either/);
  });
});

describe('LaTeX front end: very long expressions', () => {
  it('reads a sum of 6,000 terms (a tree 6,000 deep)', async () => {
    const n = 6000;
    const terms = Array.from({ length: n }, (_, i) => `${(i % 7) + 1} x_{${i % 3}}^2`);
    const doc = await parseLatexDocument(
      `\\begin{equation}\n f(x) = ${terms.join(' + ')}\n\\end{equation}\n`,
      'latex',
    );
    const p = [0.5, -1, 2];
    const expected = Array.from({ length: n }, (_, i) => ((i % 7) + 1) * p[i % 3] ** 2).reduce(
      (a, b) => a + b,
    );
    assertValue(fn(doc, 'f'), p, expected);
  });
});

describe('LaTeX front end: definitions over several lines, and environments', () => {
  it('a row that goes on with an operator continues the definition above it', async () => {
    const doc = await parseLatexDocument(
      '\\begin{align*}\n  q(x, y) &= x^2 \\\\\n  &+ y^2 - x y \\\\\n  r(x) &= 2 x\n\\end{align*}\n',
      'latex',
    );
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['q', 'r'],
    );
    assertValue(fn(doc, 'q'), [2, 3], 4 + 9 - 6);
    assert.deepEqual(fn(doc, 'q').range, { startLine: 1, endLine: 2 });
  });

  it('a cases or matrix environment inside a definition is an error at it, not a product', async () => {
    const doc = await parseLatexDocument(
      '$n(x, y) = \\begin{cases} x & x > 0 \\\\ y & \\text{else} \\end{cases}$\n\n' +
        '$p(x, y) = 3 + \\begin{pmatrix} x \\\\ y \\end{pmatrix}$\n',
      'markdown',
    );
    for (const [name, line, column] of [
      ['n', 0, 11],
      ['p', 2, 15],
    ] as const) {
      const f = fn(doc, name);
      assert.equal(f.body, undefined);
      assert.deepEqual([f.diagnostics[0].line, f.diagnostics[0].column], [line, column]);
      assert.match(f.diagnostics[0].message, /is not supported inside a definition/);
    }
  });
});

describe('LaTeX front end: an unknown \\operatorname', () => {
  it('is named as a function, with what is supported', async () => {
    const doc = await parseLatexDocument(
      '$f(x, y) = \\operatorname{softplus}(x) + y$\n',
      'markdown',
    );
    const d = fn(doc, 'f').diagnostics[0];
    assert.deepEqual([d.line, d.column], [0, 11]);
    assert.match(
      d.message,
      /'\\operatorname\{softplus\}' is not a function this reads; supported: .*\\tanh/,
    );
  });
});

describe('LaTeX front end: names with a braced subscript', () => {
  it('$f_{10}(x) = x^3$ and $f_{ab}(x, y)$ are definitions, named f_10 and f_ab', async () => {
    const doc = await parseLatexDocument('$f_{10}(x) = x^3$\n\n$f_{ab}(x, y) = x y$\n', 'markdown');
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['f_10', 'f_ab'],
    );
    assert.deepEqual(doc.diagnostics, []);
  });
});

describe('LaTeX front end: definitions side by side', () => {
  it('$$q(x) = x^2, \\qquad r(x) = x^3$$ defines both; a \\quad before a condition stays', async () => {
    const doc = await parseLatexDocument(
      '$$ q(x) = x^2, \\qquad r(x) = x^3 $$\n\n$$ f(x) = x^2 \\quad (x > 0) $$\n',
      'markdown',
    );
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['q', 'r', 'f'],
    );
    assert.deepEqual(doc.diagnostics, []);
    assertValue(fn(doc, 'r'), [2], 8);
    assert.equal(fn(doc, 'r').nameAt.column, 22, 'at the r');
  });
});
