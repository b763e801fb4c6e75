/**
 * The value of a function exactly as the user wrote it, before any
 * simplification. Simplifying can widen the domain (√x² is |x|, x/x is 1), so
 * whether a point is inside the domain is decided here, on the source: where
 * the code as written would give NaN or ±∞, the point is `undefined`.
 */
import { binaryValue, MATH_VALUES } from './numeric';
import type { SourceExpr } from './source';

function childrenOf(e: SourceExpr): SourceExpr[] {
  switch (e.type) {
    case 'negate':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

/** The value of `body` at `point` (JavaScript number semantics). Iterative: bodies can be deep. */
export function evaluateSource(body: SourceExpr, point: readonly number[]): number {
  const value = new Map<SourceExpr, number>();
  const stack: [SourceExpr, boolean][] = [[body, false]];
  while (stack.length > 0) {
    const [e, ready] = stack.pop()!;
    if (value.has(e)) continue;
    if (!ready) {
      stack.push([e, true]);
      for (const c of childrenOf(e)) if (!value.has(c)) stack.push([c, false]);
      continue;
    }
    const v = (x: SourceExpr) => value.get(x)!;
    switch (e.type) {
      case 'number':
        value.set(e, e.value);
        break;
      case 'constant':
        value.set(e, e.name === 'pi' ? Math.PI : Math.E);
        break;
      case 'variable':
        value.set(e, point[e.index]);
        break;
      case 'negate':
        value.set(e, -v(e.arg));
        break;
      case 'binary':
        value.set(e, binaryValue(e.op, v(e.left), v(e.right)));
        break;
      case 'call':
        value.set(e, MATH_VALUES[e.fn](...e.args.map(v)));
        break;
    }
  }
  return value.get(body)!;
}
