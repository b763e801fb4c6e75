#!/usr/bin/env node
// `npm test`: build, then the unit, integration and end-to-end suites, one after another.
// Each suite ends with `N passed, N failed`; this prints one closing line per suite and the
// total as `N passed, N failed` alone on the last line (CI reads that form). Exits non-zero
// if anything failed, including a suite that could not run (no VS Code: run npm run setup).
//
//   npm test                     all suites
//   npm test -- unit e2e         only those suites (names: static, unit, integration, e2e)
import { spawn } from 'node:child_process';
import { repoRoot } from './lib/paths.mjs';

const node = process.execPath;
const suites = [
  { name: 'static', cmd: [node, 'scripts/check-static.mjs'], budgetMin: 6 },
  { name: 'unit', cmd: [node, 'scripts/run-node-tests.mjs', 'test/unit'], budgetMin: 10 },
  {
    name: 'integration',
    cmd: [node, '--import', 'tsx', 'test/integration/runner-code-server.ts'],
    budgetMin: 6,
  },
  {
    name: 'e2e',
    cmd: [node, 'scripts/run-node-tests.mjs', 'test/e2e', '--needs-vscode'],
    budgetMin: 8,
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !suites.some((s) => s.name === w));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: static, unit, integration, e2e`);
  process.exit(2);
}
const selected = wanted.length ? suites.filter((s) => wanted.includes(s.name)) : suites;

/** Runs a command, echoing its output, remembering the last `N passed, N failed` line. */
function run(name, [cmd, ...args], budgetMin) {
  return new Promise((resolve) => {
    const started = Date.now();
    // Its own process group, so a suite over its budget is stopped with everything it runs.
    const child = spawn(cmd, args, {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let counts;
    let pending = '';
    const scan = (chunk, stream) => {
      stream.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^(\d+) passed, (\d+) failed$/.exec(line.trim());
        if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
      }
    };
    child.stdout.on('data', (c) => scan(c, process.stdout));
    child.stderr.on('data', (c) => scan(c, process.stderr));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n[test] ${name}: over its ${budgetMin}-minute budget, stopping it`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, budgetMin * 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      resolve({ code: timedOut ? 124 : (code ?? 1), counts, seconds });
    });
  });
}

const results = [];
const started = Date.now();
console.log('[test] build (npm run build)');
const build = await run('build', ['npm', 'run', '--silent', 'build'], 5);
if (build.code !== 0) {
  console.error('[test] build failed: the suites would test stale or missing code');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

for (const suite of selected) {
  console.log(`\n[test] ===== ${suite.name} =====`);
  const r = await run(suite.name, suite.cmd, suite.budgetMin);
  let { passed = 0, failed = 0 } = r.counts ?? {};
  // Exiting non-zero without a failure counted (crash, timeout, missing VS Code) is a failure,
  // never a silent pass.
  if (r.code !== 0 && failed === 0) failed = 1;
  results.push({ name: suite.name, passed, failed, seconds: r.seconds, code: r.code });
}

console.log('\n[test] ===== summary =====');
for (const r of results) {
  const status = r.failed === 0 ? 'ok  ' : 'FAIL';
  console.log(
    `[test] ${status} ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed` +
      `  (${r.seconds.toFixed(1)}s)`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`[test] total ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
