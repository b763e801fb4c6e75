/** Deriving documents: time budget, cancellation and bad requests end in clear diagnostics. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from 'mathjs';
import { deriveDocument, deriveSelection } from '../../../src/core';

/** A sum of d terms that makes a large Hessian: Σ_i Σ_j sin(x_i x_j). */
function heavyPython(d: number): string {
  const terms: string[] = [];
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) terms.push(`np.sin(x[${i}] * x[${j}])`);
  return `import numpy as np\ndef heavy(x):\n    return ${terms.join(' + ')}\n`;
}

describe('deriveDocument', () => {
  it('stops at the time budget with a diagnostic that says what to do', async () => {
    const out = await deriveDocument(heavyPython(40), 'python', { timeBudgetMs: 5 });
    assert.equal(out.functions.length, 0);
    const [diag] = out.diagnostics;
    assert.equal(diag.severity, 'error');
    assert.equal(diag.line, 1);
    assert.match(diag.message, /did not finish within 5 ms.*time budget/);
  });

  it('stops when cancelled', async () => {
    const out = await deriveDocument(heavyPython(30), 'python', { isCancelled: () => true });
    assert.equal(out.functions.length, 0);
    assert.match(out.diagnostics[0].message, /cancelled/);
  });

  it('rejects a sample point of the wrong size, naming the variables', async () => {
    const out = await deriveDocument('def f(x, y):\n    return x * y\n', 'python', {
      points: [[1]],
    });
    assert.match(out.diagnostics[0].message, /1 values, but 'f' has 2 variables \(x, y\)/);
  });

  it('derives every function of a document, in order', async () => {
    const text = 'def a(x):\n    return x**2\n\ndef b(x, y):\n    return x * y\n';
    const out = await deriveDocument(text, 'python');
    assert.deepEqual(
      out.functions.map((f) => [f.name, f.range.startLine]),
      [
        ['a', 0],
        ['b', 3],
      ],
    );
    assert.deepEqual(out.functions[0].result, ['2 * sign(x)']);
  });

  it('derives a selection as a function of its free variables', async () => {
    const out = await deriveSelection('x[0]**2 * np.sin(x[1])', 'python');
    const [fn] = out.functions;
    assert.deepEqual(
      fn.variables.map((v) => v.name),
      ['x[0]', 'x[1]'],
    );
    assert.deepEqual(fn.gradient, ['2 * x0 * sin(x1)', 'x0^2 * cos(x1)']);
  });

  it('gives the log-sum-exp result as exactly 0', async () => {
    const text =
      'const f = (x) => Math.log(Math.exp(x[0]) + Math.exp(x[1]) + Math.exp(x[2]) + Math.exp(x[3]));';
    const out = await deriveDocument(text, 'javascript');
    assert.deepEqual(out.functions[0].result, ['0', '0', '0', '0']);
    assert.deepEqual(out.functions[0].latex.result, ['0', '0', '0', '0']);
    assert.deepEqual(out.functions[0].nonsmooth, []);
    assert.equal(out.functions[0].norm, '1', 'the softmax sums to 1');
  });
});

