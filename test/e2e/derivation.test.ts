// End-to-end: what a user sees. A real VS Code 1.100 (code-server) with the extension under
// development, driven in headless Chromium the way a user would: command palette, mouse
// hover, side panel, typing. Screenshots of every screen go to screenshots/e2e/.
//
// The tests run in order and build on each other (one window, like a user's session).
// Environment: GNL_EXTENSION_PATH (default: the repository).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import {
  launchChromium,
  repoRoot,
  startCodeServer,
  workbenchUrl,
  type CodeServer,
} from '../../scripts/lib/vscode-web';

const extensionPath = resolve(process.env.GNL_EXTENSION_PATH || repoRoot);
const shots = join(repoRoot, 'screenshots', 'e2e');
const COMMAND_TITLE = 'Gradient Norm: Show Derivation';
const VIEW_CONTAINER = 'gradientNormLens';
const FIXTURE = 'python/functions.py';
const FUNCTION = 'himmelblau';

let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let workspace: string;
const consoleLines: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });
const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

/** Polls `fn` until it returns a truthy value or `ms` pass. */
async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000) {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err; // frames come and go while webviews load
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${ms / 1000}s waiting for ${what}` +
          (last ? ` (last error: ${(last as Error).message})` : ''),
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Webview content frames: each webview is an iframe whose content is in a nested iframe. */
async function webviewFrames(inside?: string): Promise<Frame[]> {
  const box = inside ? await page.locator(inside).first().boundingBox() : null;
  const found: Frame[] = [];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || frame.parentFrame() === page.mainFrame()) continue;
    if (box) {
      const el = await frame.frameElement().catch(() => undefined);
      const fb = await el?.boundingBox();
      if (!fb || fb.width === 0) continue;
      const cx = fb.x + fb.width / 2;
      const cy = fb.y + fb.height / 2;
      if (cx < box.x || cx > box.x + box.width || cy < box.y || cy > box.y + box.height) continue;
    }
    found.push(frame);
  }
  return found;
}

function viewContainerTitle(): string {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  const containers = manifest.contributes?.viewsContainers?.activitybar ?? [];
  const found = containers.find((c: { id: string }) => c.id === VIEW_CONTAINER);
  assert.ok(found, `package.json contributes no activity bar container "${VIEW_CONTAINER}"`);
  return found.title;
}

async function frameText(frame: Frame) {
  return frame.evaluate(() => document.body?.innerText ?? '');
}

async function runCommand(title: string) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  // The list filters as you type; Enter before it has would run the wrong command.
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** Opens a file of the workspace through Quick Open, as a user would. */
async function quickOpen(fileName: string): Promise<void> {
  await page.keyboard.press(`${mod}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(fileName);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: fileName })
    .first()
    .waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** Hovers the middle of `box` until `image` shows in the hover, and waits for it to load. */
async function hoverUntilLoaded(
  box: { x: number; y: number; width: number; height: number },
  image: Locator,
): Promise<void> {
  await waitFor(
    `a hover showing ${image.toString()}`,
    async () => {
      // Moving away and back restarts the hover delay if an earlier attempt was too early.
      await page.mouse.move(box.x + box.width / 2, box.y + box.height + 60);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      await image.first().waitFor({ state: 'visible', timeout: 4000 });
      return true;
    },
    30_000,
  );
  await waitFor('the hover image to load', () =>
    image.first().evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0),
  );
}

