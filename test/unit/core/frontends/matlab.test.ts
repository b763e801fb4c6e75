import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMatlab, parseMatlabExpression } from '../../../../src/core/frontends/matlab';
import { assertValue, evaluate, fixture, fn, varNames } from './eval-helper';

describe('MATLAB front end: functions.m', async () => {
  const doc = await parseMatlab(fixture('matlab/functions.m'));

  it('finds every definition, and none inside the block comment', () => {
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['f', 'himmel', 'gauss', 'rosenbrock', 'mixed'],
    );
    assert.deepEqual(doc.diagnostics, []);
    for (const f of doc.functions) assert.deepEqual(f.diagnostics, [], f.name);
  });

  it('reads the acceptance sample with 1-based components', () => {
    const f = fn(doc, 'f');
    assert.deepEqual(varNames(f), ['x(1)/x1', 'x(2)/x2']);
    assert.deepEqual(
      f.variables.map((v) => v.latex),
      ['x_{1}', 'x_{2}'],
    );
    assert.equal(f.indexBase, 1);
    assert.deepEqual(f.range, { startLine: 1, endLine: 1 });
    assert.deepEqual(f.nameAt, { line: 1, column: 0 });
    assertValue(f, [1, 2], 1 + 6 - Math.log(2));
  });

  it('joins `...` continuation lines (Himmelblau)', () => {
    const h = fn(doc, 'himmel');
    assert.deepEqual(varNames(h), ['x/x', 'y/y']);
    assert.deepEqual(h.range, { startLine: 7, endLine: 8 });
    assertValue(h, [3, 2], 0);
    assertValue(h, [1, 1], 81 + 25);
  });

  it('substitutes script constants captured by an anonymous function', () => {
    assertValue(fn(doc, 'gauss'), [1, 2], Math.exp(-5 / 8));
  });

  it('substitutes locals into the output of a function block', () => {
    const r = fn(doc, 'rosenbrock');
    assert.deepEqual(r.range, { startLine: 13, endLine: 18 });
    assert.deepEqual(r.nameAt, { line: 13, column: 13 });
    assert.deepEqual(varNames(r), ['x(1)/x1', 'x(2)/x2']);
    assertValue(r, [1, 1], 0);
    assertValue(r, [0.5, 2], 0.25 + 100 * 1.75 ** 2);
  });

  it('reads -t^2 as -(t^2), ignores transpose and disp()', () => {
    const m = fn(doc, 'mixed');
    assert.deepEqual(m.range, { startLine: 20, endLine: 23 });
    assertValue(m, [3, 4], -9 + 1 - Math.PI);
  });
});

describe('MATLAB front end: errors.m', async () => {
  const doc = await parseMatlab(fixture('matlab/errors.m'));

  it('keeps a definition with an unknown function, without body, saying what is supported', () => {
    const g = fn(doc, 'g');
    assert.equal(g.body, undefined);
    assert.equal(g.diagnostics.length, 1);
    assert.deepEqual([g.diagnostics[0].line, g.diagnostics[0].column], [0, 9]);
    assert.match(g.diagnostics[0].message, /besselj/);
    assert.match(g.diagnostics[0].message, /supported: .*sin/);
  });

  it('reports control flow at the `if`', () => {
    const b = fn(doc, 'branchy');
    assert.equal(b.body, undefined);
    assert.deepEqual(
      b.diagnostics.map((d) => [d.line, d.column]),
      [[3, 2]],
    );
    assert.match(b.diagnostics[0].message, /'if' is not supported/);
  });

  it('reports a syntax error in the document and keeps the function, without a body', () => {
    const h = fn(doc, 'h');
    assert.equal(h.body, undefined);
    assert.deepEqual(h.diagnostics, doc.diagnostics);
    assert.equal(doc.diagnostics.length, 1);
    const d = doc.diagnostics[0];
    assert.deepEqual([d.line, d.column, d.severity], [10, 15, 'error']);
    assert.match(d.message, /expected '\)'/);
  });

  it('rejects a two-dimensional index at its parenthesis', () => {
    const k = fn(doc, 'k');
    assert.equal(k.body, undefined);
    assert.deepEqual(
      k.diagnostics.map((d) => [d.line, d.column]),
      [[12, 19]],
    );
  });
});

