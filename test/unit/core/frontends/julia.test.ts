import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from '../../../../src/core/frontends';
import { parseJulia, parseJuliaExpression } from '../../../../src/core/frontends/julia';
import { assertValue, evaluate, fixture, fn, positionsWithin, varNames } from './eval-helper';

/** The value of a Julia selection at a point (fails when it has no body). */
async function selectionAt(text: string, point: number[]): Promise<number> {
  const f = (await parseJuliaExpression(text)).functions[0];
  assert.ok(f?.body, `${text}: ${JSON.stringify(f?.diagnostics)}`);
  return evaluate(f.body, point);
}

describe('Julia front end: fixtures/julia/functions.jl', async () => {
  const doc = await parseJulia(fixture('julia/functions.jl'));

  it('finds short, long and anonymous definitions', () => {
    assert.deepEqual(
      doc.functions.map((f) => f.name),
      ['f', 'rosen', 'himmelblau', 'loss', 'g', 'bad'],
    );
    assert.deepEqual(doc.diagnostics, []);
  });

  it('f(x) = ...: 1-based components', () => {
    const f = fn(doc, 'f');
    assert.equal(f.indexBase, 1);
    assert.deepEqual(varNames(f), ['x[1]/x1', 'x[2]/x2']);
    assert.deepEqual(
      f.variables.map((v) => v.latex),
      ['x_{1}', 'x_{2}'],
    );
    assert.deepEqual(f.range, { startLine: 3, endLine: 3 });
    assert.deepEqual(f.nameAt, { line: 3, column: 0 });
    assertValue(f, [1, 2], Math.sin(2) + Math.exp(2));
  });

  it('rosen: function ... end with return; 100*(...)^2 squares only the parenthesis', () => {
    const f = fn(doc, 'rosen');
    assert.deepEqual(f.range, { startLine: 5, endLine: 7 });
    assert.deepEqual(f.nameAt, { line: 5, column: 9 });
    assertValue(f, [-1.2, 1], (1 + 1.2) ** 2 + 100 * (1 - 1.44) ** 2);
    assert.ok(positionsWithin(f.body!, 5, 7));
  });

  it('himmelblau: typed scalar parameters', () => {
    const f = fn(doc, 'himmelblau');
    assert.deepEqual(varNames(f), ['x/x', 'y/y']);
    assertValue(f, [3, 2], 0);
    assertValue(f, [1, 2], 68);
  });

  it('loss: locals, +=, 1/2w^2 = 1/(2w^2), implicit return, const b', () => {
    const f = fn(doc, 'loss');
    const [w1, w2] = [0.5, 2];
    const z = w1 * w2 - 1 + 1 / (2 * w1 ** 2);
    assertValue(f, [w1, w2], Math.tanh(z) ** 2 + 100 * Math.hypot(w1, w2));
  });

  it('g: 2x^2 is 2(x^2), broadcast operators, atan with two arguments, π and ℯ', () => {
    const f = fn(doc, 'g');
    assert.deepEqual(varNames(f), ['x/x', 'y/y']);
    assertValue(f, [3, 0.5], 2 * 9 * 0.5 + Math.atan2(0.5, 3) + Math.PI + Math.E);
  });

  it('x[0] is out of range in Julia: diagnostic at the index', () => {
    const f = fn(doc, 'bad');
    assert.equal(f.body, undefined);
    assert.deepEqual([f.diagnostics[0].line, f.diagnostics[0].column], [19, 9]);
    assert.match(f.diagnostics[0].message, /≥ 1/);
  });
});

