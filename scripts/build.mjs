// Bundles the project with esbuild: the CLI and the extension host code for
// Node, the webview code for the browser, and copies the assets they load at
// run time (tree-sitter grammars, KaTeX's stylesheet and fonts) into dist/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const nodeEntries = [
  { in: 'src/cli.ts', out: 'cli' },
  { in: 'src/extension/extension.ts', out: 'extension' },
  { in: 'src/extension/worker.ts', out: 'worker' },
  // MathJax (hover SVGs) is ~2 MB: its own file, required by the worker on the first hover only.
  { in: 'src/extension/mathSvg.ts', out: 'mathsvg' },
].filter((e) => existsSync(join(root, e.in)));

const webEntries = [{ in: 'src/webview/main.ts', out: 'webview' }].filter((e) =>
  existsSync(join(root, e.in)),
);

function copyAssets() {
  const grammars = join(dist, 'grammars');
  mkdirSync(grammars, { recursive: true });
  const wasm = [
    ['web-tree-sitter', 'web-tree-sitter.wasm'],
    ['tree-sitter-python', 'tree-sitter-python.wasm'],
    ['tree-sitter-javascript', 'tree-sitter-javascript.wasm'],
    ['tree-sitter-typescript', 'tree-sitter-typescript.wasm'],
    ['tree-sitter-julia', 'tree-sitter-julia.wasm'],
  ];
  for (const [pkg, file] of wasm) {
    cpSync(join(root, 'node_modules', pkg, file), join(grammars, file));
  }
  const katexDist = join(root, 'node_modules', 'katex', 'dist');
  mkdirSync(join(dist, 'katex'), { recursive: true });
  cpSync(join(katexDist, 'katex.min.css'), join(dist, 'katex', 'katex.min.css'));
  cpSync(join(katexDist, 'fonts'), join(dist, 'katex', 'fonts'), { recursive: true });
}

async function main() {
  // A fresh dist/, but for a packaged VSIX (`npm run package`): a later build keeps it.
  if (!watch && existsSync(dist)) {
    for (const entry of readdirSync(dist)) {
      if (!entry.endsWith('.vsix')) rmSync(join(dist, entry), { recursive: true, force: true });
    }
  }
  mkdirSync(dist, { recursive: true });
  copyAssets();
  const common = {
    bundle: true,
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    legalComments: 'none',
  };
  const jobs = [];
  if (nodeEntries.length > 0) {
    jobs.push(
      build({
        ...common,
        entryPoints: nodeEntries,
        outdir: dist,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['vscode'],
      }),
    );
  }
  if (webEntries.length > 0) {
    jobs.push(
      build({
        ...common,
        entryPoints: webEntries,
        outdir: dist,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
      }),
    );
  }
  await Promise.all(jobs);
  if (existsSync(join(dist, 'cli.js'))) chmodSync(join(dist, 'cli.js'), 0o755);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