describe('deriveDocument on functions whose derivatives explode when written out', () => {
  it('refuses with a message instead of printing gigabytes', async () => {
    const lines = ['import numpy as np', 'def f(x, y):', '    a = np.sin(x * y)'];
    for (let k = 0; k < 14; k++) lines.push('    a = a * np.sin(a) + x');
    lines.push('    return a');
    const out = await deriveDocument(lines.join('\n'), 'python', { timeBudgetMs: 10_000 });
    assert.equal(out.functions.length, 0);
    assert.match(out.diagnostics[0].message, /too many to show.*--shorthands/);
  });

  it('with shorthands, derives a four-layer tanh network whose derivatives explode in full', async () => {
    // 6 inputs, then layers of 6, 6, 6 and 4 units: every unit holds all of the layer below.
    const lines = ['import numpy as np', 'def net(x):'];
    let below = [0, 1, 2, 3, 4, 5].map((i) => `x[${i}]`);
    [6, 6, 6, 4].forEach((width, layer) => {
      const units = Array.from({ length: width }, (_, k) => `h${layer}_${k}`);
      units.forEach((u, k) => {
        const sum = below.map((v, i) => `${(((k + 2 * i + layer) % 5) - 2) / 2 || 0.3}*${v}`);
        lines.push(`    ${u} = np.tanh(${sum.join(' + ')})`);
      });
      below = units;
    });
    lines.push(`    return ${below.join(' + ')}`);
    const text = lines.join('\n');
    const full = await deriveDocument(text, 'python', { timeBudgetMs: 20_000 });
    assert.match(full.diagnostics[0]?.message ?? '', /too many to show/);
    const out = await deriveDocument(text, 'python', { timeBudgetMs: 20_000, shorthands: true });
    assert.deepEqual(out.diagnostics, []);
    const [d] = out.functions;
    assert.ok(d.shorthands.length > 10);
    assert.ok(d.checks.length > 0);
    for (const c of d.checks) assert.equal(c.status, 'ok', `numeric check at ${c.point}`);
  });
});

describe('the domain is the one of the code as written', () => {
  it('marks points where simplification widened the domain as undefined', async () => {
    const text =
      'import numpy as np\ndef f(x, y):\n    return np.sqrt(x)**2 + y\n\n' +
      'def g(x, y):\n    return (x - y) / (x - y) * x**2 + y\n';
    const out = await deriveDocument(text, 'python', {
      points: [
        [-1, 1],
        [2, 1],
      ],
    });
    const [f, g] = out.functions;
    assert.deepEqual(
      f.checks.map((c) => c.status),
      ['undefined', 'ok'],
    );
    assert.deepEqual(f.checks[0].result, [null, null]);
    const onDiagonal = await deriveDocument(text, 'python', {
      functionName: 'g',
      points: [[1, 1]],
    });
    assert.equal(onDiagonal.functions[0].checks[0].status, 'undefined');
    assert.equal(g.checks[1].status, 'ok');
  });
});

describe('a document without definitions', () => {
  it('says so, with an example in the language', async () => {
    const out = await deriveDocument('# nothing to derive here\n', 'python');
    assert.equal(out.diagnostics.length, 1);
    assert.match(out.diagnostics[0].message, /No function definition was found.*def f\(x, y\)/);
  });
});

describe('the result as H·s in mathjs syntax', () => {
  it('evaluates, with s_v = sign(∂f/∂v), to the result written out', async () => {
    const text =
      'import numpy as np\ndef f(x, y):\n    return (x**2 + y - 11)**2 + np.abs(x - y) * y\n';
    const [d] = (await deriveDocument(text, 'python')).functions;
    assert.ok(d, 'derived');
    assert.ok(
      d.resultBySign.some((e) => e.includes('s_x')),
      d.resultBySign.join(' | '),
    );
    for (const [x, y] of [
      [0.3, -1.7],
      [2.5, 0.4],
    ]) {
      const scope = { x, y };
      const s = {
        s_x: Math.sign(evaluate(d.gradient[0], scope)),
        s_y: Math.sign(evaluate(d.gradient[1], scope)),
      };
      d.result!.forEach((full, j) => {
        const want = evaluate(full, scope) as number;
        const got = evaluate(d.resultBySign[j], { ...scope, ...s }) as number;
        assert.ok(
          Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)),
          `${j}: ${got} vs ${want}`,
        );
      });
    }
  });
});

