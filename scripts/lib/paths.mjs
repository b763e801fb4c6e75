// Where the project keeps the things `npm run setup` prepares. Shared by setup, start and
// the test runners so they all agree on one location.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// code-server 4.100.x is VS Code 1.100 and the last line whose package accepts Node 20.
export const CODE_SERVER_VERSION = '4.100.3';

// The build lives outside git (".cache/" is ignored); GNL_CACHE_DIR moves it, e.g. to share
// one build between several clones.
export const cacheDir = resolve(process.env.GNL_CACHE_DIR || join(repoRoot, '.cache'));
export const codeServerDir = join(cacheDir, 'code-server', CODE_SERVER_VERSION);
export const codeServerPkg = join(codeServerDir, 'package');
export const codeServerEntry = join(codeServerPkg, 'out', 'node', 'entry.js');
export const codeServerStamp = join(codeServerDir, 'setup-complete.json');

export const chromiumPath = process.env.GNL_CHROMIUM || '/usr/bin/chromium';

// Native modules are built for one Node ABI; a different Node needs a rebuild.
export function expectedStamp() {
  return { codeServer: CODE_SERVER_VERSION, nodeAbi: process.versions.modules };
}

export function codeServerReady() {
  if (!existsSync(codeServerStamp) || !existsSync(codeServerEntry)) return false;
  try {
    const stamp = JSON.parse(readFileSync(codeServerStamp, 'utf8'));
    const want = expectedStamp();
    return stamp.codeServer === want.codeServer && stamp.nodeAbi === want.nodeAbi;
  } catch {
    return false;
  }
}

// The one message every runner prints when the VS Code it needs is not there.
export function requireCodeServer() {
  const missing = [];
  if (!codeServerReady()) missing.push(`code-server ${CODE_SERVER_VERSION} in ${codeServerDir}`);
  if (!existsSync(chromiumPath)) missing.push(`Chromium at ${chromiumPath}`);
  if (missing.length > 0) {
    throw new Error(`Missing ${missing.join(' and ')}: run \`npm run setup\` first.`);
  }
}
