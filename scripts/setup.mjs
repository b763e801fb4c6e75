#!/usr/bin/env node
// `npm run setup`: everything the project needs, once. Safe to run again: each step checks
// whether its work is already there and skips it.
//
//   1. npm dependencies (npm ci) when node_modules is missing or older than the lock file
//   2. Debian packages: chromium (browser for tests), ripgrep (code-server's search),
//      libkrb5-dev (to build code-server's kerberos module), python3-sympy (benchmark)
//   3. code-server (VS Code 1.100 for the web) built from the npm registry into the cache,
//      without its install script, which would download prebuilt binaries from the internet.
//
// Only modules from node: are imported here: this script runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CODE_SERVER_VERSION,
  chromiumPath,
  codeServerDir,
  codeServerReady,
  codeServerStamp,
  expectedStamp,
  repoRoot,
} from './lib/paths.mjs';

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const step = (msg) => console.log(`[setup ${elapsed()}] ${msg}`);

class SetupError extends Error {}

/** Runs a command, showing its output only when it fails (or always, with verbose). */
function run(cmd, args, { cwd = repoRoot, env, quiet = true } = {}) {
  const shown = `${cmd} ${args.join(' ')}`;
  const res = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) throw new SetupError(`could not start \`${shown}\`: ${res.error.message}`);
  if (res.status !== 0) {
    const tail = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim().split('\n').slice(-40);
    throw new SetupError(
      `\`${shown}\` failed (exit ${res.status}) in ${cwd}` +
        (quiet ? `; its last output:\n  ${tail.join('\n  ')}` : ''),
    );
  }
  return res.stdout ?? '';
}

function succeeds(cmd, args) {
  const res = spawnSync(cmd, args, { stdio: 'ignore' });
  return !res.error && res.status === 0;
}

// --- 1. npm dependencies -------------------------------------------------------------------

function npmDependencies() {
  const marker = join(repoRoot, 'node_modules', '.package-lock.json');
  const lock = join(repoRoot, 'package-lock.json');
  const stale = !existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs;
  if (!stale) return step('npm dependencies: up to date');
  step('npm dependencies: npm ci');
  // npm 11 does not run dependencies' install scripts unless approved. None is needed: the
  // tree-sitter grammars would only build native bindings we do not use (we load their
  // .wasm files), and esbuild ships its binary as an optional dependency.
  run('npm', ['ci', '--no-audit', '--no-fund'], { quiet: false });
}

// --- 2. Debian packages --------------------------------------------------------------------

const debianPackages = [
  { name: 'chromium', present: () => existsSync(chromiumPath) },
  { name: 'ripgrep', present: () => existsSync('/usr/bin/rg') },
  { name: 'libkrb5-dev', present: () => existsSync('/usr/include/krb5.h') },
  // Debian's python3, not a pyenv one on PATH: that is where python3-sympy installs.
  { name: 'python3-sympy', present: () => succeeds('/usr/bin/python3', ['-c', 'import sympy']) },
];

function debianDependencies() {
  const missing = debianPackages.filter((p) => !p.present()).map((p) => p.name);
  if (missing.length === 0) return step('Debian packages: all present');
  const root = process.getuid?.() === 0;
  const sudo = !root && succeeds('sudo', ['-n', 'true']) ? ['sudo'] : [];
  if (!root && sudo.length === 0) {
    throw new SetupError(
      `Debian packages missing: ${missing.join(' ')}. Install them as root:\n` +
        `  apt-get update && apt-get install -y ${missing.join(' ')}\n` +
        'then run npm run setup again.',
    );
  }
  if (!existsSync('/usr/bin/apt-get')) {
    throw new SetupError(`missing ${missing.join(', ')} and no apt-get to install them with`);
  }
  const apt = (args) =>
    run(sudo.length ? 'sudo' : 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    });
  step(`Debian packages: apt-get update (missing: ${missing.join(' ')})`);
  apt(['update']);
  step(`Debian packages: apt-get install ${missing.join(' ')} (a minute or two)`);
  apt(['install', '-y', '--no-install-recommends', ...missing]);
  const still = debianPackages.filter((p) => !p.present()).map((p) => p.name);
  if (still.length) throw new SetupError(`still missing after apt-get: ${still.join(' ')}`);
}

// --- 3. code-server --------------------------------------------------------------------------

