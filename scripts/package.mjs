#!/usr/bin/env node
// `npm run package` after the production build: the VSIX, with a README for users (the
// README without its "Developing" part, between <!-- dev:start --> and <!-- dev:end -->),
// written to dist/gradient-norm-lens.vsix, or to FILE with `--out FILE` (the bench's sizes).
//
//   node scripts/package.mjs [--out FILE]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './lib/paths.mjs';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const forUsers = readme.replace(/<!-- dev:start -->[\s\S]*?<!-- dev:end -->\n?/g, '');
if (forUsers === readme) {
  console.error(
    'package: README.md has no <!-- dev:start --> … <!-- dev:end --> part to leave out',
  );
  process.exit(1);
}
const out = join(repoRoot, 'out', 'package');
mkdirSync(out, { recursive: true });
const readmePath = join(out, 'README.md'); // vsce takes it relative to the repository
writeFileSync(readmePath, forUsers);

const at = process.argv.indexOf('--out');
const outFile =
  at >= 0 ? resolve(process.argv[at + 1]) : join(repoRoot, 'dist', 'gradient-norm-lens.vsix');
const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
const result = spawnSync(
  vsce,
  [
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--readme-path',
    'out/package/README.md',
    '--out',
    outFile,
  ],
  // No prompts (CI has no stdin); vsce's report on stdout, for the bench to read.
  { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] },
);
process.exit(result.status ?? 1);
