// Starting a real VS Code (code-server, built by `npm run setup`) and a headless Chromium
// for it. Shared by `npm start`, the integration runner and the end-to-end suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

// Types for the .mjs module next to this one, which setup.mjs also uses before node_modules
// (and so tsx) exists.
type Paths = {
  repoRoot: string;
  codeServerEntry: string;
  chromiumPath: string;
  requireCodeServer(): void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const paths = require('./paths.mjs') as Paths;
export const { repoRoot, codeServerEntry, chromiumPath, requireCodeServer } = paths;

export const HOST = '127.0.0.1';

export const DEFAULT_SETTINGS: Record<string, unknown> = {
  // Without these a trust dialog or a welcome page covers the window.
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The workspace sits inside this repository; the prompt about it covers the panel.
  'git.openRepositoryInParentFolders': 'never',
  // No marketplace here: these keep VS Code from asking open-vsx.org, which fails loudly.
  'extensions.ignoreRecommendations': true,
  'extensions.showRecommendationsOnlyOnDemand': true,
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  userDataDir: string;
  extensionsDir: string;
  /** Everything code-server printed, for failure reports. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  folder: string;
  port?: number;
  /** Default: a fresh temporary directory, removed on stop. */
  userDataDir?: string;
  extensionsDir?: string;
  settings?: Record<string, unknown>;
  /** Echo code-server's own output (npm start does; test runners keep it for failures). */
  echo?: boolean;
  timeoutMs?: number;
}

export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  requireCodeServer();
  const port = opts.port ?? (await freePort());
  const scratch = mkdtempSync(join(tmpdir(), 'gnl-code-server-'));
  const userDataDir = opts.userDataDir ?? join(scratch, 'user-data');
  const extensionsDir = opts.extensionsDir ?? join(scratch, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // An explicit config file keeps code-server from writing ~/.config/code-server/.
  const config = join(scratch, 'config.yaml');
  writeFileSync(config, `bind-addr: ${HOST}:${port}\nauth: none\ncert: false\n`);

  const args = [
    codeServerEntry,
    '--config',
    config,
    '--auth',
    'none',
    '--bind-addr',
    `${HOST}:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    opts.folder,
  ];
  // Its own process group, so stop() also ends the extension host and pty host it forks.
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      VSCODE_PROXY_URI: '',
      // No extension gallery: nothing here installs from one, and its queries would try
      // the network. Its own data (logs, heartbeat) in the scratch folder, not in ~.
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
      XDG_DATA_HOME: join(scratch, 'data'),
    },
  });
  let out = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    out += text;
    if (out.length > 200_000) out = out.slice(-100_000);
    if (opts.echo) process.stdout.write(text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  const killGroup = (signal: NodeJS.Signals) => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  // Never leave a server behind, whatever way this process ends.
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  const stop = async () => {
    process.removeListener('exit', onExit);
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exitPromise;
    clearTimeout(timer);
    killGroup('SIGKILL'); // children that ignored SIGTERM
    rmSync(scratch, { recursive: true, force: true });
  };

  const origin = `http://${HOST}:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (exited) {
      throw new Error(`code-server exited before it listened:\n${out}`);
    }
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${origin} in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, origin, userDataDir, extensionsDir, output: () => out, stop };
}

/** A workbench URL on `folder`, optionally with the extension under development and tests. */
export function workbenchUrl(
  server: CodeServer,
  folder: string,
  dev?: { extensionDevelopmentPath?: string; extensionTestsPath?: string },
): string {
  const remote = (p: string) => `vscode-remote://${HOST}:${server.port}${p}`;
  const params = new URLSearchParams({ folder });
  const payload: [string, string][] = [];
  if (dev?.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remote(dev.extensionDevelopmentPath)]);
  }
  if (dev?.extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(dev.extensionTestsPath)]);
  }
  if (payload.length > 0) params.set('payload', JSON.stringify(payload));
  return `${server.origin}/?${params.toString()}`;
}

export async function launchChromium(): Promise<Browser> {
  requireCodeServer();
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      // The machine's network is closed: without these Chromium keeps calling home.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Rejects after `ms` with a message naming what took too long. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms / 1000}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
