// Bundles the integration suite (test/integration/suite/index.ts, which exports run() in the
// @vscode/test-electron convention) into one CommonJS file that VS Code's extension host
// loads as extensionTestsPath. Shared by both integration runners.
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export async function bundleSuite(source: string, outfile: string): Promise<void> {
  if (!existsSync(source)) throw new Error(`no integration suite at ${source}`);
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    // vscode is provided by the extension host. mocha stays a plain require, resolved from
    // the repository's node_modules: bundled, its reporters' dynamic requires break.
    external: ['vscode', 'mocha'],
  });
}

/** Mocha's spec reporter ends with "N passing" and, if any, "N failing". */
export function mochaCounts(lines: string[]): { passed?: number; failed: number } {
  let passed: number | undefined;
  let failed = 0;
  for (const line of lines) {
    const p = /^\s*(\d+) passing\b/.exec(line);
    if (p) passed = (passed ?? 0) + Number(p[1]);
    const f = /^\s*(\d+) failing\b/.exec(line);
    if (f) failed += Number(f[1]);
  }
  return { passed, failed };
}

export const suiteBundlePath = (root: string) => join(root, 'out/test/integration/suite.js');

// Run directly (the "build tests" task in .vscode/tasks.json): bundle the default suite.
if (require.main === module) {
  const root = join(__dirname, '..', '..');
  bundleSuite(join(root, 'test/integration/suite/index.ts'), suiteBundlePath(root)).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
