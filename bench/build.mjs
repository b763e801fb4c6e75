// Bundles the benchmark (bench/run.ts and what it imports from src/core) into
// out/bench.js for Node, and copies the tree-sitter wasm files next to it in
// out/grammars/, where the front ends look first (then node_modules). Does not
// touch dist/, which scripts/build.mjs rebuilds from scratch.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out');
const grammars = join(out, 'grammars');
mkdirSync(grammars, { recursive: true });
for (const [pkg, file] of [
  ['web-tree-sitter', 'web-tree-sitter.wasm'],
  ['tree-sitter-python', 'tree-sitter-python.wasm'],
]) {
  cpSync(join(root, 'node_modules', pkg, file), join(grammars, file));
}

await build({
  entryPoints: [join(root, 'bench', 'run.ts')],
  outfile: join(out, 'bench.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  external: ['vscode'],
});
