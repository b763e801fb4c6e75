import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatPoints,
  parsePointsInput,
  pointsForDimension,
  samplePointKey,
} from '../../../src/extension/samplePoints';

describe('sample point input', () => {
  it('parses one point and several', () => {
    assert.deepEqual(parsePointsInput('1, 2.5', 2), { ok: true, points: [[1, 2.5]] });
    assert.deepEqual(parsePointsInput(' 1 2 ; -3e-1, 4 ', 2), {
      ok: true,
      points: [
        [1, 2],
        [-0.3, 4],
      ],
    });
    assert.deepEqual(parsePointsInput('[1, 2], [3, 4]', 2), {
      ok: true,
      points: [
        [1, 2],
        [3, 4],
      ],
    });
  });

  it('treats empty input as automatic points', () => {
    assert.deepEqual(parsePointsInput('  ', 3), { ok: true, points: [] });
  });

  it('explains what is wrong', () => {
    const wrongCount = parsePointsInput('1, 2', 3);
    assert.equal(wrongCount.ok, false);
    assert.match(!wrongCount.ok ? wrongCount.message : '', /2 value\(s\).*needs 3 values/);
    const notNumber = parsePointsInput('1, abc', 2);
    assert.match(!notNumber.ok ? notNumber.message : '', /"abc" in point 1 is not a finite number/);
    const inf = parsePointsInput('1; Infinity', 1);
    assert.match(!inf.ok ? inf.message : '', /point 2/);
    const empty = parsePointsInput('1;;2', 1);
    assert.match(!empty.ok ? empty.message : '', /Point 2 is empty/);
  });

  it('round-trips through formatPoints', () => {
    const points = [
      [1, -2.5],
      [0, 3],
    ];
    assert.deepEqual(parsePointsInput(formatPoints(points), 2), { ok: true, points });
  });

  it('keys per document and function; filters by dimension', () => {
    assert.notEqual(samplePointKey('file:///a.py', 'f'), samplePointKey('file:///a.py', 'g'));
    assert.deepEqual(pointsForDimension([[1], [1, 2], [3, 4]], 2), [
      [1, 2],
      [3, 4],
    ]);
  });
});
