/**
 * Test helpers for the front ends: evaluate a SourceExpr at a point, read
 * fixtures, and find a function by name with a readable failure.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FunctionDef, ParsedDocument, SourceExpr } from '../../../../src/core/source';
import { evaluateSource } from '../../../../src/core/source-eval';

/** The value of a source tree with `point[i]` for variable i. */
export function evaluate(e: SourceExpr, point: number[]): number {
  return evaluateSource(e, point);
}

/** Asserts the function's body exists and equals `expected` at `point` (relative 1e-12). */
export function assertValue(def: FunctionDef, point: number[], expected: number): void {
  assert.ok(def.body, `${def.name} has no body: ${JSON.stringify(def.diagnostics)}`);
  assert.equal(def.variables.length, point.length, `${def.name}: point has wrong dimension`);
  const got = evaluate(def.body, point);
  assert.ok(
    Math.abs(got - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${def.name}(${point.join(', ')}) = ${got}, expected ${expected}`,
  );
}

/** The text of a fixture under test/fixtures/. */
export function fixture(rel: string): string {
  return readFileSync(path.join(__dirname, '../../../fixtures', rel), 'utf8');
}

/** The function named `name`, failing with the names found otherwise. */
export function fn(doc: ParsedDocument, name: string): FunctionDef {
  const def = doc.functions.find((f) => f.name === name);
  assert.ok(def, `no function ${name}; found ${doc.functions.map((f) => f.name).join(', ')}`);
  return def;
}

/** `name/symbol` of every variable, for compact comparisons. */
export function varNames(def: FunctionDef): string[] {
  return def.variables.map((v) => `${v.name}/${v.symbol}`);
}

/** All `at` positions in a tree are inside the given line range (sanity for positions). */
export function positionsWithin(e: SourceExpr, first: number, last: number): boolean {
  const ok = e.at.line >= first && e.at.line <= last && e.at.column >= 0;
  switch (e.type) {
    case 'negate':
      return ok && positionsWithin(e.arg, first, last);
    case 'binary':
      return ok && positionsWithin(e.left, first, last) && positionsWithin(e.right, first, last);
    case 'call':
      return ok && e.args.every((a) => positionsWithin(a, first, last));
    default:
      return ok;
  }
}
