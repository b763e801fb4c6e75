/**
 * Acceptance cases: functions as users write them in each language, with
 * reference values computed by SymPy (test/fixtures/acceptance/handed.json).
 * At nonsmooth points only the status is asked for.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deriveDocument, languageOfPath } from '../../../src/core';

interface Case {
  id: string;
  file: string;
  function: string;
  source: string;
  expectError: boolean;
  variables: number;
  checks: {
    point: number[];
    gradient: number[];
    hessian: number[][];
    result: number[];
    nonsmooth: boolean;
  }[];
}

const cases: Case[] = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/acceptance/handed.json'), 'utf8'),
);

const near = (a: number | null, b: number) =>
  a !== null && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

describe('acceptance cases (SymPy references)', () => {
  for (const c of cases) {
    it(`${c.id}: ${c.file} ${c.function}`, async () => {
      const language = languageOfPath(c.file)!;
      const out = await deriveDocument(c.source, language, {
        functionName: c.function,
        points: c.checks.length > 0 ? c.checks.map((k) => k.point) : undefined,
      });
      if (c.expectError) {
        const errors = out.diagnostics.filter((d) => d.severity === 'error');
        assert.ok(errors.length > 0, 'an error diagnostic');
        for (const e of errors) {
          assert.ok(e.message.length > 10 && Number.isInteger(e.line), JSON.stringify(e));
        }
        assert.equal(out.functions.length, 0);
        return;
      }
      assert.deepEqual(
        out.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      const fn = out.functions.find((f) => f.name === c.function)!;
      assert.equal(fn.variables.length, c.variables);
      c.checks.forEach((want, k) => {
        const have = fn.checks[k];
        if (want.nonsmooth) {
          assert.equal(have.status, 'nonsmooth', `at ${want.point}`);
          return;
        }
        assert.equal(have.status, 'ok', `at ${want.point}: ${have.note}`);
        want.gradient.forEach((v, i) =>
          assert.ok(near(have.gradient[i], v), `∂${i} at ${want.point}`),
        );
        want.hessian.forEach((row, i) =>
          row.forEach((v, j) =>
            assert.ok(near(have.hessian[i][j], v), `H${i}${j} at ${want.point}`),
          ),
        );
        want.result.forEach((v, i) => assert.ok(near(have.result[i], v), `r${i} at ${want.point}`));
      });
    });
  }
});