describe('MATLAB front end: details', () => {
  it('follows MATLAB precedence: ^ is left-associative, 2^-1 works, a\\b is b/a', async () => {
    const doc = await parseMatlab('p = @(t) 2^3^2 + 2^-1 + 4\\t;');
    assertValue(fn(doc, 'p'), [8], 64 + 0.5 + 2);
  });

  it("reads Octave's ** and .** as powers, and += -= *= /= as updates", async () => {
    const doc = await parseMatlab(
      'p = @(t) 2**3**2 + t.**2 + 3.**t;\n' +
        'function y = acc(a, b)\n  y = a;\n  y += b**2;\n  y *= 2;\n  y -= 1;\n  y /= a + b;\nend\n',
    );
    assertValue(fn(doc, 'p'), [2], 64 + 4 + 9);
    assertValue(fn(doc, 'acc'), [1, 3], ((1 + 9) * 2 - 1) / 4);
  });

  it('an update of a name never assigned is reported at that name', async () => {
    const f = fn(await parseMatlab('function y = g(x)\n  y += x;\nend\n'), 'g');
    assert.equal(f.body, undefined);
    assert.match(f.diagnostics[0].message, /'y'|`y`/);
    assert.equal(f.diagnostics[0].line, 1);
  });

  it('uses the last assignment of the output, and files without `end`', async () => {
    const doc = await parseMatlab(
      'function y = q(a, b)\ny = a;\ny = y * b + 1;\n' + 'function z = w(c)\nz = c^2;\n',
    );
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['q', 'w'],
    );
    assertValue(fn(doc, 'q'), [2, 5], 11);
    assert.deepEqual(fn(doc, 'q').range, { startLine: 0, endLine: 2 });
    assertValue(fn(doc, 'w'), [3], 9);
  });

  it('fills unused components so the vector matches x(1)..x(n)', async () => {
    const d = fn(await parseMatlab('r = @(x) x(3)^2;'), 'r');
    assert.deepEqual(varNames(d), ['x(1)/x1', 'x(2)/x2', 'x(3)/x3']);
    assertValue(d, [9, 9, 2], 4);
  });

  it('says when the output is never assigned', async () => {
    const d = fn(await parseMatlab('function y = u(x)\n  z = x;\nend\n'), 'u');
    assert.equal(d.body, undefined);
    assert.match(d.diagnostics[0].message, /never assigned/);
  });

  it('rejects a vector used as a whole and by component', async () => {
    const d = fn(await parseMatlab('v = @(x) x(1) + x;'), 'v');
    assert.equal(d.body, undefined);
    assert.match(d.diagnostics[0].message, /both as a whole and by component/);
  });

  it('parses a selection with free names', async () => {
    const doc = await parseMatlabExpression('x(2)^2 * sin(y) + max(y, 1);');
    const s = fn(doc, 'selection');
    assert.deepEqual(varNames(s), ['x(1)/x1', 'x(2)/x2', 'y/y']);
    assert.equal(evaluate(s.body!, [0, 3, 2]), 9 * Math.sin(2) + 2);
  });

  it('never throws on garbage', async () => {
    for (const text of ['f = @(', 'function', 'function y = (', "f = @(x) 'abc", ')))', '']) {
      const doc = await parseMatlab(text);
      assert.ok(Array.isArray(doc.functions));
    }
    const sel = await parseMatlabExpression('x +');
    assert.equal(sel.functions.length, 0);
    assert.equal(sel.diagnostics.length, 1);
  });
});
