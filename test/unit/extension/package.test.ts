import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');

/** The files `npm run package` puts in the VSIX (vsce's own listing, from .vscodeignore). */
function packagedFiles(): string[] {
  const run = spawnSync(join(root, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.split('\n').filter(Boolean);
}

describe('the VSIX', () => {
  const files = packagedFiles();

  it('carries every picture the README shows users (their details page)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(
      /<!-- dev:start -->[\s\S]*?<!-- dev:end -->/g,
      '',
    );
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)]
      .map((m) => m[1])
      .filter((link) => !/^[a-z]+:/i.test(link));
    assert.ok(images.length > 0, 'the README shows a picture');
    for (const image of images) assert.ok(files.includes(image), `${image} is not packaged`);
  });

  it('carries no source maps, sources, tests or the CLI', () => {
    const extra = files.filter(
      (f) => f.endsWith('.map') || /^(src|test|scripts|bench)\//.test(f) || f === 'dist/cli.js',
    );
    assert.deepEqual(extra, []);
  });
});
