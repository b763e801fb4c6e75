/**
 * Builds the derivation view from a {@link ViewState}: result first, then
 * function, gradient, Hessian, L1 norm, the derivation steps, the nonsmooth
 * set and the numeric checks. Every formula is a KaTeX block that scrolls
 * horizontally in its own box, with a copy-LaTeX icon button in a gutter of
 * its own at the right (so it never covers the maths). The checks table is
 * checks.ts.
 */
import type { Diagnostic } from '../core/index';
import { NONSMOOTH_STEP_TITLE, SHORTHANDS_STEP_TITLE } from '../core/result';
import {
  blockLatex,
  blockRanges,
  matrixLatex,
  nameLatex,
  resultBySignLatex,
  resultEquationLatex,
  signatureLatex,
  signLegendLatex,
  vectorLatex,
  withShorthandsLatex,
  writtenOutLatex,
} from '../shared/latex';
import type { ViewDerivation, ViewState, WrittenOut } from '../shared/protocol';
import { card, h, muted, section } from './dom';
import { checks } from './checks';
import { plainText } from './format';
import { arrayFormula, attachView, copyButton, formula, type RenderHandlers } from './formula';
import { renderTex } from './math';

/** Matrices larger than this are shown as blocks of this size. */
const BLOCK = 8;

/**
 * The whole view for a state; `written` is the result written out for this
 * state, when the host sent it (the user opened it).
 */
