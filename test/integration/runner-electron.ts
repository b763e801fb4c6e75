// Integration suite in desktop VS Code, downloaded by @vscode/test-electron. For machines
// with internet access (`npm run test:electron`); on Linux without a display, run it under
// xvfb-run. Machines without internet use runner-code-server.ts, which `npm test` runs.
//
// Same suite, same bundle and the same closing `N passed, N failed` line as that runner.
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleSuite, mochaCounts, suiteBundlePath } from '../../scripts/lib/bundle-suite';

const repoRoot = resolve(__dirname, '..', '..');
const suiteSource = resolve(
  process.env.GNL_INTEGRATION_SUITE || join(repoRoot, 'test/integration/suite/index.ts'),
);
const folder = resolve(process.env.GNL_INTEGRATION_FOLDER || join(repoRoot, 'test/fixtures'));

// The lowest VS Code the manifest accepts: the API we promise is the one we test.
function vscodeVersion(): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const m = /(\d+\.\d+)(\.\d+)?/.exec(manifest.engines?.vscode ?? '');
  return process.env.GNL_VSCODE_VERSION || (m ? `${m[1]}${m[2] ?? '.0'}` : 'stable');
}

async function main(): Promise<number> {
  const bundle = suiteBundlePath(repoRoot);
  await bundleSuite(suiteSource, bundle);
  // runTests writes the extension host's output to our stdout; keep a copy to count.
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    lines.push(...chunk.toString().split('\n'));
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  const userData = mkdtempSync(join(tmpdir(), 'gnl-electron-'));
  let code: number;
  try {
    code = await runTests({
      version: vscodeVersion(),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: bundle,
      launchArgs: [
        folder,
        '--disable-extensions', // only the extension under development
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${userData}`,
      ],
    });
  } catch (err) {
    console.error(`[electron] ${err instanceof Error ? err.message : err}`);
    code = 1;
  } finally {
    process.stdout.write = write;
    rmSync(userData, { recursive: true, force: true });
  }
  const counts = mochaCounts(lines);
  const failed = code !== 0 && counts.failed === 0 ? 1 : counts.failed;
  console.log(`${counts.passed ?? 0} passed, ${failed} failed`);
  return code === 0 && failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
