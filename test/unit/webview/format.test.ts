import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatError, formatNumber, formatVector, plainText } from '../../../src/webview/format';
import {
  blockLatex,
  blockRanges,
  nameLatex,
  resultEquationLatex,
  vectorLatex,
  withShorthandsLatex,
} from '../../../src/shared/latex';
import katex from 'katex';

describe('number formatting', () => {
  it('formats numbers for the checks table', () => {
    assert.equal(formatNumber(null), '—');
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(-0), '0');
    assert.equal(formatNumber(1.23456789), '1.23457');
    assert.equal(formatNumber(-2), '−2');
    assert.equal(formatNumber(Infinity), '∞');
    assert.equal(formatNumber(-Infinity), '−∞');
    assert.equal(formatVector([1, null, 3]), '(1, —, 3)');
    assert.match(formatVector(Array.from({ length: 10 }, () => 1)), /… \(10 entries\)\)$/);
  });

  it('uses compact exponent form for tiny and huge numbers', () => {
    assert.equal(formatNumber(1e-9), '1e-9');
    assert.equal(formatNumber(-1.5e-9), '−1.5e-9');
    assert.equal(formatNumber(1.234567e-7), '1.23457e-7');
    assert.equal(formatNumber(0.0001), '0.0001');
    assert.equal(formatNumber(0.00009), '9e-5');
    assert.equal(formatNumber(123456.7), '123457');
    assert.equal(formatNumber(999999.7), '1e6', 'rounds up into exponent form');
    assert.equal(formatNumber(23456789), '2.34568e7');
    assert.equal(formatNumber(1e300), '1e300');
  });

  it('never prints NaN', () => {
    assert.equal(formatNumber(NaN), '—');
    assert.equal(formatNumber(undefined), '—');
    assert.equal(formatVector([NaN, 1]), '(—, 1)');
    assert.equal(formatError(NaN), '—');
  });

  it('formats relative errors with two significant digits', () => {
    assert.equal(formatError(3.2e-9), '3.2e-9');
    assert.equal(formatError(1e-12), '1e-12');
    assert.equal(formatError(1), '1');
    assert.equal(formatError(0.25), '0.25');
    assert.equal(formatError(0), '0');
    assert.equal(formatError(null), '—');
  });
});

describe('remarks as plain text', () => {
  it('turns LaTeX spellings of names back into text', () => {
    assert.equal(plainText('‖∇\\mathrm{my\\_fn}‖₁ (or \\mathrm{my\\_fn})'), '‖∇my_fn‖₁ (or my_fn)');
    assert.equal(plainText('\\operatorname{loss} has a kink'), 'loss has a kink');
    assert.equal(plainText('sign(0) = 0; f_ij, H_j'), 'sign(0) = 0; f_ij, H_j');
  });
});

describe('LaTeX builders', () => {
  it('builds vectors, names and the result equation', () => {
    assert.equal(vectorLatex(['a', 'b']), '\\begin{pmatrix} a \\\\ b \\end{pmatrix}');
    assert.equal(nameLatex('f'), 'f');
    assert.equal(nameLatex('my_fn'), '\\operatorname{my\\_fn}');
    const eq = resultEquationLatex('f', ['1']);
    assert.equal(eq, '\\nabla\\lVert\\nabla f\\rVert_1 = \\begin{pmatrix} 1 \\end{pmatrix}');
  });

  it('copies a result written with shorthands together with what they stand for', () => {
    const shorthands = [
      { latexSymbol: 'u_{1}', latex: '\\tanh\\left(x + y\\right)' },
      { latexSymbol: 'u_{2}', latex: 'u_{1}^{2} - 1' },
    ];
    const plain = resultEquationLatex('f', ['2 x']);
    assert.equal(withShorthandsLatex(plain, shorthands), plain, 'nothing added when unused');
    const eq = withShorthandsLatex(resultEquationLatex('f', ['u_{2} x', 'u_{1}']), shorthands);
    assert.match(eq, /where } u_\{1\} = \\tanh.* u_\{2\} = u_\{1\}\^\{2\} - 1/);
    assert.doesNotThrow(() => katex.renderToString(eq, { throwOnError: true }));
  });

  it('splits large matrices into 8×8 blocks', () => {
    assert.deepEqual(blockRanges(20), [
      [0, 8],
      [8, 16],
      [16, 20],
    ]);
    const row = (i: number) => Array.from({ length: 10 }, (_, j) => `${i}${j}`);
    const rows = Array.from({ length: 10 }, (_, i) => row(i));
    const tex = blockLatex(rows, [8, 10], [0, 2]);
    assert.equal(tex, '\\begin{pmatrix} 80 & 81 \\\\ 90 & 91 \\end{pmatrix}');
  });
});
