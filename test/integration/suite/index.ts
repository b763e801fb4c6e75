/**
 * Integration suite entry, @vscode/test-electron convention: `run()` is
 * called inside the extension host (VS Code or code-server) and resolves
 * when all tests pass, rejects otherwise.
 *
 * The runner bundles this file (vscode and mocha external), so suite files
 * are not added with `mocha.addFile` (there are no separate .js files to
 * load): instead mocha's BDD globals are installed first and each suite
 * module is imported afterwards, which registers its tests.
 */
import Mocha from 'mocha';

/** Runs every suite; rejects with the number of failures. */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // Installs describe/it/before... on globalThis, as mocha does before requiring a file.
  mocha.suite.emit('pre-require', globalThis, 'gradient-norm-lens-suite', mocha);
  await import('./activation.suite.js');
  await import('./panel.suite.js');
  await import('./providers.suite.js');
  await import('./sideView.suite.js');
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve(),
    );
  });
}
