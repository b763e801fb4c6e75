import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatError, formatNumber, formatVector } from '../../../src/webview/format';
import {
  blockLatex,
  blockRanges,
  nameLatex,
  resultEquationLatex,
  vectorLatex,
} from '../../../src/shared/latex';

describe('number formatting', () => {
  it('formats numbers for the checks table', () => {
    assert.equal(formatNumber(null), '—');
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(1.23456789), '1.23457');
    assert.equal(formatNumber(-2), '−2');
    assert.equal(formatNumber(1e-9), '1.0000e-9');
    assert.equal(formatNumber(Infinity), '∞');
    assert.equal(formatVector([1, null, 3]), '(1, —, 3)');
    assert.match(formatVector(Array.from({ length: 10 }, () => 1)), /… \(10 entries\)\)$/);
    assert.equal(formatError(3.2e-9), '3.2e-9');
    assert.equal(formatError(null), '—');
  });
});

describe('LaTeX builders', () => {
  it('builds vectors, names and the result equation', () => {
    assert.equal(vectorLatex(['a', 'b']), '\\begin{pmatrix} a \\\\ b \\end{pmatrix}');
    assert.equal(nameLatex('f'), 'f');
    assert.equal(nameLatex('my_fn'), '\\operatorname{my\\_fn}');
    const eq = resultEquationLatex({
      name: 'f',
      latex: { f: '', gradient: [], hessian: [], norm: '', result: ['1'], variables: ['x'] },
    });
    assert.equal(eq, '\\nabla\\lVert\\nabla f\\rVert_1 = \\begin{pmatrix} 1 \\end{pmatrix}');
  });

  it('splits large matrices into 8×8 blocks', () => {
    assert.deepEqual(blockRanges(20), [[0, 8], [8, 16], [16, 20]]);
    const row = (i: number) => Array.from({ length: 10 }, (_, j) => `${i}${j}`);
    const rows = Array.from({ length: 10 }, (_, i) => row(i));
    const tex = blockLatex(rows, [8, 10], [0, 2]);
    assert.equal(tex, '\\begin{pmatrix} 80 & 81 \\\\ 90 & 91 \\end{pmatrix}');
  });
});
