/** The `gradnorm` command as users and scripts call it: JSON contract and exit codes. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { evaluate } from 'mathjs';

const root = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'gradnorm-cli-'));

function gradnorm(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), ...args], {
    encoding: 'utf8',
    cwd: root,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('gradnorm derive', () => {
  const himmelblau = file(
    'himmelblau.py',
    'def himmelblau(x, y):\n    return (x**2 + y - 11)**2 + (x + y**2 - 7)**2\n',
  );

  it('prints one JSON object whose strings mathjs can evaluate', () => {
    const r = gradnorm('derive', himmelblau, '--json', '--at', '-1,2.5');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const [fn] = out.functions;
    assert.equal(fn.name, 'himmelblau');
    assert.deepEqual(fn.variables, [
      { name: 'x', symbol: 'x' },
      { name: 'y', symbol: 'y' },
    ]);
    assert.deepEqual(fn.range, { startLine: 0, endLine: 1 });
    const scope = { x: -1, y: 2.5 };
    fn.result.forEach((r: string, j: number) =>
      assert.ok(Math.abs(evaluate(r, scope) - fn.checks[0].result[j]) < 1e-9),
    );
    assert.equal(fn.checks[0].status, 'ok');
    assert.equal(fn.hessian.length, 2);
    assert.ok(fn.derivation.length >= 8);
  });

  it('accepts negative coordinates and several points', () => {
    const r = gradnorm('derive', himmelblau, '--json', '--at', '-3,-2', '--at', '0.5,0.25');
    assert.equal(JSON.parse(r.stdout).functions[0].checks.length, 2);
  });

  it('reports a syntax error with its line and exit status 1, without a stack trace', () => {
    const bad = file('caret.py', 'def g(x):\n    return x^2\n');
    const r = gradnorm('derive', bad, '--json');
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.diagnostics[0].line, 1);
    assert.match(out.diagnostics[0].message, /\*\*/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('uses exit status 2 for wrong usage, with a message', () => {
    assert.equal(gradnorm('derive').code, 2);
    assert.equal(gradnorm('derive', himmelblau, '--at', '1,two').code, 2);
    assert.match(gradnorm('derive', join(dir, 'missing.py')).stderr, /no such file/);
  });

  it('prints a readable summary without --json', () => {
    const r = gradnorm('derive', himmelblau, '--function', 'himmelblau');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /himmelblau\(x, y\)/);
    assert.match(r.stdout, /check at .*: ok/);
    // The short form: each gradient component once, as s_v.
    assert.match(r.stdout, /as H·s, with s_v = sign\(∂f\/∂v\):\n\s+\(∇‖∇f‖₁\)_x = .*s_x.*s_y/);
  });

  it('at a kink, says so instead of printing the finite-difference gap as an error', () => {
    const kink = file('kink.py', 'def h(x):\n    return abs(x[0] - 1) * x[0] + x[1]**2\n');
    const r = gradnorm('derive', kink, '--at', '1,0');
    assert.match(r.stdout, /\(written x0 for x\[0\], x1 for x\[1\]\)/);
    assert.match(r.stdout, /check at \(1, 0\): nonsmooth \(a kink lies within a step/);
    assert.doesNotMatch(r.stdout, /nonsmooth, error/);
  });

  it('with --function, reports problems of the other functions as warnings', () => {
    const two = file(
      'others.py',
      'import numpy as np\n\ndef f(x, y):\n    return x * y\n\ndef g(x):\n    return x ^ 2\n',
    );
    const r = gradnorm('derive', two, '--function', 'f');
    assert.equal(r.code, 0, 'f itself derives');
    assert.match(`${r.stdout}${r.stderr}`, /others\.py:7:\d+: warning: .*XOR/);
  });

  it('says when an ok check differs by more than the tolerance within the differences noise', () => {
    const el = file('el.py', 'import numpy as np\ndef f(x, y):\n    return np.exp(np.log(x))*y\n');
    const r = gradnorm('derive', el, '--at', '2,3');
    assert.match(
      r.stdout,
      /ok, error [\d.]+e-\d \(within the finite differences' own uncertainty\)/,
    );
    const smooth = gradnorm('derive', himmelblau, '--at', '-1,2.5');
    assert.doesNotMatch(smooth.stdout, /uncertainty/);
  });

  it('names an unsupported namespaced call as written, not as a function of the file', () => {
    const js = file(
      't.js',
      'function trunc(x) { return 2 * x; }\nconst g = (x) => Math.trunc(x) + x;\n',
    );
    const r = gradnorm('derive', js, '--function', 'g');
    assert.match(r.stdout + r.stderr, /Unsupported function `Math\.trunc`/);
    assert.doesNotMatch(r.stdout + r.stderr, /another function of this file/);
  });

  it('lists problems in the order of the file', () => {
    const two = file(
      'two.py',
      'import numpy as np\n\ndef f(x):\n    return x[0] + x[1] * np.besselj(x[0])\n\n' +
        'def g(x):\n    return x[0] ** + * 2\n',
    );
    const r = gradnorm('derive', two);
    const at = [...`${r.stdout}${r.stderr}`.matchAll(/two\.py:(\d+):\d+: error/g)].map((m) =>
      Number(m[1]),
    );
    assert.deepEqual(at, [4, 7], `${r.stdout}${r.stderr}`);
  });

  it('names the function that was asked for but not found', () => {
    const r = gradnorm('derive', himmelblau, '--function', 'rosen', '--json');
    assert.equal(r.code, 1);
    assert.match(JSON.parse(r.stdout).diagnostics[0].message, /rosen.*himmelblau/);
  });

  it('lists the shorthands it writes with, when asked, and they give the same values', () => {
    const units = [1, 2, 3, 4]
      .map(
        (k) =>
          `np.tanh(${[0, 1, 2, 3, 4].map((i) => `${((k * (i + 1)) % 5) - 2 || 1}*x[${i}]`).join(' + ')})`,
      )
      .join(' + ');
    const layer = file('layer.py', `import numpy as np\ndef layer(x):\n    return ${units}\n`);
    const r = gradnorm('derive', layer, '--shorthands', '--json', '--at', '0.1,0.2,-0.3,0.4,0.5');
    assert.equal(r.code, 0, r.stderr);
    const [fn] = JSON.parse(r.stdout).functions;
    assert.ok(fn.shorthands.length >= 4, 'one per unit at least');
    const scope: Record<string, number> = { x0: 0.1, x1: 0.2, x2: -0.3, x3: 0.4, x4: 0.5 };
    for (const s of fn.shorthands) scope[s.symbol] = evaluate(s.text, scope);
    fn.variables.forEach((v: { symbol: string }, i: number) => {
      scope[`s_${v.symbol}`] = Math.sign(evaluate(fn.gradient[i], scope));
    });
    fn.resultBySign.forEach((e: string, j: number) =>
      assert.ok(Math.abs(evaluate(e, scope) - fn.checks[0].result[j]) < 1e-9, `entry ${j}`),
    );
    const text = gradnorm('derive', layer, '--shorthands');
    assert.match(text.stdout, /with the shorthands .*\n {4}u1 = tanh\(/);
  });

  it('stops quietly when the reader of its output stops early', () => {
    const terms = Array.from({ length: 12 }, (_, k) => `np.tanh(x[${k}] * x[${(k + 1) % 12}] + 1)`);
    const big = file(
      'big.py',
      `import numpy as np\ndef big(x):\n    return ${terms.join(' + ')}\n`,
    );
    const r = spawnSync(
      '/bin/sh',
      // More output than a pipe holds (64 kB), so that some is written after `head` is gone.
      ['-c', `"${process.execPath}" --import tsx src/cli.ts derive "${big}" --json | head -c 10`],
      { encoding: 'utf8', cwd: root },
    );
    assert.equal(r.stdout.length, 10);
    assert.equal(r.stderr, '', 'no error, no stack trace');
  });
});
