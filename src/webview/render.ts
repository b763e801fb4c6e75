/**
 * Builds the derivation view from a {@link ViewState}: result first, then
 * function, gradient, Hessian, L1 norm, the derivation steps, the nonsmooth
 * set and the numeric checks. Every formula is a KaTeX block with a
 * copy-LaTeX button; wide formulas scroll horizontally.
 */
import type { Diagnostic, FunctionDerivation, PointCheck } from '../core/index';
import {
  blockLatex,
  blockRanges,
  matrixLatex,
  nameLatex,
  resultEquationLatex,
  signatureLatex,
  vectorLatex,
} from '../shared/latex';
import type { ViewState } from '../shared/protocol';
import { h, section } from './dom';
import { formatError, formatVector, formatVectorFull } from './format';
import { renderTex } from './math';

/** Matrices larger than this are shown as blocks of this size. */
const BLOCK = 8;

/** Sends a copy request to the host (set by main.ts). */
export type CopyHandler = (latex: string) => void;
/** Asks the host to reveal a line of the source document. */
export type RevealHandler = (uri: string, line: number) => void;

/** Handlers the rendered view calls back into. */
export interface RenderHandlers {
  copy: CopyHandler;
  reveal: RevealHandler;
}

/** A formula block: rendered TeX plus a copy button. */
export function formula(tex: string, handlers: RenderHandlers, label?: string): HTMLElement {
  const math = h('div', { class: 'gn-math' });
  renderTex(math, tex);
  const copy = h(
    'button',
    {
      class: 'gn-copy',
      title: 'Copy LaTeX',
      attrs: { type: 'button', 'aria-label': 'Copy LaTeX' },
    },
    'Copy LaTeX',
  );
  copy.addEventListener('click', () => handlers.copy(tex));
  const caption = label ? h('div', { class: 'gn-label' }, label) : null;
  return h('div', { class: 'gn-formula' }, caption, math, copy);
}

/** The whole view for a state. */
export function renderState(state: ViewState, handlers: RenderHandlers): HTMLElement {
  const root = h('div', { class: 'gn-view' });
  root.append(header(state, handlers));
  const d = state.derivation;
  if (state.errors.length > 0 || !d) {
    root.append(errorBox(state, handlers));
    if (state.notes.length > 0) root.append(notes(state.notes));
    return root;
  }
  const f = nameLatex(d.name);
  root.append(
    section(
      'Result',
      formula(
        `\\nabla\\lVert\\nabla ${f}\\rVert_1 = ` +
          `H_{${f}}\\,\\operatorname{sign}(\\nabla ${f})`,
        handlers,
      ),
      formula(resultEquationLatex(d), handlers),
    ),
    section('Function', formula(`${signatureLatex(d)} = ${d.latex.f}`, handlers)),
    section('Gradient', formula(`\\nabla ${f} = ${vectorLatex(d.latex.gradient)}`, handlers)),
    hessian(d, handlers),
    section(
      'L1 norm of the gradient',
      formula(`\\lVert\\nabla ${f}\\rVert_1 = ${d.latex.norm}`, handlers),
    ),
    steps(d, handlers),
    nonsmooth(d, handlers),
    checks(d.checks),
  );
  if (state.notes.length > 0) root.append(notes(state.notes));
  root.append(
    h('p', { class: 'gn-muted gn-footer' }, `Derived in ${Math.round(d.elapsedMs)} ms.`),
  );
  return root;
}

function header(state: ViewState, handlers: RenderHandlers): HTMLElement {
  const d = state.derivation;
  const name = state.functionName;
  const title = h('h2', {}, name ? `∇‖∇${name}‖₁` : 'Gradient Norm');
  const where = h('a', { class: 'gn-where', attrs: { href: '#' } }, state.fileName);
  where.addEventListener('click', (e) => {
    e.preventDefault();
    handlers.reveal(state.doc.uri, d?.range.startLine ?? 0);
  });
  const meta = h('p', { class: 'gn-muted' }, where, ` · ${state.language}`);
  if (d) {
    meta.append(` · ${d.variables.length} variable${d.variables.length === 1 ? '' : 's'}: `);
    const vars = h('span', { class: 'gn-inline' });
    renderTex(vars, d.latex.variables.join(',\\ '), false);
    meta.append(vars);
  }
  return h('header', {}, title, meta);
}

function errorBox(state: ViewState, handlers: RenderHandlers): HTMLElement {
  const box = h('section', { class: 'gn-section gn-error', attrs: { role: 'alert' } });
  box.append(h('h3', {}, state.errors.length > 0 ? 'Cannot derive' : 'No result'));
  if (state.message) box.append(h('p', {}, state.message));
  for (const e of state.errors) box.append(diagnosticLine(e, state.doc.uri, handlers));
  return box;
}

