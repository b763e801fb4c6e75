import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseJavaScript,
  parseJavaScriptExpression,
} from '../../../../src/core/frontends/javascript';
import { assertValue, fixture, fn, positionsWithin, varNames } from './eval-helper';

describe('JavaScript front end: fixtures/javascript/functions.js', async () => {
  const doc = await parseJavaScript(fixture('javascript/functions.js'), 'javascript');

  it('finds declarations, arrows and function expressions, exported or not', () => {
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['rosenbrock', 'himmelblau', 'logSumExp', 'f', 'wave', 'bad', 'branchy'],
    );
    assert.deepEqual(doc.diagnostics, []);
    for (const f of doc.functions) assert.equal(f.language, 'javascript');
  });

  it('rosenbrock: const locals substituted, ** read as a power', () => {
    const f = fn(doc, 'rosenbrock');
    assert.deepEqual(varNames(f), ['x[0]/x0', 'x[1]/x1']);
    assert.deepEqual(f.range, { startLine: 3, endLine: 7 });
    assert.deepEqual(f.nameAt, { line: 3, column: 9 });
    assertValue(f, [-1.2, 1], (1 + 1.2) ** 2 + 100 * (1 - 1.44) ** 2);
    assert.ok(positionsWithin(f.body!, 3, 7));
  });

  it('himmelblau: arrow function with scalar parameters', () => {
    const f = fn(doc, 'himmelblau');
    assert.deepEqual(varNames(f), ['x/x', 'y/y']);
    assert.deepEqual(f.nameAt, { line: 9, column: 6 });
    assertValue(f, [3, 2], 0);
    assertValue(f, [1, 2], 68);
  });

  it('logSumExp: exported function expression with let and +=', () => {
    const f = fn(doc, 'logSumExp');
    assert.deepEqual(f.range, { startLine: 11, endLine: 15 });
    assert.deepEqual(varNames(f), ['z[0]/z0', 'z[1]/z1']);
    assertValue(f, [0.3, -1], Math.log(Math.exp(0.3) + Math.exp(-1)));
  });

  it('f: Math.exp of a parenthesised negative power', () => {
    assertValue(fn(doc, 'f'), [2, 0.5], 2 * Math.exp(-0.25));
  });

  it('wave: defaults and module constants are constants; cbrt and hypot', () => {
    const f = fn(doc, 'wave');
    assert.deepEqual(varNames(f), ['x/x']);
    assertValue(f, [2], Math.sin(6) / (2 * Math.PI) + Math.cbrt(2) + Math.hypot(2, 1));
  });

  it('-x ** 2 is reported as the SyntaxError JavaScript raises, at the -x', () => {
    const f = fn(doc, 'bad');
    assert.equal(f.body, undefined);
    const d = f.diagnostics[0];
    assert.match(d.message, /SyntaxError/);
    assert.deepEqual([d.line, d.column], [24, 9]);
  });

  it('an if statement is named with its place', () => {
    const f = fn(doc, 'branchy');
    assert.equal(f.body, undefined);
    assert.deepEqual([f.diagnostics[0].line, f.diagnostics[0].column], [28, 2]);
    assert.match(f.diagnostics[0].message, /if/);
  });
});

describe('TypeScript front end: fixtures/typescript/potential.ts', async () => {
  const doc = await parseJavaScript(fixture('typescript/potential.ts'), 'typescript');

  it('finds the exported function, the typed arrow and the class method', () => {
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['potential', 'beale', 'energy'],
    );
    assert.deepEqual(doc.diagnostics, []);
  });

  it('potential: type annotations ignored, locals substituted', () => {
    const f = fn(doc, 'potential');
    assert.equal(f.language, 'typescript');
    assert.deepEqual(f.range, { startLine: 0, endLine: 3 });
    assert.deepEqual(varNames(f), ['p[0]/p0', 'p[1]/p1']);
    assertValue(f, [1, 2], Math.log(6) + Math.atan2(2, 1));
  });

  it('beale: an arrow whose body is on the next line', () => {
    const f = fn(doc, 'beale');
    assert.deepEqual(f.range, { startLine: 5, endLine: 6 });
    assertValue(f, [3, 0.5], 0);
  });

  it('energy: `as`, non-null `!` and -= inside a method', () => {
    const f = fn(doc, 'energy');
    assert.deepEqual(varNames(f), ['w[0]/w0', 'w[1]/w1']);
    assertValue(f, [3, 0.4], 9 - Math.tanh(0.4));
  });
});

