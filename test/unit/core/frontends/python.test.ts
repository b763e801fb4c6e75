import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePython, parsePythonExpression } from '../../../../src/core/frontends/python';
import { assertValue, fixture, fn, positionsWithin, varNames } from './eval-helper';

describe('Python front end: fixtures/python/functions.py', async () => {
  const doc = await parsePython(fixture('python/functions.py'));

  it('finds every def and lambda, in order, without document diagnostics', () => {
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['rosenbrock', 'himmelblau', 'beale', 'logsumexp', 'loss', 'smooth', 'ridge'],
    );
    assert.deepEqual(doc.diagnostics, []);
    for (const f of doc.functions) {
      const problems = f.diagnostics.filter((d) => d.severity !== 'information');
      assert.deepEqual(problems, [], f.name);
    }
  });

  it('rosenbrock: indexed components are the variables, defaults are constants', () => {
    const f = fn(doc, 'rosenbrock');
    // Each default held constant is said, at its parameter.
    assert.deepEqual(
      f.diagnostics.map((d) => [d.severity, d.line, d.message.split(' ')[0]]),
      [
        ['information', 7, "'a'"],
        ['information', 7, "'b'"],
      ],
    );
    assert.deepEqual(varNames(f), ['x[0]/x0', 'x[1]/x1']);
    assert.deepEqual(
      f.variables.map((v) => v.latex),
      ['x_{0}', 'x_{1}'],
    );
    assert.equal(f.indexBase, 0);
    assert.deepEqual(f.range, { startLine: 7, endLine: 9 });
    assert.deepEqual(f.nameAt, { line: 7, column: 4 });
    assertValue(f, [-1.2, 1], (1 + 1.2) ** 2 + 100 * (1 - 1.44) ** 2);
    assertValue(f, [1, 1], 0);
    assert.ok(positionsWithin(f.body!, 7, 9));
  });

  it('himmelblau: two scalar parameters', () => {
    const f = fn(doc, 'himmelblau');
    assert.deepEqual(varNames(f), ['x/x', 'y/y']);
    assertValue(f, [1, 2], (1 + 2 - 11) ** 2 + (1 + 4 - 7) ** 2);
    assertValue(f, [3, 2], 0);
  });

  it('beale: a lambda assigned to a name', () => {
    const f = fn(doc, 'beale');
    assert.deepEqual(f.range, { startLine: 16, endLine: 16 });
    assert.deepEqual(f.nameAt, { line: 16, column: 0 });
    assert.deepEqual(varNames(f), ['x/x', 'y/y']);
    assertValue(f, [3, 0.5], 0);
    assertValue(f, [1, 1], 1.5 ** 2 + 2.25 ** 2 + 2.625 ** 2);
  });

  it('logsumexp: np.log / np.exp over three components', () => {
    const f = fn(doc, 'logsumexp');
    assert.deepEqual(varNames(f), ['z[0]/z0', 'z[1]/z1', 'z[2]/z2']);
    assertValue(f, [0, 1, 2], Math.log(1 + Math.E + Math.E ** 2));
  });

  it('loss: locals are substituted and module constants are used', () => {
    const f = fn(doc, 'loss');
    assert.deepEqual(varNames(f), ['w[0]/w0', 'w[1]/w1']);
    assertValue(f, [0.5, 3], Math.tanh(0.5) ** 2 + 0.5 * 0.25);
  });

  it('smooth: augmented assignments, -x**2, np.square, built-in max and abs, math.pi', () => {
    const f = fn(doc, 'smooth');
    const s = 2 * Math.sqrt(2);
    assertValue(f, [1, 2, -3], s + 4 + 9 + 2 + Math.PI * 3);
  });

  it('ridge: sum over a literal range is unrolled; arctan2 maps to atan2', () => {
    const f = fn(doc, 'ridge');
    assert.deepEqual(varNames(f), ['x[0]/x0', 'x[1]/x1', 'x[2]/x2']);
    assertValue(f, [1, 2, 3], 14 + Math.atan2(2, 1));
  });
});

