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

/** Renders `tex` into `el` (replacing its content). Never throws. */
export function renderTex(el: HTMLElement, tex: string, displayMode = true): void {
  el.textContent = '';
  if (tex.length > MAX_TEX) {
    showError(el, `Formula too long to display (${tex.length} characters).`, tex);
    return;
  }
  try {
    katex.render(tex, el, { ...KATEX_OPTIONS, displayMode });
  } catch (err) {
    const why = err instanceof RangeError ? 'formula nested too deeply' : errorText(err);
    showError(el, `Cannot display this formula: ${why}.`, tex);
  }
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
