/**
 * The mathjs side of the benchmark: gradient and Hessian of the same
 * function with `derivative(expr, x, {simplify: false})`. Runs in its own
 * process (`node out/bench.js --peer mathjs`) so that the parent can stop a
 * case that runs past its time limit; it speaks the JSON-lines protocol of
 * bench/peer.ts.
 */
import { createInterface } from 'node:readline';
import { derivative, parse, version, type MathNode } from 'mathjs';
import { repeatTimed } from './timing';

/** One case for the mathjs peer. */
export interface MathjsRequest {
  id: number;
  expr: string;
  vars: string[];
  maxRuns: number;
  budgetMs: number;
}

/**
 * Parses `expr`, then derives the gradient (d derivatives) and the upper
 * triangle of the Hessian (d(d+1)/2 derivatives of gradient entries), as
 * our engine does. Returns the number of Hessian entries, so that nothing
 * is optimised away.
 */
export function mathjsGradHessian(expr: string, vars: readonly string[]): number {
  const f = parse(expr);
  const grad: MathNode[] = vars.map((v) => derivative(f, v, { simplify: false }));
  let entries = 0;
  for (let i = 0; i < vars.length; i++) {
    for (let j = i; j < vars.length; j++) {
      derivative(grad[i], vars[j], { simplify: false });
      entries++;
    }
  }
  return entries;
}

/** The peer's main loop: a warm-up, `ready`, then one JSON answer per request line. */
export async function runMathjsPeer(): Promise<void> {
  // Warm the JIT on a small function so that the first real case is not charged for it.
  for (let k = 0; k < 20; k++) mathjsGradHessian('100*(x1 - x0^2)^2 + (1 - x0)^2', ['x0', 'x1']);
  process.stdout.write(`${JSON.stringify({ ready: true, version })}\n`);
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const req = JSON.parse(line) as MathjsRequest;
    try {
      const t = repeatTimed(() => mathjsGradHessian(req.expr, req.vars), req.maxRuns, req.budgetMs);
      process.stdout.write(`${JSON.stringify({ id: req.id, ms: t.median, runs: t.runs })}\n`);
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      process.stdout.write(`${JSON.stringify({ id: req.id, ms: null, error })}\n`);
    }
  }
}