describe('Python front end: diagnostics (fixtures/python/errors.py)', async () => {
  const doc = await parsePython(fixture('python/errors.py'));

  it('x^2 is XOR: error at the ^ suggesting **, and no body', () => {
    const g = fn(doc, 'g');
    assert.equal(g.body, undefined);
    assert.equal(g.diagnostics.length, 1);
    const d = g.diagnostics[0];
    assert.equal(d.severity, 'error');
    assert.deepEqual([d.line, d.column], [4, 12]);
    assert.match(d.message, /\*\*/);
    assert.match(d.message, /XOR/);
  });

  it('a for loop is named with its place and what is supported', () => {
    const f = fn(doc, 'looped');
    assert.equal(f.body, undefined);
    const d = f.diagnostics[0];
    assert.deepEqual([d.line, d.column], [9, 4]);
    assert.match(d.message, /for/);
    assert.match(d.message, /return/);
  });

  it('an unknown function is named at its call', () => {
    const f = fn(doc, 'mystery');
    assert.equal(f.body, undefined);
    const d = f.diagnostics[0];
    assert.deepEqual([d.line, d.column], [15, 11]);
    assert.match(d.message, /special_thing/);
  });

  it('other functions in the same file are unaffected', () => {
    const f = fn(doc, 'fine');
    assert.deepEqual(f.diagnostics, []);
    assertValue(f, [0.7], Math.exp(0.7));
  });
});

describe('Python front end: samples users wrote', () => {
  it('loss with locals and np.tanh', async () => {
    const doc = await parsePython(
      'import numpy as np\ndef loss(w):\n    z = w[0] * w[1] - 1\n' +
        '    r = np.tanh(z)\n    return r**2 + 0.5 * w[0]**2\n',
    );
    const f = fn(doc, 'loss');
    assert.deepEqual(f.range, { startLine: 1, endLine: 4 });
    assertValue(f, [2, 1.5], Math.tanh(2) ** 2 + 2);
  });

  it('f = lambda x, y: x**y', async () => {
    const f = fn(await parsePython('f = lambda x, y: x**y'), 'f');
    assert.deepEqual(varNames(f), ['x/x', 'y/y']);
    assertValue(f, [2, 3], 8);
  });

  it('np.maximum(x[0], 0)**2 + x[1]', async () => {
    const f = fn(await parsePython('def f(x):\n    return np.maximum(x[0], 0)**2 + x[1]'), 'f');
    assertValue(f, [-1, 2], 2);
    assertValue(f, [3, 2], 11);
  });

  it('-x**2 is -(x**2), and the diagnostic for x^2 is on line 1', async () => {
    assertValue(fn(await parsePython('def h(x):\n    return -x**2'), 'h'), [3], -9);
    const g = fn(await parsePython('def g(x):\n    return x^2'), 'g');
    assert.deepEqual([g.diagnostics[0].line, g.diagnostics[0].column], [1, 12]);
  });

  it('methods drop self; decorators are part of the range', async () => {
    const doc = await parsePython(
      'class M:\n    @staticmethod\n    def e(self, x):\n' + '        return 3 * x\n',
    );
    const f = fn(doc, 'e');
    assert.deepEqual(varNames(f), ['x/x']);
    assert.deepEqual(f.range, { startLine: 1, endLine: 3 });
    assertValue(f, [2], 6);
  });

  it('a vector parameter used whole and indexed is a diagnostic, not a throw', async () => {
    const f = fn(await parsePython('def f(x):\n    return x + x[0]'), 'f');
    assert.equal(f.body, undefined);
    assert.match(f.diagnostics[0].message, /both/);
  });

  it('broken source gives syntax diagnostics with a place', async () => {
    const doc = await parsePython('def ok(x):\n    return x\n\ndef broken(x:\n    return (x\n');
    assert.ok(doc.diagnostics.length > 0);
    assert.ok(doc.diagnostics.every((d) => d.severity === 'error' && d.line >= 3));
    assertValue(fn(doc, 'ok'), [5], 5);
  });
});

