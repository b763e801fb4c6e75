import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { viewStateFromOutcome, type ViewTarget } from '../../../src/extension/viewState';
import { WORKER_HEAP_MB } from '../../../src/extension/workerProtocol';

const target: ViewTarget = {
  doc: { uri: 'file:///w/f.py', version: 3 },
  fileName: 'f.py',
  language: 'python',
  functionName: 'loss',
  fn: {
    name: 'loss',
    range: { startLine: 4, endLine: 6 },
    nameAt: { line: 4, column: 4 },
    variables: [{ name: 'x', symbol: 'x', latex: 'x' }],
    hasBody: true,
  },
  timeBudgetMs: 2000,
};

describe('view state of a derivation that did not finish', () => {
  it('a worker out of memory says how much it had and what to do, at the function', () => {
    const state = viewStateFromOutcome(target, { status: 'memory' });
    assert.equal(state?.derivation, undefined);
    assert.equal(state?.errors.length, 1);
    const [e] = state!.errors;
    assert.deepEqual([e.line, e.column, e.severity], [4, 4, 'error']);
    assert.match(e.message, new RegExp(`loss needed more than ${WORKER_HEAP_MB} MB`));
    assert.match(e.message, /smaller part/);
  });

  it('a timeout names the budget and the setting that raises it', () => {
    const [e] = viewStateFromOutcome(target, { status: 'timeout' })!.errors;
    assert.match(e.message, /within 2000 ms.*gradientNormLens\.timeBudgetMs/);
  });

  it('a cancelled derivation shows nothing (a newer one will)', () => {
    assert.equal(viewStateFromOutcome(target, { status: 'cancelled' }), undefined);
  });
});
