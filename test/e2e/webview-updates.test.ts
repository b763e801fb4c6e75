// The derivation view's own page (dist/webview.js with media/panel.css and KaTeX's CSS) in
// headless Chromium, fed the messages the extension sends while the user types: what stays,
// what is redrawn, and that nothing the user did (scrolling, opening the written-out result)
// is undone by an update. States come from the engine, for a function edited as a user would.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { deriveDocument } from '../../src/core/index';
import { viewStateFromOutcome } from '../../src/extension/viewState';
import type { HostMessage } from '../../src/shared/protocol';
import { chromiumPath, repoRoot } from '../../scripts/lib/vscode-web';

const URI = 'file:///work/rosenbrock.py';

/** Rosenbrock in 4 variables plus `k·x[0]`. */
function rosenbrock(k: number): string {
  const body = [0, 1, 2]
    .map((i) => `100*(x[${i + 1}] - x[${i}]**2)**2 + (1 - x[${i}])**2`)
    .join(' + ');
  return `def f(x):\n    return ${body} + ${k}*x[0]\n`;
}

/** The side view's state message for {@link rosenbrock}(k) at `version`, as the host sends it. */
async function stateFor(k: number, version: number, uri = URI): Promise<HostMessage> {
  const result = await deriveDocument(rosenbrock(k), 'python', { writtenOut: false });
  const doc = { uri, version };
  const state = viewStateFromOutcome(
    { doc, fileName: 'rosenbrock.py', language: 'python', functionName: 'f', timeBudgetMs: 5000 },
    { status: 'done', result },
  );
  assert.ok(state?.derivation, 'the engine derived f');
  return { type: 'state', doc, state };
}

/** The host's answer to the view's `writeOut` for {@link rosenbrock}(k) at `version`. */
async function writtenOutFor(k: number, version: number): Promise<HostMessage> {
  const [d] = (await deriveDocument(rosenbrock(k), 'python')).functions;
  assert.ok(d.latex.result, 'written out');
  return {
    type: 'writtenOut',
    doc: { uri: URI, version },
    functionName: 'f',
    result: { latex: d.latex.result },
  };
}

/** The `writeOut` requests the view has posted so far. */
function writeOutRequests(): Promise<{ doc: { version: number } }[]> {
  return page.evaluate(() =>
    (window as unknown as { posted: { type: string; doc: { version: number } }[] }).posted.filter(
      (m) => m.type === 'writeOut',
    ),
  );
}

let browser: Browser | undefined;
let page: Page;
let dir: string;

/** Posts a host message to the view and waits until it has been handled and painted. */
async function post(message: HostMessage): Promise<void> {
  await page.evaluate(
    (m) =>
      new Promise<void>((done) => {
        window.postMessage(m, '*');
        setTimeout(() => requestAnimationFrame(() => setTimeout(done, 0)), 0);
      }),
    message,
  );
}

/** Tags every drawn entry of the result and gradient tables, to tell kept nodes from new ones. */
function tagEntries(): Promise<number> {
  return page.evaluate(() => {
    const cells = document.querySelectorAll<HTMLElement>('.gn-array td');
    cells.forEach((td, i) => (td.dataset.testTag = String(i)));
    return cells.length;
  });
}

/** The entries of the first table in the card titled `title`: kept from before (tagged) or new. */
function cellsOf(title: string): Promise<{ kept: boolean; text: string }[]> {
  return page.evaluate(
    (t) =>
      Array.from(
        Array.from(document.querySelectorAll('section'))
          .find((s) => s.querySelector('h3')?.textContent === t)
          ?.querySelector('.gn-array')
          ?.querySelectorAll<HTMLElement>('td') ?? [],
      ).map((td) => ({ kept: td.dataset.testTag !== undefined, text: td.textContent ?? '' })),
    title,
  );
}