function diagnosticLine(e: Diagnostic, uri: string, handlers: RenderHandlers): HTMLElement {
  const at = h('a', { attrs: { href: '#' } }, `line ${e.line + 1}, column ${e.column + 1}`);
  at.addEventListener('click', (ev) => {
    ev.preventDefault();
    handlers.reveal(uri, e.line);
  });
  return h('p', { class: `gn-diag gn-${e.severity}` }, at, `: ${e.message}`);
}

function notes(list: Diagnostic[]): HTMLElement {
  const ul = h('ul', { class: 'gn-notes' });
  for (const n of list) {
    ul.append(h('li', { class: `gn-${n.severity}` }, `Line ${n.line + 1}: ${n.message}`));
  }
  return section('Notes', ul);
}

function hessian(d: FunctionDerivation, handlers: RenderHandlers): HTMLElement {
  const f = nameLatex(d.name);
  const n = d.latex.hessian.length;
  if (n <= BLOCK) {
    return section('Hessian', formula(`H_{${f}} = ${matrixLatex(d.latex.hessian)}`, handlers));
  }
  // Large: blocks of 8×8, rendered on demand (a 50×50 matrix is 2,500 formulas).
  const ranges = blockRanges(n, BLOCK);
  const all = ranges.flatMap((r) => ranges.map((c) => [r, c] as const));
  const container = h('div', { class: 'gn-blocks' });
  const renderBlocks = (count: number) => {
    container.textContent = '';
    for (const [r, c] of all.slice(0, count)) {
      const label = `rows ${r[0] + 1}–${r[1]}, columns ${c[0] + 1}–${c[1]}`;
      container.append(formula(blockLatex(d.latex.hessian, r, c), handlers, label));
    }
  };
  renderBlocks(1);
  let expanded = false;
  const toggle = h(
    'button',
    { class: 'gn-toggle', attrs: { type: 'button', 'aria-expanded': 'false' } },
    `Show all ${all.length} blocks`,
  );
  toggle.addEventListener('click', () => {
    expanded = !expanded;
    renderBlocks(expanded ? all.length : 1);
    toggle.textContent = expanded ? 'Show first block only' : `Show all ${all.length} blocks`;
    toggle.setAttribute('aria-expanded', String(expanded));
  });
  const copyAll = h('button', { class: 'gn-copy', attrs: { type: 'button' } }, 'Copy full LaTeX');
  const full = `H_{${f}} = ${matrixLatex(d.latex.hessian)}`;
  copyAll.addEventListener('click', () => handlers.copy(full));
  return section(
    `Hessian (${n}×${n}, in ${BLOCK}×${BLOCK} blocks)`,
    h('div', { class: 'gn-actions' }, toggle, copyAll),
    container,
  );
}

function steps(d: FunctionDerivation, handlers: RenderHandlers): HTMLElement {
  const ol = h('ol', { class: 'gn-steps' });
  for (const s of d.derivation) {
    ol.append(
      h(
        'li',
        {},
        h('h4', {}, s.title),
        formula(s.latex, handlers),
        s.remark ? h('p', { class: 'gn-remark' }, s.remark) : null,
      ),
    );
  }
  if (d.derivation.length === 0) return section('Derivation', muted('No steps.'));
  return section('Derivation', ol);
}

function nonsmooth(d: FunctionDerivation, handlers: RenderHandlers): HTMLElement {
  if (d.nonsmoothLatex.length === 0) {
    return section('Nonsmooth set', muted('None: the result holds wherever f is defined.'));
  }
  return section(
    'Nonsmooth set',
    muted('On these sets sign(0) = 0 is used, so the result is one subgradient:'),
    ...d.nonsmoothLatex.map((tex) => formula(tex, handlers)),
  );
}

const STATUS_TEXT: Record<string, string> = {
  ok: '✓ ok',
  nonsmooth: '◇ nonsmooth',
  mismatch: '✗ mismatch',
  undefined: '— undefined',
};

function checks(list: PointCheck[]): HTMLElement {
  if (list.length === 0) return section('Numeric checks', muted('No checks.'));
  const columns = ['Point', '∇‖∇f‖₁', 'Finite difference', 'Error', 'Status'];
  const head = h('tr', {}, ...columns.map((t) => h('th', { attrs: { scope: 'col' } }, t)));
  const body = h('tbody');
  for (const c of list) {
    const cell = (v: (number | null)[]) => h('td', { title: formatVectorFull(v) }, formatVector(v));
    const status = h(
      'td',
      { class: 'gn-status' },
      STATUS_TEXT[c.status] ?? c.status,
      c.note ? h('div', { class: 'gn-note' }, c.note) : null,
    );
    body.append(
      h(
        'tr',
        { class: `gn-check gn-${c.status}` },
        cell(c.point),
        cell(c.result),
        cell(c.finiteDifference),
        h('td', {}, formatError(c.error)),
        status,
      ),
    );
  }
  const table = h('table', { class: 'gn-checks' }, h('thead', {}, head), body);
  return section('Numeric checks', h('div', { class: 'gn-scroll' }, table));
}

function muted(text: string): HTMLElement {
  return h('p', { class: 'gn-muted' }, text);
}
