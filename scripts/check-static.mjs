#!/usr/bin/env node
// The checks that are not tests of behaviour: the TypeScript compiler over the whole
// project, ESLint, Prettier's formatting, and the benchmark as a smoke test on small sizes
// (`npm run bench -- --quick`: it must run to the end; its times never fail anything).
// Ends with `N passed, N failed` like the other suites.
import { spawnSync } from 'node:child_process';
import { repoRoot } from './lib/paths.mjs';

const checks = [
  { name: 'typecheck (tsc --noEmit)', cmd: ['npx', 'tsc', '-p', '.', '--noEmit'] },
  { name: 'lint (eslint)', cmd: ['npx', 'eslint', '.'] },
  { name: 'formatting (prettier --check)', cmd: ['npx', 'prettier', '--check', '.'] },
  {
    name: 'benchmark smoke test (bench --quick)',
    cmd: ['npm', 'run', '-s', 'bench', '--', '--quick'],
  },
];

let passed = 0;
let failed = 0;
for (const { name, cmd } of checks) {
  const started = Date.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: repoRoot, encoding: 'utf8' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status === 0) {
    passed++;
    console.log(`✔ ${name} (${seconds} s)`);
  } else {
    failed++;
    console.log(`✖ ${name} (${seconds} s)`);
    console.log(`${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n'));
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
