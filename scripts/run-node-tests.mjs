#!/usr/bin/env node
// Runs node's test runner over DIR/**/*.test.ts (TypeScript through tsx) and ends with the
// line `N passed, N failed` that scripts/test-all.mjs and CI read.
//
//   node scripts/run-node-tests.mjs test/unit [node options...]
//   node scripts/run-node-tests.mjs test/e2e --needs-vscode
//
// Node 20 does not expand globs given to --test (Node 21+ does), so the files are listed
// here. Other arguments go to node, e.g. --test-name-pattern=sign.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { repoRoot, requireCodeServer } from './lib/paths.mjs';

const [dirArg, ...rest] = process.argv.slice(2);
if (!dirArg) {
  console.error('usage: run-node-tests.mjs DIR [--needs-vscode] [node options]');
  process.exit(2);
}
const needsVscode = rest.includes('--needs-vscode');
const nodeArgs = rest.filter((a) => a !== '--needs-vscode');

function findTests(dir) {
  if (!existsSync(dir)) return [];
  if (dir.endsWith('.test.ts')) return [dir]; // one file named on the command line
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

if (needsVscode) {
  try {
    requireCodeServer();
  } catch (err) {
    console.error(err.message);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const dir = resolve(repoRoot, dirArg);
const files = findTests(dir)
  .map((f) => relative(repoRoot, f))
  .sort();
if (files.length === 0) {
  // Said out loud, not silently passed: a suite with no files is usually a wrong path.
  console.log(`no ${relative(repoRoot, dir)}/**/*.test.ts files found`);
  console.log('0 passed, 0 failed');
  process.exit(0);
}

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    // Browser suites share one VS Code per file and one machine: one file at a time.
    ...(needsVscode ? ['--test-concurrency=1'] : []),
    ...nodeArgs,
    ...files,
  ],
  { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
);
// The spec reporter ends with "ℹ pass N", "ℹ fail N", "ℹ cancelled N" (tests whose hook
// failed); all but pass count as failed.
const counts = { pass: 0, fail: 0, cancelled: 0 };
let pending = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const m = /^ℹ (pass|fail|cancelled) (\d+)\s*$/.exec(line.trim());
    if (m) counts[m[1]] = Number(m[2]);
  }
});
child.on('close', (code) => {
  let failed = counts.fail + counts.cancelled;
  // A file that failed before any test ran (syntax error, crash) is still a failure.
  if (code !== 0 && failed === 0) failed = 1;
  console.log(`${counts.pass} passed, ${failed} failed`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
});
