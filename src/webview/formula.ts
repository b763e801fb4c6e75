/**
 * The building blocks of the derivation view: formulas (a KaTeX block that
 * scrolls sideways in its own box, with a copy-LaTeX button in a gutter of its
 * own at the right, so it never covers the maths) and arrays (vectors and
 * matrices whose entries are drawn one by one, so an edit that changes one
 * entry redraws only that entry; see patch.ts).
 */
import { announce, h, icon } from './dom';
import { drawWhenVisible, renderTex } from './math';

/** Sends a copy request to the host (set by main.ts). */
export type CopyHandler = (latex: string) => void;
/** Asks the host to reveal a line of the source document. */
export type RevealHandler = (uri: string, line: number) => void;

/** Handlers the rendered view calls back into. */
export interface RenderHandlers {
  copy: CopyHandler;
  reveal: RevealHandler;
  /** The user opened the result written out and the view does not have it yet. */
  writeOut: () => void;
}

/** How long a copy button shows "Copied". */
const COPIED_MS = 1500;

/**
 * A copy-LaTeX button: an icon (plus `text`, if given) with an accessible
 * name; after a click it shows a check mark and "Copied" for a moment.
 */
export function copyButton(
  tex: string,
  handlers: RenderHandlers,
  label = 'Copy LaTeX',
  text?: string,
): HTMLButtonElement {
  const button = h('button', {
    class: text ? 'gn-copy gn-copy-text' : 'gn-copy',
    title: label,
    attrs: { type: 'button', 'aria-label': label },
  });
  const face = (name: 'copy' | 'check', words?: string) => {
    button.replaceChildren(icon(name));
    if (words) button.append(h('span', {}, words));
  };
  face('copy', text);
  let timer: number | undefined;
  button.addEventListener('click', () => {
    handlers.copy(tex);
    face('check', text ? 'Copied' : undefined);
    button.classList.add('gn-copied');
    button.title = 'Copied';
    button.setAttribute('aria-label', 'Copied');
    announce('LaTeX copied to the clipboard');
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      face('copy', text);
      button.classList.remove('gn-copied');
      button.title = label;
      button.setAttribute('aria-label', label);
    }, COPIED_MS);
  });
  return button;
}

/**
 * Formula boxes wider than their content area become keyboard-focusable
 * scroll regions (arrow keys scroll them); narrower ones are not tab stops.
 */
const overflow =
  typeof ResizeObserver === 'undefined'
    ? undefined
    : new ResizeObserver((entries) => {
        for (const e of entries) markOverflow(e.target as HTMLElement);
      });

/**
 * The attributes the page sets on its scrolling boxes as they are measured
 * (never at build time): an update of the view leaves them alone (patch.ts).
 * `data-overflow` holds `wide` (wider than its box) and `left` / `right`
 * (more is hidden on that side: a fade there).
 */
export const LIVE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'data-overflow',
  'tabindex',
  'role',
  'aria-label',
  'open', // a <details> the user opened or closed
]);

function overflowMarks(el: HTMLElement): Set<string> {
  return new Set((el.dataset.overflow ?? '').split(' ').filter(Boolean));
}

function setOverflowMarks(el: HTMLElement, marks: Set<string>): void {
  const value = [...marks].sort().join(' ');
  if ((el.dataset.overflow ?? '') !== value) el.dataset.overflow = value;
}

function markOverflow(el: HTMLElement): void {
  const wide = el.scrollWidth > el.clientWidth + 1;
  const marks = overflowMarks(el);
  const was = marks.has('wide');
  if (wide) marks.add('wide');
  else marks.delete('wide');
  scrollEnds(el, marks);
  setOverflowMarks(el, marks);
  if (wide === was) return;
  if (wide) {
    el.tabIndex = 0;
    el.setAttribute('role', 'group');
    el.setAttribute('aria-label', el.dataset.scrollLabel ?? 'Wide formula, scrolls sideways');
  } else {
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
  }
}

/** Marks for the fades at the edges of a scrolled box: more to the left / right. */
function scrollEnds(el: HTMLElement, marks: Set<string>): void {
  const max = el.scrollWidth - el.clientWidth;
  if (el.scrollLeft > 1) marks.add('left');
  else marks.delete('left');
  if (el.scrollLeft < max - 1) marks.add('right');
  else marks.delete('right');
}