describe('derivation view: updates while typing', () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gnl-webview-'));
    const file = (p: string) => pathToFileURL(join(repoRoot, p)).href;
    const html = `<!DOCTYPE html><html><head><meta charset="UTF-8">
<link rel="stylesheet" href="${file('dist/katex/katex.min.css')}">
<link rel="stylesheet" href="${file('media/panel.css')}"></head>
<body class="gn-side" data-kind="side"><main id="root"></main>
<div id="gn-live" class="gn-sr-only" role="status" aria-live="polite"></div>
<script>
window.posted = [];
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.posted.push(m), getState: () => undefined, setState() {},
});
</script>
<script src="${file('dist/webview.js')}"></script></body></html>`;
    writeFileSync(join(dir, 'view.html'), html);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.goto(pathToFileURL(join(dir, 'view.html')).href);
  });

  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the result is shown with sign symbols, entry by entry, without KaTeX errors', async () => {
    await post(await stateFor(1, 1));
    const view = await page.evaluate(() => ({
      errors: document.querySelectorAll('.katex-error').length,
      result: document.querySelector('.gn-result .gn-array')?.textContent ?? '',
      legend: document.querySelector('.gn-result .gn-explain')?.textContent ?? '',
      rows: document.querySelector('.gn-result .gn-array')?.querySelectorAll('tr').length,
    }));
    assert.equal(view.errors, 0);
    assert.equal(view.rows, 4, 'one row per variable');
    assert.match(view.result, /s/, 'the result names the signs s_v');
    assert.doesNotMatch(view.result, /sign/, 'no sign(…) written out in the short result');
    assert.match(view.legend, /where/);
  });

  test('an edit redraws the entries that changed and keeps the others as they were', async () => {
    const tagged = await tagEntries();
    assert.ok(tagged >= 8, `entries drawn: ${tagged}`);
    const firstBefore = (await cellsOf('Gradient'))[0]?.text;
    // +1·x[0] → +5·x[0]: only ∂f/∂x₀ changes; the Hessian, hence H·s, does not.
    const next = await stateFor(5, 2);
    await post(next);
    const after = {
      result: await cellsOf('Result'),
      gradient: await cellsOf('Gradient'),
    };
    assert.deepEqual(
      after.gradient.map((c) => c.kept),
      [false, true, true, true],
      'only the first gradient entry is new',
    );
    assert.notEqual(after.gradient[0].text, firstBefore, '∂f/∂x₀ shows the new coefficient');
    assert.ok(
      after.result.every((c) => c.kept),
      'H·s did not change: kept',
    );
  });

  test('copy gives the LaTeX of the current state, not of the first', async () => {
    await page.evaluate(() => {
      const button = Array.from(document.querySelectorAll('section'))
        .find((s) => s.querySelector('h3')?.textContent === 'Gradient')
        ?.querySelector<HTMLButtonElement>('.gn-copy');
      button?.click();
    });
    const copied = await page.evaluate(
      () => (window as unknown as { posted: { type: string; latex?: string }[] }).posted,
    );
    const last = copied.filter((m) => m.type === 'copy').at(-1);
    assert.ok(last?.latex, 'a copy message was sent');
    const current = (await stateFor(5, 2)) as Extract<HostMessage, { type: 'state' }>;
    const tex = current.state.derivation!.latex;
    const all = [tex.f, ...tex.gradient, ...tex.resultBySign, tex.norm];
    assert.ok(
      all.some((t) => last.latex!.includes(t)),
      `the copied LaTeX is from the current derivation: ${last.latex!.slice(0, 120)}`,
    );
  });

  test('an update keeps the scroll position and an opened written-out result', async () => {
    assert.equal((await writeOutRequests()).length, 0, 'not asked for before it is opened');
    await page.evaluate(() => {
      document.querySelector<HTMLDetailsElement>('.gn-details')!.open = true;
    });
    await page.waitForFunction(
      () =>
        (window as unknown as { posted: { type: string }[] }).posted.some(
          (m) => m.type === 'writeOut',
        ),
      undefined,
      { timeout: 5000 },
    );
    const pending = await page.evaluate(() => document.querySelector('.gn-details')?.textContent);
    assert.match(pending ?? '', /Writing out/, 'says it is on its way');
    assert.deepEqual(
      (await writeOutRequests()).map((m) => m.doc.version),
      [2],
      'asked once, for the version shown',
    );
    await post(await writtenOutFor(5, 2));
    await page.waitForFunction(
      () => document.querySelectorAll('.gn-details .katex').length > 0,
      undefined,
      { timeout: 5000 },
    );
    const written = await page.evaluate(
      () => document.querySelector('.gn-details .gn-array')?.textContent ?? '',
    );
    assert.match(written, /sign/, 'written out, the result shows sign(…)');
    await page.evaluate(() => window.scrollTo(0, 700));
    const before = await page.evaluate(() => window.scrollY);
    await post(await stateFor(7, 3));
    const state = await page.evaluate(() => ({
      y: window.scrollY,
      open: document.querySelector<HTMLDetailsElement>('.gn-details')?.open,
      errors: document.querySelectorAll('.katex-error').length,
    }));
    assert.equal(state.open, true, 'still open');
    assert.equal(state.y, before, 'not scrolled by the update');
    assert.equal(state.errors, 0);
    assert.deepEqual(
      (await writeOutRequests()).map((m) => m.doc.version),
      [2, 3],
      'open, it is asked for again for the new version',
    );
    await post(await writtenOutFor(7, 3));
    const redrawn = await page.evaluate(() => ({
      text: document.querySelector('.gn-details .gn-array')?.textContent ?? '',
      y: window.scrollY,
    }));
    assert.match(redrawn.text, /sign/);
    assert.equal(redrawn.y, before, 'not scrolled when it arrives');
  });

  test('an older version arriving late is not shown', async () => {
    await tagEntries();
    await post(await stateFor(9, 2)); // version 2 < 3 already shown
    const untouched = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.gn-array td')).every(
        (td) => td.dataset.testTag !== undefined,
      ),
    );
    assert.ok(untouched, 'nothing was redrawn');
  });

  test('another document starts afresh: the written-out result is closed again', async () => {
    await page.evaluate(() => {
      document.querySelector<HTMLDetailsElement>('.gn-details')!.open = true;
    });
    await post(await stateFor(2, 1, 'file:///work/other.py'));
    const view = await page.evaluate(() => ({
      open: document.querySelector<HTMLDetailsElement>('.gn-details')?.open,
      file: document.querySelector('.gn-where')?.textContent,
    }));
    assert.equal(view.open, false);
    assert.equal(view.file, 'rosenbrock.py', 'the new state is shown');
  });

  test('a tanh layer shows its shorthands, drawn, and the Hessian written with them', async () => {
    const units = [0, 1, 2, 3, 4]
      .map(
        (k) =>
          `np.tanh(${[0, 1, 2, 3, 4, 5].map((i) => `${((k + 2 * i) % 5) - 2 || 1}*x[${i}]`).join(' + ')})`,
      )
      .join(' + ');
    const text = `import numpy as np\ndef layer(x):\n    return ${units}\n`;
    const uri = 'file:///work/layer.py';
    const result = await deriveDocument(text, 'python', { writtenOut: false, shorthands: true });
    const doc = { uri, version: 1 };
    const state = viewStateFromOutcome(
      { doc, fileName: 'layer.py', language: 'python', functionName: 'layer', timeBudgetMs: 5000 },
      { status: 'done', result },
    )!;
    await post({ type: 'state', doc, state });
    await page.evaluate(() =>
      Array.from(document.querySelectorAll('section'))
        .find((s) => s.querySelector('h3')?.textContent === 'Shorthands')
        ?.scrollIntoView(),
    );
    await page.waitForFunction(
      () => {
        const card = Array.from(document.querySelectorAll('section')).find(
          (s) => s.querySelector('h3')?.textContent === 'Shorthands',
        );
        return (card?.querySelectorAll('.katex').length ?? 0) >= 5;
      },
      undefined,
      { timeout: 10_000 },
    );
    mkdirSync(join(repoRoot, 'screenshots', 'e2e'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'screenshots', 'e2e', 'shorthands.png') });
    const view = await page.evaluate(() => {
      const card = Array.from(document.querySelectorAll('section')).find(
        (s) => s.querySelector('h3')?.textContent === 'Shorthands',
      )!;
      return {
        errors: document.querySelectorAll('.katex-error').length,
        text: card.textContent ?? '',
        steps: Array.from(document.querySelectorAll('.gn-steps h4')).map((h) => h.textContent),
      };
    });
    assert.equal(view.errors, 0);
    assert.match(view.text, /u1 … u\d+/, 'says which names it defines');
    assert.match(view.text, /u1=tanh/, 'u1 drawn as the first unit');
    assert.ok(!view.steps.includes('Shorthands'), 'listed once, in their card');
    await page.evaluate(() =>
      Array.from(document.querySelectorAll('section'))
        .find((s) => s.querySelector('h3')?.textContent === 'Hessian')
        ?.scrollIntoView(),
    );
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('section'))
          .find((s) => s.querySelector('h3')?.textContent === 'Hessian')
          ?.querySelector('td .katex') != null,
      undefined,
      { timeout: 10_000 },
    );
    const hessian = await cellsOf('Hessian');
    assert.ok(
      hessian.some((c) => /u\d/.test(c.text)),
      `the Hessian uses the names: ${JSON.stringify(hessian.slice(0, 3))}`,
    );
  });
});
