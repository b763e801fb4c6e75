// Integration suite in a real VS Code 1.100 (code-server from `npm run setup`), for machines
// without internet access, where @vscode/test-electron cannot download VS Code.
//
// 1. bundles test/integration/suite/index.ts (exports run(), the @vscode/test-electron
//    convention) to out/test/integration/suite.js;
// 2. starts code-server on a free loopback port with a fresh user-data-dir;
// 3. opens the workbench in headless Chromium with the extension under development and the
//    suite in the page's `payload`; VS Code runs the suite in its extension host and reports
//    the exit code through window.codeAutomationExit, the log through codeAutomationLog;
// 4. prints the suite's log, then `N passed, N failed`, and exits with the suite's code.
//
// Environment: GNL_EXTENSION_PATH (default: the repository), GNL_INTEGRATION_SUITE (default:
// test/integration/suite/index.ts), GNL_INTEGRATION_FOLDER (default: test/fixtures),
// GNL_TIMEOUT_MS (default 300000, the whole run).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import {
  launchChromium,
  repoRoot,
  requireCodeServer,
  startCodeServer,
  withTimeout,
  workbenchUrl,
  type CodeServer,
} from '../../scripts/lib/vscode-web';
import { bundleSuite, mochaCounts, suiteBundlePath } from '../../scripts/lib/bundle-suite';
import type { Browser } from 'playwright-core';

const budgetMs = Number(process.env.GNL_TIMEOUT_MS || 300_000);
const extensionPath = resolve(process.env.GNL_EXTENSION_PATH || repoRoot);
const suiteSource = resolve(
  process.env.GNL_INTEGRATION_SUITE || join(repoRoot, 'test/integration/suite/index.ts'),
);
const folder = resolve(process.env.GNL_INTEGRATION_FOLDER || join(repoRoot, 'test/fixtures'));
const bundle = suiteBundlePath(repoRoot);

const log = (msg: string) => console.log(`[integration] ${msg}`);

async function main(): Promise<number> {
  requireCodeServer();
  if (!existsSync(join(extensionPath, 'package.json'))) {
    throw new Error(`no extension at ${extensionPath}`);
  }
  if (!existsSync(folder)) throw new Error(`no workspace folder ${folder}`);
  const started = Date.now();
  await bundleSuite(suiteSource, bundle);
  log(`suite bundled to ${bundle}`);

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const lines: string[] = [];
  try {
    server = await startCodeServer({ folder });
    log(`code-server on ${server.origin}`);
    browser = await launchChromium();
    const page = await browser.newPage();

    let exitWith!: (code: number) => void;
    const exited = new Promise<number>((r) => (exitWith = r));
    await page.exposeFunction('codeAutomationExit', (code: number) => exitWith(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The arguments of a console call: a format string ("%d passing") and its values.
      // %c (CSS for the browser console) gets an empty string, as in the browser.
      const list = Array.isArray(args) ? args : [args];
      const text = format(...list).replace(/color: #[0-9a-f]+ ?/gi, '');
      for (const line of text.split('\n')) {
        lines.push(line);
        // The workbench asks the marketplace (unreachable here) and logs each failure with a
        // stack into the workbench bundle: noise that would bury the suite's own output.
        if (/open-vsx\.org|workbench\.js:\d+/.test(line)) continue;
        console.log(type === 'error' ? `  ! ${line}` : `  ${line}`);
      }
    });
    // Workbench errors (extension failed to load, CSP) are otherwise invisible here.
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });

    const url = workbenchUrl(server, folder, {
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: bundle,
    });
    await page.goto(url, { timeout: 60_000 });
    const remaining = budgetMs - (Date.now() - started);
    let code: number;
    try {
      code = await withTimeout(exited, remaining, 'integration suite');
    } catch (err) {
      await page
        .screenshot({ path: join(repoRoot, 'screenshots/integration-timeout.png') })
        .catch(() => undefined);
      log(`${(err as Error).message}; workbench errors:\n  ${pageErrors.slice(-20).join('\n  ')}`);
      log(`code-server output (last lines):\n${server.output().split('\n').slice(-30).join('\n')}`);
      code = 124;
    }
    const counts = mochaCounts(lines);
    let failed = counts.failed;
    // A suite that failed before mocha could count (load error, timeout) is one failure.
    if (code !== 0 && failed === 0) failed = 1;
    if (code !== 0 && counts.passed === undefined && pageErrors.length > 0) {
      log(`workbench errors:\n  ${pageErrors.slice(-20).join('\n  ')}`);
    }
    log(`exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
    console.log(`${counts.passed ?? 0} passed, ${failed} failed`);
    return code === 0 && failed === 0 ? 0 : 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[integration] ${err instanceof Error ? err.message : err}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