describe('the result written out, on request', () => {
  const text = 'def f(x, y):\n    return x**3 * y + (x - 2*y)**2\n';

  it('is left out when not asked for and some sign is unknown; the rest is the same', async () => {
    const [full] = (await deriveDocument(text, 'python')).functions;
    const [short] = (await deriveDocument(text, 'python', { writtenOut: false })).functions;
    assert.equal(full.signsUnknown, true);
    assert.equal(full.result?.length, 2);
    assert.equal(full.latex.result?.length, 2);
    assert.equal(short.result, undefined);
    assert.equal(short.latex.result, undefined);
    assert.deepEqual(short.resultBySign, full.resultBySign);
    assert.deepEqual(short.latex.resultBySign, full.latex.resultBySign);
    assert.deepEqual(short.latex.hessian, full.latex.hessian);
    assert.deepEqual(short.checks, full.checks);
  });

  it('is there anyway when every sign is known (it is then the result with sign symbols)', async () => {
    const exp = 'import numpy as np\ndef g(x, y):\n    return np.exp(x) + np.exp(y)\n';
    const [d] = (await deriveDocument(exp, 'python', { writtenOut: false })).functions;
    assert.equal(d.signsUnknown, false);
    assert.deepEqual(d.result, d.resultBySign);
    assert.deepEqual(d.latex.result, d.latex.resultBySign);
  });

  it('the derivation step of the result writes unknown signs as the symbols s_v', async () => {
    const [d] = (await deriveDocument(text, 'python', { writtenOut: false })).functions;
    const step = d.derivation.find((s) => s.title.startsWith('Result'));
    assert.ok(step, 'a result step');
    assert.match(step.latex, /s_\{x\}/);
    assert.ok(!step.latex.includes(d.latex.gradient[0]), 'no gradient component written in it');
    assert.match(step.remark ?? '', /s_v = sign\(∂f\/∂v\)/);
  });
});

describe('coefficients beyond the floating-point range', () => {
  it('are an error that says to rescale, never Infinity in a result', async () => {
    const out = await deriveDocument('def big(x, y):\n    return 1e308 * x**2 * y\n', 'python');
    assert.equal(out.functions.length, 0);
    assert.match(out.diagnostics[0].message, /Infinity, beyond the floating-point range.*rescale/);
    assert.equal(out.diagnostics[0].line, 0);
  });
});

describe('files as editors read them', () => {
  it('a byte-order mark does not move columns or hide a definition', async () => {
    const julia = await deriveDocument('\uFEFFf(x, y) = x % y\n', 'julia');
    assert.deepEqual([julia.diagnostics[0].line, julia.diagnostics[0].column], [0, 12]);
    const matlab = await deriveDocument('\uFEFFf = @(x, y) x.^2 + y;\n', 'matlab');
    assert.deepEqual(
      matlab.functions.map((f) => f.name),
      ['f'],
    );
  });

  it('old Mac line ends (a lone CR) are line breaks', async () => {
    const out = await deriveDocument('# t\r\r$$ f(x) = x^2 + \\frac{ $$\r', 'markdown');
    assert.equal(out.diagnostics[0].line, 2);
  });
});

describe('checks where f overflows', () => {
  it('say it overflows, not that f is undefined there', async () => {
    const text = 'import numpy as np\ndef e(x, y):\n    return np.exp(x**2) + y\n';
    const [d] = (await deriveDocument(text, 'python', { points: [[30, 1]] })).functions;
    assert.equal(d.checks[0].status, 'undefined');
    assert.match(d.checks[0].note ?? '', /infinite at this point.*floating-point range/);
    const [nan] = (
      await deriveDocument('import numpy as np\ndef l(x):\n    return np.log(x)\n', 'python', {
        points: [[-1]],
      })
    ).functions;
    assert.match(nan.checks[0].note ?? '', /not defined at this point/);
  });
});

describe('a function defined nowhere near the origin', () => {
  it('says no sample point was found and how to give one; 1/(x − 5) = 0 is no kink', async () => {
    const text = 'import numpy as np\ndef f(x, y):\n    return np.log(x - 5) + y\n';
    const out = await deriveDocument(text, 'python');
    const [d] = out.functions;
    assert.deepEqual(d.checks, []);
    const [note] = out.diagnostics;
    assert.equal(note.severity, 'warning');
    assert.equal(note.line, 1);
    assert.match(note.message, /No numeric check of 'f'.*--at.*Set Sample Point/);
    assert.deepEqual(d.nonsmooth, [], 'the gradient 1/(x − 5) never vanishes');
    const given = await deriveDocument(text, 'python', { points: [[6, 0]] });
    assert.deepEqual(given.diagnostics, []);
    assert.equal(given.functions[0].checks[0].status, 'ok');
  });
});