export function renderState(
  state: ViewState,
  handlers: RenderHandlers,
  written?: WrittenOut,
): HTMLElement {
  // One function of one document: another one is a new view (see patch.ts), so what the user
  // opened or expanded in one does not carry over to the next.
  const scope = `${state.doc.uri}#${state.functionName ?? ''}`;
  const root = h('div', { class: 'gn-view', attrs: { 'data-scope': scope } });
  root.append(header(state, handlers));
  const d = state.derivation;
  if (state.errors.length > 0 || !d) {
    root.append(errorBox(state, handlers));
    if (state.notes.length > 0) root.append(notes(state.notes));
    return root;
  }
  const f = nameLatex(d.name);
  root.append(
    resultSection(d, handlers, written),
    section('Function', formula(`${signatureLatex(d)} = ${d.latex.f}`, handlers)),
    ...shorthands(d, handlers),
    section(
      'Gradient',
      arrayFormula(
        `\\nabla ${f} =`,
        d.latex.gradient.map((e) => [e]),
        `\\nabla ${f} = ${vectorLatex(d.latex.gradient)}`,
        handlers,
      ),
    ),
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
  const ms = Number.isFinite(d.elapsedMs) ? `${Math.round(d.elapsedMs)} ms` : 'an unknown time';
  root.append(h('p', { class: 'gn-muted gn-footer' }, `Derived in ${ms}.`));
  return root;
}

/**
 * The result: H_f·sign(∇f) in general, then for this f with each sign(∂f/∂v)
 * as a symbol s_v (short: each gradient component appears once, in the
 * Gradient card, not in every entry), and written out in full on request.
 */
function resultSection(
  d: ViewDerivation,
  handlers: RenderHandlers,
  written: WrittenOut | undefined,
): HTMLElement {
  const f = nameLatex(d.name);
  const lhs = `\\nabla\\lVert\\nabla ${f}\\rVert_1 =`;
  const entries = writtenOutLatex(d) ?? (written && 'latex' in written ? written.latex : undefined);
  const why = written && 'error' in written ? written.error : 'Writing out…';
  // Keyed, so that the <details> around it is merged on updates and stays open (patch.ts).
  const full = entries
    ? arrayFormula(
        lhs,
        entries.map((e) => [e]),
        withShorthandsLatex(resultEquationLatex(d.name, entries), d.shorthands),
        handlers,
      )
    : h('p', { class: 'gn-muted gn-pending', attrs: { 'data-key': `pending\u0000${why}` } }, why);
  const general = formula(`${lhs} H_{${f}}\\,\\operatorname{sign}(\\nabla ${f})`, handlers);
  const section_ = !d.signsUnknown
    ? section('Result', general, full)
    : section(
        'Result',
        general,
        arrayFormula(
          lhs,
          d.latex.resultBySign.map((e) => [e]),
          resultBySignLatex(d),
          handlers,
        ),
        signLegend(d),
        writtenOut(full, handlers),
      );
  section_.classList.add('gn-result');
  return section_;
}

/**
 * The result with each sign written out, in a <details> drawn when opened:
 * asked of the host then, since it holds every gradient component again.
 */
function writtenOut(full: HTMLElement, handlers: RenderHandlers): HTMLElement {
  const box = h('details', { class: 'gn-details' }, h('summary', {}, 'With each sign written out'));
  box.append(full);
  box.addEventListener('toggle', () => {
    if (box.open) handlers.writeOut();
    attachView(document);
  });
  return box;
}

/** "where s_v = sign(∂f/∂v)": what the symbols of the short result stand for. */
function signLegend(d: ViewDerivation): HTMLElement {
  const tex = signLegendLatex(d.name);
  const math = h('span', { class: 'gn-inline', attrs: { 'data-key': `legend\u0000${tex}` } });
  renderTex(math, tex, false);
  return h(
    'p',
    { class: 'gn-explain' },
    'where ',
    math,
    ' for each variable v, the signs of the gradient below (sign(0) = 0).',
  );
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
    const tex = d.latex.variables.join(',\\ ');
    const vars = h('span', { class: 'gn-inline', attrs: { 'data-key': `vars\u0000${tex}` } });
    renderTex(vars, tex, false);
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

function hessian(d: ViewDerivation, handlers: RenderHandlers): HTMLElement {
  const f = nameLatex(d.name);
  const n = d.latex.hessian.length;
  if (n <= BLOCK) {
    const tex = `H_{${f}} = ${matrixLatex(d.latex.hessian)}`;
    return section('Hessian', arrayFormula(`H_{${f}} =`, d.latex.hessian, tex, handlers));
  }
  // Large: blocks of 8×8, rendered on demand (a 50×50 matrix is 2,500 formulas).
  const ranges = blockRanges(n, BLOCK);
  const all = ranges.flatMap((r) => ranges.map((c) => [r, c] as const));
  const container = h('div', { class: 'gn-blocks' });
  const renderBlocks = (count: number) => {
    container.textContent = '';
    for (const [r, c] of all.slice(0, count)) {
      const label = `rows ${r[0] + 1}–${r[1]}, columns ${c[0] + 1}–${c[1]}`;
      const rows = d.latex.hessian.slice(r[0], r[1]).map((row) => row.slice(c[0], c[1]));
      container.append(arrayFormula('', rows, blockLatex(d.latex.hessian, r, c), handlers, label));
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
    attachView(document);
    toggle.textContent = expanded ? 'Show first block only' : `Show all ${all.length} blocks`;
    toggle.setAttribute('aria-expanded', String(expanded));
  });
  const full = `H_{${f}} = ${matrixLatex(d.latex.hessian)}`;
  const copyAll = copyButton(full, handlers, `Copy LaTeX of the full ${n}×${n} Hessian`, 'Full');
  const blocks = card(
    `Hessian (${n}×${n}, in ${BLOCK}×${BLOCK} blocks)`,
    [toggle, copyAll],
    container,
  );
  blocks.dataset.key = `hessian\u0000${full}`; // its toggle state and blocks go together
  return blocks;
}

/** The shorthands' definitions, when the derivatives use some (else nothing). */
function shorthands(d: ViewDerivation, handlers: RenderHandlers): HTMLElement[] {
  if (d.shorthands.length === 0) return [];
  const names = d.shorthands.map((s) => s.symbol);
  const span = names.length > 2 ? `${names[0]} … ${names[names.length - 1]}` : names.join(', ');
  const box = section(
    'Shorthands',
    h(
      'p',
      { class: 'gn-explain' },
      `Subexpressions that repeat in the derivatives, each named once (${span}); the ` +
        'result, gradient, Hessian and derivation use these names.',
    ),
    ...d.shorthands.map((s) => formula(`${s.latexSymbol} = ${s.latex}`, handlers)),
  );
  return [box];
}

/** Steps the views show in cards of their own. */
const CARD_STEPS = new Set([NONSMOOTH_STEP_TITLE, SHORTHANDS_STEP_TITLE]);

function steps(d: ViewDerivation, handlers: RenderHandlers): HTMLElement {
  const ol = h('ol', { class: 'gn-steps' });
  for (const s of d.derivation.filter((step) => !CARD_STEPS.has(step.title))) {
    ol.append(
      h(
        'li',
        {},
        h('h4', {}, s.title),
        formula(s.latex, handlers),
        s.remark ? h('p', { class: 'gn-remark' }, plainText(s.remark)) : null,
      ),
    );
  }
  if (d.derivation.length === 0) return section('Derivation', muted('No steps.'));
  return section('Derivation', ol);
}

function nonsmooth(d: ViewDerivation, handlers: RenderHandlers): HTMLElement {
  if (d.nonsmoothLatex.length === 0) {
    return section(
      'Nonsmooth set',
      muted('None: the result is a true gradient wherever f is defined.'),
    );
  }
  const f = d.name;
  return section(
    'Nonsmooth set',
    h(
      'p',
      { class: 'gn-explain' },
      `Where any of these holds, ‖∇${f}‖₁ has a kink and has no gradient; the result there ` +
        'takes sign(0) = 0, which gives one valid subgradient (never NaN).',
    ),
    ...d.nonsmoothLatex.map((tex) => formula(tex, handlers)),
  );
}
