/** Repeated subexpressions named once: same values, far shorter, never for small functions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from 'mathjs';
import { deriveDocument, type FunctionDerivation } from '../../../src/core';

/** Σ_k tanh(w_k·x) over `d` variables named `name(i)`, `units` units, fixed small weights. */
function tanhLayer(d: number, units: number, name = (i: number) => `x${i}`): string {
  const params = Array.from({ length: d }, (_, i) => name(i));
  const unit = (k: number) =>
    'np.tanh(' +
    params.map((p, i) => `${((((k + 1) * (i + 2)) % 7) - 3) / 2 || 0.5} * ${p}`).join(' + ') +
    ')';
  const body = Array.from({ length: units }, (_, k) => unit(k)).join(' + ');
  return `import numpy as np\ndef layer(${params.join(', ')}):\n    return ${body}\n`;
}

async function derive(text: string, shorthands: boolean): Promise<FunctionDerivation> {
  const out = await deriveDocument(text, 'python', { shorthands });
  assert.deepEqual(
    out.diagnostics.filter((x) => x.severity === 'error'),
    [],
  );
  return out.functions[0];
}

/** A scope with the variables at `x` and every shorthand evaluated in order. */
function scopeAt(d: FunctionDerivation, x: readonly number[]): Record<string, number> {
  const scope: Record<string, number> = {};
  d.variables.forEach((v, i) => (scope[v.symbol] = x[i]));
  for (const s of d.shorthands) scope[s.symbol] = evaluate(s.text, scope) as number;
  return scope;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('shorthands for repeated subexpressions', () => {
  it('name each unit of a tanh layer once, and give the same values as written in full', async () => {
    const text = tanhLayer(6, 5);
    const short = await derive(text, true);
    const full = await derive(text, false);
    const units = short.shorthands.filter((s) => /^tanh\(/.test(s.text));
    assert.equal(units.length, 5, 'one name per unit');
    assert.equal(short.f, full.f, 'f is written as the user wrote it');
    assert.deepEqual(short.result, full.result, 'the written-out result stays whole');

    for (const x of [
      [0.3, -0.2, 0.5, 0.1, -0.4, 0.25],
      [-1.1, 0.7, 0.2, -0.3, 0.9, -0.6],
    ]) {
      const scope = scopeAt(short, x);
      const plain = scopeAt(full, x);
      short.gradient.forEach((g, i) =>
        assert.ok(close(evaluate(g, scope), evaluate(full.gradient[i], plain)), `∂/∂x${i}`),
      );
      short.hessian.forEach((row, i) =>
        row.forEach((h, j) =>
          assert.ok(close(evaluate(h, scope), evaluate(full.hessian[i][j], plain)), `H${i}${j}`),
        ),
      );
      const signs: Record<string, number> = {};
      full.variables.forEach((v, i) => {
        signs[`s_${v.symbol}`] = Math.sign(evaluate(full.gradient[i], plain) as number);
      });
      short.resultBySign.forEach((r, i) =>
        assert.ok(
          close(evaluate(r, { ...scope, ...signs }), evaluate(full.result![i], plain)),
          `result ${i}`,
        ),
      );
    }
  });

  it('make the Hessian much shorter to send and draw', async () => {
    const text = tanhLayer(8, 8);
    const short = await derive(text, true);
    const full = await derive(text, false);
    const length = (d: FunctionDerivation) => JSON.stringify(d.latex.hessian).length;
    assert.ok(
      length(short) * 3 < length(full),
      `Hessian LaTeX: ${length(short)} with shorthands, ${length(full)} in full`,
    );
  });

  it('every name is used at least twice, and is defined before it is used', async () => {
    const d = await derive(tanhLayer(6, 5), true);
    const uses = [
      ...d.gradient,
      ...d.hessian.flat(),
      d.norm,
      ...d.resultBySign,
      ...d.nonsmooth,
      ...d.shorthands.map((s) => s.text),
    ].join(' ');
    d.shorthands.forEach((s, k) => {
      const name = new RegExp(`\\b${s.symbol}\\b`, 'g');
      assert.ok((uses.match(name) ?? []).length >= 2, `${s.symbol} used twice or more`);
      const later = d.shorthands.slice(k).map((t) => t.symbol);
      for (const t of later) assert.doesNotMatch(s.text, new RegExp(`\\b${t}\\b`));
    });
    const step = d.derivation.find((s) => s.title === 'Shorthands');
    assert.ok(step, 'a derivation step defines them');
    assert.match(step.latex, /u_\{1\} &= \\tanh/);
  });

  it('are not used for a function small enough to read in full', async () => {
    const rosenbrock =
      'def rosen(x, y, z):\n    return 100*(y - x**2)**2 + (1 - x)**2 + 100*(z - y**2)**2 + (1 - y)**2\n';
    const short = await derive(rosenbrock, true);
    const full = await derive(rosenbrock, false);
    assert.deepEqual(short.shorthands, []);
    assert.deepEqual(short.latex, full.latex);
  });

  it('take a letter no variable uses', async () => {
    const d = await derive(
      tanhLayer(6, 5, (i) => `u${i}`),
      true,
    );
    assert.ok(d.shorthands.length > 0);
    const vars = new Set(d.variables.map((v) => v.symbol));
    for (const s of d.shorthands) {
      assert.ok(!vars.has(s.symbol), `${s.symbol} is not a variable`);
      assert.doesNotMatch(s.latexSymbol, /^u_/);
    }
  });

  it('are left out unless asked for', async () => {
    const d = await derive(tanhLayer(6, 5), false);
    assert.deepEqual(d.shorthands, []);
    assert.ok(!d.derivation.some((s) => s.title === 'Shorthands'));
  });
});