describe('Python front end: selections', () => {
  it('x[0]**2 * np.sin(x[1]) has components as variables', async () => {
    const doc = await parsePythonExpression('x[0]**2 * np.sin(x[1])');
    assert.equal(doc.functions.length, 1);
    const f = doc.functions[0];
    assert.equal(f.name, 'selection');
    assert.deepEqual(varNames(f), ['x[0]/x0', 'x[1]/x1']);
    assertValue(f, [2, 0.5], 4 * Math.sin(0.5));
  });

  it('x*y + np.exp(x): free names in order of first appearance', async () => {
    const f = (await parsePythonExpression('y*x + np.exp(x)')).functions[0];
    assert.deepEqual(varNames(f), ['y/y', 'x/x']);
    assertValue(f, [2, 1], 2 + Math.E);
  });

  it('components are ordered by index and filled from 0', async () => {
    const f = (await parsePythonExpression('x[2] - x[1]')).functions[0];
    assert.deepEqual(varNames(f), ['x[0]/x0', 'x[1]/x1', 'x[2]/x2']);
    assertValue(f, [0, 1, 5], 4);
  });

  it('an assignment is not an expression', async () => {
    const doc = await parsePythonExpression('x = 3');
    assert.equal(doc.functions.length, 0);
    assert.equal(doc.diagnostics.length, 1);
    assert.match(doc.diagnostics[0].message, /expression/);
  });

  it('x^2 in a selection is the XOR diagnostic at the ^', async () => {
    const f = (await parsePythonExpression('x^2')).functions[0];
    assert.equal(f.body, undefined);
    assert.deepEqual([f.diagnostics[0].line, f.diagnostics[0].column], [0, 1]);
  });
});

describe('Python front end: syntax errors say where and what to do', () => {
  it('points at a parenthesis that is never closed', async () => {
    const doc = await parsePython('def g(x):\n    return (x[0]**2 + x[1]\n');
    const [d] = [...doc.diagnostics, ...doc.functions.flatMap((f) => f.diagnostics)];
    assert.deepEqual([d.line, d.column], [1, 11]);
    assert.match(d.message, /never closed; add the matching `\)`/);
  });

  it('explains a number written next to a name', async () => {
    const doc = await parsePython('def f(w):\n    return 7w[1] + w[0]\n');
    const [d] = [...doc.diagnostics, ...doc.functions.flatMap((f) => f.diagnostics)];
    assert.equal(d.line, 1);
    assert.match(d.message, /write `7\*w` to multiply/);
  });
});

describe('Python front end: NumPy reductions are not elementwise', () => {
  it('np.max(x, y) is an error that suggests np.maximum', async () => {
    const doc = await parsePython('import numpy as np\ndef f(x, y):\n    return np.max(x, y)\n');
    const d = fn(doc, 'f').diagnostics[0];
    assert.equal(d.line, 2);
    assert.match(d.message, /np\.maximum\(a, b\)/);
  });
});

describe('Python front end: long comment blocks', () => {
  it('reads a definition after 10,000 comment lines, at its own line', async () => {
    const comments = Array.from({ length: 10_000 }, (_, i) => `# note ${i}`).join('\n');
    const doc = await parsePython(
      `import numpy as np\n${comments}\ndef f(x, y):\n    return x * y\n`,
    );
    assert.equal(fn(doc, 'f').range.startLine, 10_001);
  });
});

describe('Python front end: unfinished expressions', () => {
  it('empty parentheses (an unfinished call the editor closed) say what to write', async () => {
    const doc = await parsePython('def f(x):\n    return x[0] + ()\n');
    const d = fn(doc, 'f').diagnostics[0];
    assert.deepEqual([d.line, d.column], [1, 18]);
    assert.match(d.message, /Empty parentheses `\(\)`: write an expression inside them/);
  });
});

describe('Python front end: calls between the file’s functions', () => {
  it('say they are not followed, and what to do, at the call', async () => {
    const doc = await parsePython(
      'def sq(t):\n    return t**2\n\ndef f(x):\n    return sq(x[0]) + x[1]\n',
    );
    const d = fn(doc, 'f').diagnostics[0];
    assert.deepEqual([d.line, d.column], [4, 11]);
    assert.match(d.message, /`sq` is another function of this file: calls between your functions/);
    assert.ok(fn(doc, 'sq').body, 'sq itself is read');
  });
});
