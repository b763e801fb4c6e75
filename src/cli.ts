#!/usr/bin/env node
/**
 * `gradnorm`: the derivation engine on the command line.
 *
 *   gradnorm derive FILE [--function NAME] [--at V1,V2,...]... [--json] [--shorthands]
 *
 * Exit status: 0 when every requested function was derived, 1 when an error
 * diagnostic stopped one, 2 for wrong usage. Never prints a stack trace.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { parseArgs } from 'node:util';
import {
  DEFAULT_TOLERANCE,
  deriveDocument,
  languageOfPath,
  type DocumentDerivation,
  type Language,
} from './core';

// Baseline WebAssembly code only: V8 would otherwise spend seconds optimising the large
// tree-sitter grammars (Julia's is 6 MB) in background threads, and the process cannot
// exit before they finish. One parse does not profit from the optimised code.
setFlagsFromString('--liftoff-only');

const USAGE = `usage: gradnorm derive FILE [options]

Derives ∇‖∇f‖₁ = H_f·sign(∇f) for the functions defined in FILE
(.py .js .ts .jl .m .md .tex) and checks it numerically.

options:
  --function NAME     only the function NAME
  --at V1,V2,...      a sample point for the numeric checks (repeatable)
  --json              print one JSON object instead of a summary
  --shorthands        name each repeated subexpression once (u1 = ...) and write
                      the derivatives with those names (f and the result stay whole)
  --language LANG     python, javascript, typescript, julia, matlab, markdown, latex
                      (default: from the file's extension)
  --time-budget MS    time budget per function in milliseconds (default 2000)
  --tolerance T       relative tolerance of the numeric checks (default 1e-6)
  -h, --help          this help`;

const LANGUAGES: readonly Language[] = [
  'python',
  'javascript',
  'typescript',
  'julia',
  'matlab',
  'markdown',
  'latex',
];

class UsageError extends Error {}

interface Options {
  file: string;
  language: Language;
  functionName?: string;
  points: number[][];
  json: boolean;
  shorthands: boolean;
  timeBudgetMs?: number;
  tolerance?: number;
}

function positiveNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0)
    throw new UsageError(`${flag} needs a positive number, not '${text}'`);
  return v;
}

function parsePoint(text: string): number[] {
  const values = text.split(',').map((s) => s.trim());
  const numbers = values.map(Number);
  const bad = values.findIndex((s, i) => s === '' || !Number.isFinite(numbers[i]));
  if (bad >= 0) {
    throw new UsageError(
      `--at ${text}: value ${bad + 1} ('${values[bad]}') is not a number; ` +
        'write the point as comma-separated numbers, e.g. --at 1,2.5',
    );
  }
  return numbers;
}

function readOptions(argv: string[]): Options | 'help' {
  // `--at -1,2` is a value, not a flag: glue values to their flags first.
  const glued: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const valued = ['--at', '--function', '--language', '--time-budget', '--tolerance'];
    if (valued.includes(argv[i]) && i + 1 < argv.length) glued.push(`${argv[i]}=${argv[++i]}`);
    else glued.push(argv[i]);
  }
  const { values, positionals } = parseArgs({
    args: glued,
    allowPositionals: true,
    options: {
      function: { type: 'string' },
      at: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      shorthands: { type: 'boolean' },
      language: { type: 'string' },
      'time-budget': { type: 'string' },
      tolerance: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const [command, file, ...extra] = positionals;
  if (command !== 'derive') {
    throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  }
  if (!file) throw new UsageError('missing FILE');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const language = (values.language ?? languageOfPath(file)) as Language | undefined;
  if (!language || !LANGUAGES.includes(language)) {
    throw new UsageError(
      values.language
        ? `unknown language '${values.language}' (one of ${LANGUAGES.join(', ')})`
        : `cannot tell the language of '${file}' from its extension; pass --language`,
    );
  }
  return {
    file,
    language,
    functionName: values.function,
    points: (values.at ?? []).map(parsePoint),
    json: values.json ?? false,
    shorthands: values.shorthands ?? false,
    timeBudgetMs: positiveNumber(values['time-budget'], '--time-budget'),
    tolerance: positiveNumber(values.tolerance, '--tolerance'),
  };
}

function fmt(v: number | null): string {
  if (v === null) return 'undefined';
  if (v === 0) return '0';
  return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6
    ? String(Number(v.toPrecision(10)))
    : v.toExponential(6);
}

function summary(out: DocumentDerivation, file: string, tolerance: number): string {
  const lines: string[] = [];
  const inOrder = [...out.diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const d of inOrder) {
    lines.push(`${file}:${d.line + 1}:${d.column + 1}: ${d.severity}: ${d.message}`);
  }
  for (const fn of out.functions) {
    const vars = fn.variables.map((v) => v.name).join(', ');
    lines.push(
      '',
      `${fn.name}(${vars})   [${fn.language}, lines ${fn.range.startLine + 1}-` +
        `${fn.range.endLine + 1}, ${fn.elapsedMs} ms]`,
    );
    const renamed = fn.variables.filter((v) => v.name !== v.symbol);
    if (renamed.length > 0) {
      // The expressions are in mathjs syntax, where x[0] is written x0.
      lines.push(`  (written ${renamed.map((v) => `${v.symbol} for ${v.name}`).join(', ')})`);
    }
    lines.push(`  f = ${fn.f}`);
    if (fn.shorthands.length > 0) {
      lines.push('  with the shorthands (repeated subexpressions, named once):');
      for (const s of fn.shorthands) lines.push(`    ${s.symbol} = ${s.text}`);
    }
    fn.gradient.forEach((g, i) => lines.push(`  ∂f/∂${fn.variables[i].name} = ${g}`));
    lines.push(`  ‖∇f‖₁ = ${fn.norm}`);
    // deriveDocument writes the result out unless asked not to.
    fn.result!.forEach((r, i) => lines.push(`  (∇‖∇f‖₁)_${fn.variables[i].name} = ${r}`));
    if (fn.signsUnknown) {
      // The same as H·s: shorter, each gradient component once (as s_v = sign(∂f/∂v)).
      lines.push('  as H·s, with s_v = sign(∂f/∂v):');
      fn.resultBySign.forEach((r, i) => lines.push(`    (∇‖∇f‖₁)_${fn.variables[i].name} = ${r}`));
    }
    if (fn.nonsmooth.length > 0) {
      lines.push(`  only a subgradient where: ${fn.nonsmooth.join('  or  ')}`);
    }
    for (const c of fn.checks) {
      const result = `; result (${c.result.map(fmt).join(', ')})`;
      const detail =
        c.status === 'undefined'
          ? ` (${c.note})`
          : c.status === 'nonsmooth'
            ? // At a kink finite differences do not apply: their gap is no error of the result.
              ` (a kink lies within a step; the result is one subgradient)${result}`
            : (c.error === null ? '' : `, error ${c.error.toExponential(1)}`) +
              // The pass test allows for the differences' own spread and rounding noise.
              (c.status === 'ok' && c.error !== null && c.error > tolerance
                ? " (within the finite differences' own uncertainty)"
                : '') +
              result;
      lines.push(`  check at (${c.point.map(fmt).join(', ')}): ${c.status}${detail}`);
    }
  }
  return lines.join('\n').replace(/^\n/, '');
}

async function main(argv: string[]): Promise<number> {
  let options: Options | 'help';
  try {
    options = readOptions(argv);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`gradnorm: ${message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let text: string;
  try {
    text = readFileSync(options.file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(
      `gradnorm: cannot read '${options.file}'` +
        `${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}\n`,
    );
    return 2;
  }
  const out = await deriveDocument(text, options.language, {
    functionName: options.functionName,
    points: options.points.length > 0 ? options.points : undefined,
    timeBudgetMs: options.timeBudgetMs,
    tolerance: options.tolerance,
    shorthands: options.shorthands,
  });
  process.stdout.write(
    options.json
      ? `${JSON.stringify(out, null, 1)}\n`
      : `${summary(out, options.file, options.tolerance ?? DEFAULT_TOLERANCE)}\n`,
  );
  const failed = out.diagnostics.some((d) => d.severity === 'error') || out.functions.length === 0;
  return failed ? 1 : 0;
}

// Output piped into a reader that stops early (`gradnorm ... | head`): stop quietly, as
// other command-line tools do, instead of an unhandled EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `gradnorm: internal error: ${message}\n` +
        'Please report this with the file that caused it.\n',
    );
    process.exitCode = 1;
  },
);
