// `npm start`: a VS Code (code-server, built by `npm run setup`) with the extension under
// development installed, on examples/, at a loopback address. Runs until Ctrl+C.
//
// The extension is linked into code-server's extensions folder rather than passed in the
// page's payload, so the plain address works in any browser tab and after a reload. After
// `npm run build`, run "Developer: Reload Window" in that tab to load the new build.
//
// Environment: PORT (default 8080, or a free port if that is taken), GNL_EXTENSION_PATH
// (default: the repository), GNL_FOLDER (default: a working copy of examples/).
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { HOST, freePort, repoRoot, requireCodeServer, startCodeServer } from './lib/vscode-web';

const extensionPath = resolve(process.env.GNL_EXTENSION_PATH || repoRoot);
const cacheDir = resolve(process.env.GNL_CACHE_DIR || join(repoRoot, '.cache'));

function portIsFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, HOST, () => srv.close(() => res(true)));
  });
}

/**
 * The folder to open. By default a working copy of examples/ under the cache, made once:
 * browser VS Code saves as you type, and edits made while trying the extension must not
 * land in the repository's own examples. Delete .cache/start/examples for a fresh copy.
 */
function pickFolder(): string {
  const wanted = process.env.GNL_FOLDER && resolve(process.env.GNL_FOLDER);
  if (wanted && existsSync(wanted)) return wanted;
  const examples = join(repoRoot, 'examples');
  if (!existsSync(examples)) return join(repoRoot, 'test/fixtures');
  const copy = join(cacheDir, 'start', 'examples');
  if (!existsSync(copy)) cpSync(examples, copy, { recursive: true });
  return copy;
}

/** Links the extension into `dir` under the name VS Code gives installed extensions. */
function linkExtension(dir: string) {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  mkdirSync(dir, { recursive: true });
  // Old links (other versions) and VS Code's cached list of what is installed go, so the
  // folder is scanned afresh and finds exactly this one.
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(`${id}-`) || entry === 'extensions.json' || entry === '.obsolete') {
      rmSync(join(dir, entry), { recursive: true, force: true });
    }
  }
  symlinkSync(extensionPath, join(dir, `${id}-${manifest.version}`), 'dir');
  return id;
}

async function main() {
  requireCodeServer();
  const main = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')).main;
  if (main && !existsSync(join(extensionPath, main))) {
    console.warn(`warning: ${main} is not built yet (npm run build); VS Code will not load it`);
  }
  const wanted = Number(process.env.PORT || 8080);
  const port = (await portIsFree(wanted)) ? wanted : await freePort();
  const folder = pickFolder();
  // Kept between runs, like a normal VS Code profile: open editors and layout survive.
  const userDataDir = join(cacheDir, 'start', 'user-data');
  const extensionsDir = join(cacheDir, 'start', 'extensions');
  const id = linkExtension(extensionsDir);
  const server = await startCodeServer({ folder, port, userDataDir, extensionsDir });
  console.log('');
  console.log(`  Gradient Norm Lens (${id}) in VS Code 1.100 (code-server), on ${folder}`);
  console.log('');
  console.log(`  Open  ${server.origin}/`);
  console.log('');
  console.log('  Try: open a .py file, F1 → "Gradient Norm: Show Derivation".');
  console.log('  After `npm run build`: F1 → "Developer: Reload Window". Ctrl+C stops.');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`npm start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