describe('Julia front end: precedence as Julia defines it', () => {
  const cases: [string, number[], number][] = [
    ['1/2x^2', [3], 1 / 18],
    ['2x^2', [3], 18],
    ['2^3x', [2], 64],
    ['x^2^3', [2], 256],
    ['-2^2 + x', [0], -4],
    ['-x^2', [3], -9],
    ['2*(x - 1)^2', [3], 8],
    ['2-(x)^2*3', [2], -10],
    ['2(x + 1)', [1], 4],
    ['3sin(x)', [0.5], 3 * Math.sin(0.5)],
    ['x .^ 2 ./ 4', [3], 2.25],
    ['x^-2', [2], 0.25],
    ['2π*x', [1], 2 * Math.PI],
    ['√x + abs2(x)', [4], 2 + 16],
    ['log(2, x)', [8], 3],
    // An exponent followed by an operator and a parenthesis, written without spaces.
    ['x^2*(x+1)', [3], 36],
    ['x^2-(x+1)', [3], 5],
    ['x^2+(x+1)', [3], 13],
    ['x^2/(x+1)', [3], 2.25],
    ['exp(x)^2*(x+1)', [0.5], Math.exp(1) * 1.5],
    ['-(-(x+1))', [2], 3],
    ['2 .*(x+1)', [2], 6],
  ];
  for (const [text, point, expected] of cases) {
    it(`${text} at ${point.join(', ')} is ${expected}`, async () => {
      const got = await selectionAt(text, point);
      assert.ok(Math.abs(got - expected) < 1e-12, `${text}: got ${got}, expected ${expected}`);
    });
  }
});

describe('Julia front end: samples and selections', () => {
  it('f(x) = x[1]^2 * sin(x[2]) + exp(x[1]*x[2])', async () => {
    const f = fn(await parseJulia('f(x) = x[1]^2 * sin(x[2]) + exp(x[1]*x[2])'), 'f');
    assertValue(f, [2, 0.3], 4 * Math.sin(0.3) + Math.exp(0.6));
  });

  it('x[1]^2 * sin(x[2]) as a selection', async () => {
    const f = (await parseJuliaExpression('x[1]^2 * sin(x[2])')).functions[0];
    assert.equal(f.name, 'selection');
    assert.deepEqual(varNames(f), ['x[1]/x1', 'x[2]/x2']);
    assertValue(f, [3, 1], 9 * Math.sin(1));
  });

  it('an assignment is not an expression', async () => {
    const doc = await parseJuliaExpression('y = x^2');
    assert.equal(doc.functions.length, 0);
    assert.match(doc.diagnostics[0].message, /expression/);
  });

  it('unsupported statements and syntax errors become diagnostics', async () => {
    const doc = await parseJulia(
      'function h(x)\n    for i in 1:3\n        x += i\n    end\n' + '    x\nend\nk(x) = (x + \n',
    );
    const h = fn(doc, 'h');
    assert.equal(h.body, undefined);
    assert.deepEqual([h.diagnostics[0].line, h.diagnostics[0].column], [1, 4]);
    assert.match(h.diagnostics[0].message, /for/);
    assert.ok(doc.diagnostics.length > 0);
  });
});

describe('Julia front end: a sign written as a call', () => {
  it('-(x + 1)^2 is −((x + 1)²), as in Julia', async () => {
    const doc = await parseJulia('f(x, y) = -(x + 1)^2 + y\ng(x) = x - -(x)\n');
    assertValue(fn(doc, 'f'), [2, 5], -9 + 5);
    assertValue(fn(doc, 'g'), [3], 6);
  });
});

describe('Julia front end: very long expressions', () => {
  it('reads a sum of 1,000 terms', async () => {
    const n = 1000;
    const terms = Array.from({ length: n }, (_, i) => `${(i % 7) + 1}*x[${(i % 3) + 1}]^2`);
    const doc = await parseJulia(`f(x) = ${terms.join(' + ')}\n`);
    const p = [0.5, -1, 2];
    const expected = Array.from({ length: n }, (_, i) => ((i % 7) + 1) * p[i % 3] ** 2).reduce(
      (a, b) => a + b,
    );
    assertValue(fn(doc, 'f'), p, expected);
  });

  it('stops reading with a message, not a hang, where the grammar slows down', async () => {
    // tree-sitter-julia takes longer per term as one sum grows: 20,000 terms take minutes.
    const terms = Array.from({ length: 20_000 }, (_, i) => `${(i % 7) + 1}*x[${(i % 3) + 1}]^2`);
    const doc = await parseDocument(`f(x) = ${terms.join(' + ')}\n`, 'julia');
    assert.equal(doc.functions.length, 0);
    assert.match(doc.diagnostics[0]?.message ?? '', /took over 3 s.*split/);
  });
});