/** npm's own node-gyp: npm sets npm_config_node_gyp for scripts it runs. */
function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  const globalRoot = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout?.trim();
  if (globalRoot) {
    candidates.push(join(globalRoot, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) throw new SetupError('node-gyp not found (it ships with npm); is npm installed?');
  return found;
}

function buildCodeServer() {
  if (codeServerReady()) {
    return step(`code-server ${CODE_SERVER_VERSION}: already built (${codeServerDir})`);
  }
  step(`code-server ${CODE_SERVER_VERSION}: building into ${codeServerDir} (a few minutes)`);
  // Build next to the final place and rename at the end, so an interrupted build never
  // looks finished.
  const work = `${codeServerDir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });

  step('code-server: npm pack');
  const spec = `code-server@${CODE_SERVER_VERSION}`;
  run('npm', ['pack', spec, '--silent', '--pack-destination', work]);
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new SetupError('npm pack produced no tarball');
  run('tar', ['xzf', tgz], { cwd: work });
  rmSync(join(work, tgz));
  const pkg = join(work, 'package');
  const vscode = join(pkg, 'lib', 'vscode');

  // --ignore-scripts: the packages' own install scripts download prebuilt binaries, which
  // this network does not allow. We build what they would have fetched ourselves below.
  for (const dir of [pkg, vscode, join(vscode, 'extensions')]) {
    step(`code-server: npm install in ${dir.slice(work.length + 1)}`);
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: dir,
    });
  }

  const gyp = nodeGyp();
  const nodedir = run('npm', ['config', 'get', 'nodedir']).trim();
  const gypArgs = [
    'rebuild',
    '-j',
    '2',
    ...(nodedir && nodedir !== 'undefined' ? [`--nodedir=${nodedir}`] : []),
  ];
  const natives = [
    ...[
      'node-pty',
      '@vscode/spdlog',
      '@parcel/watcher',
      'native-watchdog',
      'kerberos',
      '@vscode/deviceid',
    ].map((m) => ({ dir: join(vscode, 'node_modules', m), extra: [] })),
    {
      // argon2 loads its binding the node-pre-gyp way, from lib/binding/napi-v3.
      dir: join(pkg, 'node_modules', 'argon2'),
      extra: [
        '--module_name=argon2',
        '--napi_build_version=3',
        `--module_path=${join(pkg, 'node_modules', 'argon2', 'lib', 'binding', 'napi-v3')}`,
      ],
    },
  ];
  for (const { dir, extra } of natives) {
    step(`code-server: node-gyp build ${dir.slice(pkg.length + 1)}`);
    run(process.execPath, [gyp, ...gypArgs, ...extra], { cwd: dir });
  }

  // What the package's postinstall.sh would have done.
  step('code-server: ripgrep, node_modules.asar and bin links');
  const rgDir = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  cpSync('/usr/bin/rg', join(rgDir, 'rg'));
  const link = (target, path) => {
    rmSync(path, { force: true });
    symlinkSync(target, path);
  };
  link('node_modules', join(vscode, 'node_modules.asar'));
  link('code-linux.sh', join(vscode, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(vscode, 'bin', 'helpers', 'browser.sh'));

  // Load every native module once, so a broken build fails here and not inside a test.
  step('code-server: checking the native modules load');
  const check = natives.map((n) => `require(${JSON.stringify(n.dir)})`).join(';');
  run(process.execPath, ['-e', check], { cwd: vscode });

  writeFileSync(
    join(work, 'setup-complete.json'),
    JSON.stringify(
      {
        ...expectedStamp(),
        builtAt: new Date().toISOString(),
      },
      null,
      2,
    ),
  );
  rmSync(codeServerDir, { recursive: true, force: true });
  renameSync(work, codeServerDir);
  if (!codeServerReady()) throw new SetupError(`build finished but ${codeServerStamp} is wrong`);
  step(`code-server ${CODE_SERVER_VERSION}: ready`);
}

// --- main ----------------------------------------------------------------------------------

try {
  npmDependencies();
  debianDependencies();
  buildCodeServer();
  step('done. Next: `npm start` (VS Code with the extension) or `npm test`.');
} catch (err) {
  console.error(`\n[setup] FAILED after ${elapsed()}: ${err instanceof Error ? err.message : err}`);
  if (!(err instanceof SetupError)) console.error(err);
  process.exit(1);
}
