import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateHeightEm } from '../../../src/webview/math';
import { matrixLatex, vectorLatex } from '../../../src/shared/latex';

describe('placeholder heights of formulas waiting to be drawn', () => {
  it('grow with the rows of the tallest array, more with fractions', () => {
    const line = estimateHeightEm('f(x) = x^2');
    const column = estimateHeightEm(`\\nabla f = ${vectorLatex(['a', 'b', 'c', 'd'])}`);
    const fractions = estimateHeightEm(vectorLatex(['\\frac{1}{2}', 'b', 'c', 'd']));
    assert.ok(line < column, `${line} < ${column}`);
    assert.ok(column < fractions, `${column} < ${fractions}`);
    const matrix = matrixLatex([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    assert.equal(estimateHeightEm(`${matrix} ${vectorLatex(['a', 'b', 'c', 'd'])}`), column);
  });
});
