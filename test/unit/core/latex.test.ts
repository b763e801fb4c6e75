/**
 * Every formula the product shows is valid KaTeX (rendered with throwOnError
 * on), and the result formulas mean what the mathjs strings mean: they are
 * parsed back with our LaTeX front end and compared numerically.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import katex from 'katex';
import { evaluate } from 'mathjs';
import { deriveDocument, languageOfPath } from '../../../src/core';
import { parseLatexExpression } from '../../../src/core/frontends/latex';
import type { FunctionDerivation } from '../../../src/core/result';

const cases: { id: string; file: string; source: string; expectError: boolean }[] = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/acceptance/handed.json'), 'utf8'),
);

const extra = [
  {
    id: 'lse',
    file: 'lse.py',
    source:
      'import numpy as np\ndef f(x):\n    return np.log(np.exp(x[0]) + np.exp(x[1]) + np.exp(x[2]))\n',
  },
  {
    id: 'nonsmooth',
    file: 'ns.py',
    source:
      'import numpy as np\ndef f(x, y):\n    return np.maximum(x, y**2) + np.abs(x - 1) * np.sqrt(1 + y**2)\n',
  },
  {
    id: 'rational',
    file: 'r.js',
    source:
      'const f = (x, y) => (x ** 3 / 3 - y / 7) / (1 + x * x) + Math.cbrt(y) + Math.tanh(x) ** 2;\n',
  },
];

/** Evaluates LaTeX by parsing it back; variables matched by their mathjs symbol. */
async function latexValue(tex: string, scope: Record<string, number>): Promise<number> {
  const parsed = await parseLatexExpression(tex, 'latex');
  assert.deepEqual(parsed.diagnostics, [], tex);
  const fn = parsed.functions[0];
  if (!fn) return Number(evaluate(tex.replace(/\\frac\{(-?\d+)\}\{(\d+)\}/, '$1/$2')));
  const sub = Object.fromEntries(fn.variables.map((v) => [v.symbol, scope[v.symbol]]));
  const { lower } = await import('../../../src/core/engine/lower');
  const { ExprBuilder } = await import('../../../src/core/engine/expr');
  const { Tape } = await import('../../../src/core/engine/evaluate');
  const b = new ExprBuilder();
  const e = lower(b, fn.body!);
  const tape = new Tape([e]);
  tape.run(fn.variables.map((v) => sub[v.symbol]));
  return tape.value(e);
}

async function derivations(): Promise<FunctionDerivation[]> {
  const all: FunctionDerivation[] = [];
  for (const c of [...cases.filter((k) => !k.expectError), ...extra]) {
    const out = await deriveDocument(c.source, languageOfPath(c.file)!);
    all.push(...out.functions);
  }
  return all;
}

describe('LaTeX output', () => {
  it('renders with KaTeX, throwOnError on, for every formula and step', async () => {
    for (const fn of await derivations()) {
      const formulas = [
        fn.latex.f,
        fn.latex.norm,
        ...fn.latex.gradient,
        ...fn.latex.result!,
        ...fn.latex.hessian.flat(),
        ...fn.derivation.map((s) => s.latex),
        ...fn.nonsmoothLatex,
      ];
      for (const tex of formulas) {
        assert.doesNotThrow(
          () => katex.renderToString(tex, { throwOnError: true, displayMode: true }),
          `${fn.name}: ${tex}`,
        );
      }
    }
  });

  it('means the same as the mathjs strings (parsed back, compared at a point)', async () => {
    for (const fn of await derivations()) {
      const point = fn.checks[0]?.point;
      if (!point) continue;
      const scope = Object.fromEntries(fn.variables.map((v, i) => [v.symbol, point[i]]));
      const pairs: [string, string][] = [
        [fn.latex.f, fn.f],
        ...fn.latex.gradient.map((t, i): [string, string] => [t, fn.gradient[i]]),
        ...fn.latex.result!.map((t, i): [string, string] => [t, fn.result![i]]),
      ];
      for (const [tex, js] of pairs) {
        const want = Number(evaluate(js, { ...scope }));
        const got = await latexValue(tex, scope);
        assert.ok(
          Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)),
          `${fn.name}: ${tex} = ${got}, but ${js} = ${want}`,
        );
      }
    }
  });
});

describe('coefficients that missed 1 by rounding', () => {
  it('are not written as a factor 1, in mathjs syntax or in LaTeX', async () => {
    // (0.1 + 0.2) / 0.3 is 1.0000000000000002 in floating point.
    const text = 'def f(x, y):\n    return (0.1 + 0.2) / 0.3 * x * y + x\n';
    const [d] = (await deriveDocument(text, 'python')).functions;
    assert.equal(d.f, 'x + x * y');
    assert.equal(d.gradient[0], 'y + 1');
    assert.doesNotMatch(d.latex.f, /(^|[^\d.])1 /);
  });
});
