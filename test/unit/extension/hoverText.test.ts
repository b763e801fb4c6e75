import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortened } from '../../../src/extension/hoverText';

describe('the hover text fallback', () => {
  it('keeps short formulas whole', () => {
    assert.equal(shortened('∇‖∇f‖₁(x) = [2 * s_x]'), '∇‖∇f‖₁(x) = [2 * s_x]');
  });

  it('cuts a wall of text at a space and says how much is left, and where', () => {
    const long = Array.from({ length: 400 }, (_, i) => `${i} * tanh(x0)`).join(' + ');
    const short = shortened(long);
    assert.ok(short.length < 700, `${short.length} characters`);
    assert.ok(long.startsWith(short.split(' …')[0]), 'a prefix of the text');
    assert.match(short, / …\n\(\d+ more characters: open the derivation\)$/);
  });
});