/** A test that, when it fails, leaves a screenshot of what was on screen at that moment. */
function uiTest(name: string, fn: () => Promise<void>) {
  test(name, async () => {
    try {
      await fn();
    } catch (err) {
      const file = `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      await shot(file).catch(() => undefined);
      throw err;
    }
  });
}

describe('Gradient Norm Lens in VS Code (code-server)', { timeout: 240_000 }, () => {
  before(async () => {
    mkdirSync(shots, { recursive: true });
    // A copy: the tests type into files, and the repository's fixtures must stay as they are.
    workspace = mkdtempSync(join(tmpdir(), 'gnl-e2e-'));
    cpSync(join(repoRoot, 'test', 'fixtures'), workspace, { recursive: true });
    server = await startCodeServer({ folder: workspace });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Console lines of every frame, webviews included: CSP violations show up here.
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  uiTest('the workbench loads with the extension under development', async () => {
    assert.ok(server);
    const url = workbenchUrl(server, workspace, { extensionDevelopmentPath: extensionPath });
    await page.goto(url, { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer shows the folder once the window is really up.
    await page.locator('.explorer-folders-view').waitFor({ timeout: 30_000 });
    await shot('01-workbench');
  });

  uiTest(`opening ${FIXTURE} shows ${FUNCTION}`, async () => {
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
    await quickOpen(FIXTURE.split('/').pop()!);
    const token = page.locator('.monaco-editor .view-line span', { hasText: FUNCTION }).first();
    await token.waitFor({ timeout: 20_000 });
    // Put the cursor inside the function, as a user asking about it would.
    await token.click();
    await shot('02-editor');
  });

  uiTest(`"${COMMAND_TITLE}" opens a webview where KaTeX rendered`, async () => {
    await runCommand(COMMAND_TITLE);
    const frame = await waitFor(
      'a webview with rendered KaTeX (.katex)',
      async () => {
        for (const f of await webviewFrames()) {
          if ((await f.locator('.katex').count()) > 0) return f;
        }
        return undefined;
      },
      45_000,
    );
    // Let fonts and the rest of the derivation settle before the picture.
    await page.waitForTimeout(1500);
    await shot('03-derivation');
    const errors = await frame.locator('.katex-error').allInnerTexts();
    assert.deepEqual(errors, [], `KaTeX errors in the webview: ${errors.join(' | ')}`);
  });

  uiTest(`hovering over ${FUNCTION} shows a hover with an image`, async () => {
    // Back to the editor, so its hover is the one that opens.
    const token = page.locator('.monaco-editor .view-line span', { hasText: FUNCTION }).first();
    const box = await token.boundingBox();
    assert.ok(box, `no ${FUNCTION} token on screen`);
    await hoverUntilLoaded(box, page.locator('.monaco-hover img'));
    await shot('04-hover');
  });

  uiTest('the side panel follows typing in the document', async () => {
    await page.mouse.move(5, 450); // close the hover
    await page.keyboard.press('Escape');
    // The activity bar icon is labelled with the container's title from the manifest.
    const title = viewContainerTitle();
    await page.locator(`.activitybar a.action-label[aria-label^="${title}"]`).first().click();
    const sidebar = '.part.sidebar';
    const panel = await waitFor(
      'a webview in the side bar',
      async () => {
        for (const f of await webviewFrames(sidebar)) {
          if ((await frameText(f)).trim().length > 0) return f;
        }
        return undefined;
      },
      30_000,
    );
    await page.waitForTimeout(1000);
    await shot('05-side-panel');
    const before = await frameText(panel);

    // Change the function the cursor is in (still valid Python), then see the panel follow.
    const token = page.locator('.monaco-editor .view-line span', { hasText: FUNCTION }).first();
    await token.click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.type(' + x*y', { delay: 30 });
    await waitFor(
      'the side panel to change after typing',
      async () => {
        const now = await frameText(panel);
        return now !== before ? now : undefined;
      },
      20_000,
    );
    await page.waitForTimeout(800);
    await shot('06-side-panel-after-typing');
  });

  uiTest('"Set Sample Point" from the palette moves the numeric checks there', async () => {
    // The cursor is still inside the function, where the previous test typed.
    await runCommand('Gradient Norm: Set Sample Point');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('2.5, -1.25');
    await page.keyboard.press('Enter');
    // The derivation panel (opened above) checks at the new point: its table shows it.
    const frame = await waitFor(
      'a webview whose checks table shows the point (2.5, -1.25)',
      async () => {
        for (const f of await webviewFrames()) {
          const text = await frameText(f);
          // Negative numbers are shown with a true minus sign (U+2212).
          if (/\(2\.5,\s*[-\u2212]1\.25\)/.test(text)) return f;
        }
        return undefined;
      },
      30_000,
    );
    await frame.evaluate(() => document.querySelector('table')?.scrollIntoView());
    await page.waitForTimeout(500);
    await shot('07-sample-point');
  });

  uiTest('a .m file opened as Objective-C is offered as MATLAB, then gets CodeLens', async () => {
    await page.keyboard.press(`${mod}+P`);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('matlab/functions.m');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'functions.m' })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    const offer = page.locator('.notification-toast', { hasText: 'reads as MATLAB' });
    await offer.waitFor({ timeout: 20_000 });
    await shot('08-matlab-offer');
    await offer.getByRole('button', { name: 'Open as MATLAB' }).click();
    // The status bar names the new language, and each definition gets its CodeLens.
    await page
      .locator('.statusbar-item', { hasText: 'MATLAB' })
      .first()
      .waitFor({ timeout: 20_000 });
    await page
      .locator('.monaco-editor .codelens-decoration', { hasText: '∇‖∇' })
      .first()
      .waitFor({ timeout: 30_000 });
    // The side panel follows: the cursor is on line 1, outside any function.
    await waitFor(
      'the side panel to read the MATLAB file',
      async () => {
        for (const f of await webviewFrames()) {
          const kind = await f.evaluate(() => document.body?.dataset.kind).catch(() => undefined);
          if (kind === 'side' && (await frameText(f)).includes('Place the cursor inside')) return f;
        }
        return undefined;
      },
      20_000,
    );
    await shot('09-matlab-codelens');
  });

  uiTest('after a window reload the derivation panel comes back with its function', async () => {
    await page.reload({ timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await waitFor(
      `the restored panel (body data-kind="panel") deriving ${FUNCTION} with KaTeX`,
      async () => {
        for (const f of await webviewFrames()) {
          const kind = await f.evaluate(() => document.body?.dataset.kind).catch(() => undefined);
          if (kind !== 'panel') continue;
          const text = await frameText(f);
          if (text.includes(`∇‖∇${FUNCTION}‖₁`) && (await f.locator('.katex').count()) > 0) {
            return f;
          }
        }
        return undefined;
      },
      60_000,
    );
    await page.waitForTimeout(800);
    await shot('10-after-reload');
  });

  uiTest('a tanh layer: the hover defines the shorthands its result uses', async () => {
    await quickOpen('layer.py');
    const token = page.locator('.monaco-editor .view-line span', { hasText: 'layer' }).first();
    await token.waitFor({ timeout: 20_000 });
    const box = await token.boundingBox();
    assert.ok(box, 'no layer token on screen');
    // The result, written with u1…, and below it what u1… stand for, as images.
    await hoverUntilLoaded(box, page.locator('.monaco-hover img[alt^="u1 = tanh("]'));
    await shot('11-hover-shorthands');
    await page.mouse.move(5, 450);
    await page.keyboard.press('Escape');
  });

  uiTest('with the cursor in the layer, the side panel lists its shorthands, drawn', async () => {
    await page.locator('.monaco-editor .view-line span', { hasText: 'layer' }).first().click();
    const side = await waitFor(
      'the side panel showing a Shorthands card with KaTeX',
      async () => {
        for (const f of await webviewFrames()) {
          const kind = await f.evaluate(() => document.body?.dataset.kind).catch(() => undefined);
          // The card titles are upper case on screen (CSS), so innerText is too.
          if (kind !== 'side' || !/shorthands/i.test(await frameText(f))) continue;
          if ((await f.locator('section .katex').count()) > 0) return f;
        }
        return undefined;
      },
      30_000,
    );
    await side.evaluate(() =>
      Array.from(document.querySelectorAll('section'))
        .find((s) => s.querySelector('h3')?.textContent === 'Shorthands')
        ?.scrollIntoView(),
    );
    await page.waitForTimeout(800);
    await shot('12-side-panel-shorthands');
    assert.deepEqual(await side.locator('.katex-error').allInnerTexts(), []);
  });

  test('no Content Security Policy violations on any of these screens', () => {
    const csp = consoleLines.filter((l) => /Content Security Policy|Refused to/i.test(l));
    assert.deepEqual(csp, []);
  });
});