function markScrollEnds(el: HTMLElement): void {
  const marks = overflowMarks(el);
  scrollEnds(el, marks);
  setOverflowMarks(el, marks);
}

/** Re-measures every observed box (KaTeX's fonts change widths, not box sizes, as they load). */
function remeasure(): void {
  document.querySelectorAll<HTMLElement>('.gn-math, .gn-scroll').forEach(markOverflow);
}
if (typeof document !== 'undefined' && 'fonts' in document) {
  document.fonts.addEventListener('loadingdone', remeasure);
}

/** Makes `el` a horizontally scrolling box (formula or table); see {@link attachView}. */
export function scroller<T extends HTMLElement>(el: T): T {
  el.addEventListener('scroll', () => markScrollEnds(el), { passive: true });
  return el;
}

/**
 * Starts what a view needs once it is in the page: drawing its formulas as
 * they come into view, and watching its scrolling boxes for overflow.
 */
export function attachView(root: ParentNode): void {
  drawWhenVisible(root);
  if (!overflow) return;
  overflow.disconnect(); // boxes that are gone are not kept alive
  root.querySelectorAll<HTMLElement>('.gn-math, .gn-scroll').forEach((el) => overflow.observe(el));
}

/**
 * A formula block: rendered TeX in a horizontally scrolling box, and its
 * copy button in a column of its own. `label` is a caption above it.
 */
export function formula(tex: string, handlers: RenderHandlers, label?: string): HTMLElement {
  const math = h('div', { class: 'gn-math' });
  renderTex(math, tex);
  scroller(math);
  const copy = copyButton(tex, handlers, label ? `Copy LaTeX: ${label}` : 'Copy LaTeX');
  const caption = label ? h('div', { class: 'gn-label' }, label) : null;
  // Keyed by all it shows and copies: an update that leaves it as it was keeps it (see patch.ts).
  return h(
    'div',
    { class: 'gn-formula', attrs: { 'data-key': `${label ?? ''}\u0000${tex}` } },
    caption,
    h('div', { class: 'gn-formula-row' }, math, copy),
  );
}

/**
 * A vector or matrix, `lhs (rows)`: each entry is drawn on its own and keyed
 * by its place and TeX, so an edit that changes one gradient component
 * redraws that entry only, not the whole array. The parentheses are the
 * table's borders (panel.css). The copy button copies `tex`, the whole
 * formula as one LaTeX array.
 */
export function arrayFormula(
  lhs: string,
  rows: readonly (readonly string[])[],
  tex: string,
  handlers: RenderHandlers,
  label?: string,
): HTMLElement {
  const body = h('tbody');
  rows.forEach((row, i) => {
    const tr = h('tr');
    row.forEach((cell, j) => {
      const td = h('td', { attrs: { 'data-key': `${i},${j}\u0000${cell}` } });
      renderTex(td, cell, false);
      tr.append(td);
    });
    body.append(tr);
  });
  const shape = rows.length === 1 || rows.every((r) => r.length === 1) ? 'vector' : 'matrix';
  const size = `${rows.length}×${rows[0]?.length ?? 0}`;
  const caption = h('caption', { class: 'gn-sr-only' }, `${shape}, ${size}`);
  const table = h('table', { class: `gn-array gn-array-${shape}` }, caption, body);
  const math = h('div', { class: 'gn-math' });
  const line = h('div', { class: 'gn-array-line' });
  if (lhs) {
    const left = h('span', { class: 'gn-array-lhs', attrs: { 'data-key': `lhs\u0000${lhs}` } });
    renderTex(left, `\\displaystyle ${lhs}`, false);
    line.append(left);
  }
  line.append(table);
  math.append(line);
  scroller(math);
  const copy = copyButton(tex, handlers, label ? `Copy LaTeX: ${label}` : 'Copy LaTeX');
  copy.dataset.key = `copy\u0000${label ?? ''}\u0000${tex}`;
  const title = label ? h('div', { class: 'gn-label' }, label) : null;
  return h(
    'div',
    { class: 'gn-formula gn-array-formula' },
    title,
    h('div', { class: 'gn-formula-row' }, math, copy),
  );
}