describe('JavaScript front end: samples and errors', () => {
  it('const f = (x) => x[0] * Math.exp(-(x[1] ** 2));', async () => {
    const doc = await parseJavaScript(
      'const f = (x) => x[0] * Math.exp(-(x[1] ** 2));',
      'javascript',
    );
    assertValue(fn(doc, 'f'), [1.5, 2], 1.5 * Math.exp(-4));
  });

  it('syntax errors are diagnostics at their place, and the function has no body', async () => {
    const doc = await parseJavaScript(
      'function ok(x) { return x; }\n' + 'function h(x) {\n  return x + ;\n}\n',
      'javascript',
    );
    assert.ok(doc.diagnostics.length > 0);
    assert.equal(doc.diagnostics[0].line, 2);
    assert.equal(fn(doc, 'h').body, undefined);
    assertValue(fn(doc, 'ok'), [4], 4);
  });

  it('type annotations are a syntax error under the javascript grammar only', async () => {
    const text = 'function t(x: number) { return x * 2; }';
    assert.ok((await parseJavaScript(text, 'javascript')).diagnostics.length > 0);
    const ts = await parseJavaScript(text, 'typescript');
    assert.deepEqual(ts.diagnostics, []);
    assertValue(fn(ts, 't'), [4], 8);
  });

  it('Math.min and Math.max of one argument are that argument', async () => {
    const doc = await parseJavaScript(
      'const m = (x, y) => Math.min(x * y) + Math.max(x - y);',
      'javascript',
    );
    assert.deepEqual(fn(doc, 'm').diagnostics, []);
    assertValue(fn(doc, 'm'), [3, 2], 7);
  });

  it('unknown calls name the callee', async () => {
    const f = fn(await parseJavaScript('const q = (x) => foo(x) + 1;', 'javascript'), 'q');
    assert.equal(f.body, undefined);
    assert.match(f.diagnostics[0].message, /foo/);
    assert.deepEqual([f.diagnostics[0].line, f.diagnostics[0].column], [0, 17]);
  });

  it('functions held in an object, and an anonymous default export, are found by their names', async () => {
    const doc = await parseJavaScript(
      'const losses = {\n  square: (x) => x * x,\n  "cube": function (z) { return z ** 3; },\n' +
        '  quartic(y) { return y ** 4; },\n};\n' +
        'export default function (x, y) { return x * y; }\n',
      'javascript',
    );
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['square', 'cube', 'quartic', 'default'],
    );
    assertValue(fn(doc, 'square'), [3], 9);
    assertValue(fn(doc, 'cube'), [2], 8);
    assert.deepEqual(fn(doc, 'square').nameAt, { line: 1, column: 2 });
    assert.deepEqual(fn(doc, 'default').nameAt, { line: 5, column: 7 });
    assertValue(fn(doc, 'default'), [2, 5], 10);
  });
});

describe('JavaScript front end: selections', () => {
  it('x*y + Math.exp(x)', async () => {
    const doc = await parseJavaScriptExpression('x*y + Math.exp(x)', 'javascript');
    const f = doc.functions[0];
    assert.equal(f.name, 'selection');
    assert.deepEqual(varNames(f), ['x/x', 'y/y']);
    assertValue(f, [1, 3], 3 + Math.E);
  });

  it('p[1] ** 2 / p[0] in TypeScript', async () => {
    const f = (await parseJavaScriptExpression('p[1] ** 2 / p[0]', 'typescript')).functions[0];
    assert.deepEqual(varNames(f), ['p[0]/p0', 'p[1]/p1']);
    assertValue(f, [2, 3], 4.5);
  });

  it('a declaration is not an expression', async () => {
    const doc = await parseJavaScriptExpression('let a = x * 2;', 'javascript');
    assert.equal(doc.functions.length, 0);
    assert.match(doc.diagnostics[0].message, /expression/);
  });
});

describe('JavaScript front end: very long expressions', () => {
  // A sum of 6,000 terms is a tree 6,000 deep, more than a recursive reading survives.
  const n = 6000;
  const terms = Array.from({ length: n }, (_, i) => `${(i % 7) + 1}*x[${i % 3}]**2`);
  const expected = (p: number[]) =>
    Array.from({ length: n }, (_, i) => ((i % 7) + 1) * p[i % 3] ** 2).reduce((a, b) => a + b);

  it('reads a sum of 6,000 terms (JavaScript arrow and TypeScript function)', async () => {
    const js = await parseJavaScript(`const f = (x) => ${terms.join(' + ')};\n`, 'javascript');
    assertValue(fn(js, 'f'), [0.5, -1, 2], expected([0.5, -1, 2]));
    const ts = await parseJavaScript(
      `function g(x: number[]): number {\n  return ${terms.join(' + ')};\n}\n`,
      'typescript',
    );
    assertValue(fn(ts, 'g'), [1, 2, 3], expected([1, 2, 3]));
  });

  it('keeps left-to-right meaning in long chains of - and /', async () => {
    const doc = await parseJavaScript(
      `const f = (a, b) => a - b - a - b - 1 + a / b / 2 / a * b;\n`,
      'javascript',
    );
    const [a, b] = [3, 0.5];
    assertValue(fn(doc, 'f'), [a, b], a - b - a - b - 1 + (a / b / 2 / a) * b);
  });
});

describe('JavaScript front end: unfinished expressions', () => {
  it('says an operand is missing, at its place', async () => {
    const doc = await parseJavaScript('function f(x) {\n  return x ** 2 +;\n}\n', 'javascript');
    const d = doc.diagnostics[0];
    assert.deepEqual([d.line, d.column], [1, 17]);
    assert.match(d.message, /an operand \(a name or a number\) is missing here/);
  });
});
