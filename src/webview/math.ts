/**
 * KaTeX rendering for the webviews. `katex.render` builds DOM nodes and sets
 * styles through the CSSOM, so the page needs no 'unsafe-inline' style
 * source. Each render is isolated: a formula KaTeX cannot handle (or one so
 * deeply nested that it overflows the stack — a RangeError) becomes a
 * readable message in its place instead of breaking the whole view.
 */
import katex from 'katex';

/** KaTeX options: untrusted input (no \href, \includegraphics...), bounded expansion and size. */
export const KATEX_OPTIONS = Object.freeze({
  trust: false,
  throwOnError: false,
  maxExpand: 1000,
  maxSize: 20,
  output: 'htmlAndMathml' as const,
  strict: 'ignore' as const,
});

/** Longest TeX passed to KaTeX; longer input is shown as source instead. */
const MAX_TEX = 200_000;

/**
 * Formulas longer than this are drawn only on request: KaTeX takes seconds on
 * a 100 KB Hessian, and in VS Code for the web the webview shares the
 * workbench's thread, so the whole window would stall.
 */
const LARGE_TEX = 6_000;

/**
 * Draws formulas when they come near the viewport, not all at once: a long
 * derivation then costs only what is on screen, and typing stays responsive.
 * A formula waiting to be drawn holds the height it is expected to take (see
 * {@link estimateHeightEm}); with empty placeholders, dozens of them would sit
 * in view at once and all be drawn.
 */
const pending = new WeakMap<Element, () => void>();
const observer =
  typeof IntersectionObserver === 'undefined'
    ? undefined
    : new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            observer?.unobserve(entry.target);
            drawPending(entry.target);
          }
        },
        { rootMargin: '200px 0px' },
      );

/**
 * Prepares `el` to show `tex` (replacing its content): drawn by
 * {@link drawWhenVisible} once the element is in the page and near the
 * viewport. Never throws.
 */
export function renderTex(el: HTMLElement, tex: string, displayMode = true): void {
  el.textContent = '';
  if (tex.length > MAX_TEX) {
    showError(el, `Formula too long to display (${tex.length} characters).`, tex);
    return;
  }
  if (tex.length > LARGE_TEX) {
    showOnRequest(el, tex, displayMode);
    return;
  }
  if (!observer) {
    renderNow(el, tex, displayMode);
    return;
  }
  el.classList.add('gn-tex-pending');
  if (displayMode) el.style.minHeight = `${estimateHeightEm(tex)}em`;
  pending.set(el, () => {
    el.classList.remove('gn-tex-pending');
    el.style.minHeight = '';
    renderNow(el, tex, displayMode);
  });
}

/**
 * Draws the waiting formulas under `root` that are in view now or above it,
 * before the page is painted (an update never flashes empty placeholders where
 * formulas were, nor moves what is in view), and watches the others to draw
 * them as they come near the viewport.
 * Call once they are in the page.
 */
export function drawWhenVisible(root: ParentNode): void {
  if (!observer) return;
  observer.disconnect(); // what was watched and is gone is no longer kept alive
  const waiting: Element[] = [];
  root.querySelectorAll('.gn-tex-pending').forEach((el) => {
    // Inside a closed <details>: drawn when it is opened (its toggle calls this again).
    if (pending.has(el) && !el.closest('details:not([open])')) waiting.push(el);
  });
  // Read every position first (one layout), then draw.
  const bottom = window.innerHeight;
  const inView = waiting.map((el) => {
    const r = el.getBoundingClientRect();
    // In view, or above it: drawn later, those would move what the user is reading.
    return r.width + r.height > 0 && r.top <= bottom;
  });
  waiting.forEach((el, i) => {
    if (inView[i]) drawPending(el);
    else observer.observe(el);
  });
}

/** Draws a formula that was waiting (once). */
function drawPending(el: Element): void {
  const draw = pending.get(el);
  pending.delete(el);
  draw?.();
}

/**
 * The height, in em, a display formula is expected to take once drawn: its
 * tallest matrix or vector (rows of about 1.6 em, more with fractions),
 * plus KaTeX's display margins. Only a placeholder: the drawn formula sets
 * the real height.
 */
export function estimateHeightEm(tex: string): number {
  let rows = 1;
  const env = /\\begin\{[a-zA-Z*]+\}([\s\S]*?)\\end\{/g;
  for (let m = env.exec(tex); m !== null; m = env.exec(tex)) {
    rows = Math.max(rows, m[1].split('\\\\').length);
  }
  const perRow = tex.includes('\\frac') ? 2.4 : 1.6;
  return Math.round((rows * perRow + 0.8) * 10) / 10;
}

/**
 * Draws now. A display formula is drawn as inline math in display style: it
 * looks the same, but KaTeX may break inline math after a top-level relation
 * or operator, so a long sum wraps to the width of the view instead of
 * running off its edge (what does not break, a matrix, still scrolls).
 */
function renderNow(el: HTMLElement, tex: string, displayMode: boolean): void {
  el.textContent = '';
  try {
    if (displayMode) {
      el.classList.add('gn-display');
      katex.render(`\\displaystyle ${tex}`, el, { ...KATEX_OPTIONS, displayMode: false });
      return;
    }
    katex.render(tex, el, { ...KATEX_OPTIONS, displayMode });
  } catch (err) {
    const why = err instanceof RangeError ? 'formula nested too deeply' : errorText(err);
    showError(el, `Cannot display this formula: ${why}.`, tex);
  }
}

/** A large formula: a note and a button that draws it (copying it works without drawing). */
function showOnRequest(el: HTMLElement, tex: string, displayMode: boolean): void {
  const box = document.createElement('div');
  box.className = 'gn-tex-large';
  const note = document.createElement('span');
  note.textContent = `Large formula (${Math.round(tex.length / 1000)} k characters of LaTeX). `;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Show it';
  button.addEventListener('click', () => renderNow(el, tex, displayMode));
  box.append(note, button);
  el.append(box);
}

function showError(el: HTMLElement, message: string, tex: string): void {
  el.textContent = '';
  const box = document.createElement('div');
  box.className = 'gn-tex-error';
  box.setAttribute('role', 'note');
  const p = document.createElement('p');
  p.textContent = message;
  const code = document.createElement('code');
  code.textContent = tex.length > 400 ? `${tex.slice(0, 400)}…` : tex;
  box.append(p, code);
  el.append(box);
}

function errorText(err: unknown): string {
  const s = err instanceof Error ? err.message : String(err);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
