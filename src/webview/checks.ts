/** The numeric checks card: one row per sample point, its status as a symbol and a word. */
import type { CheckStatus, PointCheck } from '../core/index';
import { h, muted, section } from './dom';
import { formatError, formatNumber, formatVectorFull, plainText, UNDEFINED_TITLE } from './format';
import { scroller } from './formula';

/** How each status reads: a symbol and a word (never colour alone), and why. */
const STATUS: Record<CheckStatus, { symbol: string; text: string; title: string }> = {
  ok: { symbol: '✓', text: 'ok', title: 'Symbolic and finite-difference values agree.' },
  nonsmooth: {
    symbol: '◆',
    text: 'nonsmooth',
    title:
      'A kink lies at or within a step of this point: ' +
      'the value is one subgradient, with sign(0) = 0.',
  },
  mismatch: {
    symbol: '✗',
    text: 'mismatch',
    title: 'Symbolic and finite-difference values disagree: please report this.',
  },
  undefined: { symbol: '⊘', text: 'undefined', title: 'f is not defined at this point.' },
};

const COLUMNS = ['Point', '∇‖∇f‖₁', 'Finite difference', 'Error', 'Status'] as const;
/** Vector entries shown in a cell (the rest are in its tooltip). */
const SHOWN = 6;

/** '—' for a missing value, with a tooltip saying why. */
function undefinedMark(): HTMLElement {
  return h('span', { class: 'gn-undef', title: UNDEFINED_TITLE }, '—');
}

/** A table cell for a vector: `(a, b, …)`, with '—' for entries that are undefined. */
function vectorCell(v: readonly (number | null)[], column: string): HTMLElement {
  const td = h('td', { attrs: { 'data-label': column } });
  const value = h('span', { class: 'gn-value' });
  td.append(value);
  const missing = (x: number | null) => x === null || Number.isNaN(x);
  if (v.length === 0 || v.every(missing)) {
    value.append(undefinedMark());
    return td;
  }
  value.append('(');
  v.slice(0, SHOWN).forEach((x, i) => {
    if (i > 0) value.append(', ');
    value.append(missing(x) ? undefinedMark() : formatNumber(x));
  });
  if (v.length > SHOWN) value.append(`, … ${v.length - SHOWN} more`);
  value.append(')');
  if (v.length > SHOWN) td.title = formatVectorFull(v);
  return td;
}

export function checks(list: PointCheck[]): HTMLElement {
  if (list.length === 0) return section('Numeric checks', muted('No checks.'));
  const head = h('tr', {}, ...COLUMNS.map((t) => h('th', { attrs: { scope: 'col' } }, t)));
  const body = h('tbody');
  for (const c of list) {
    const s = STATUS[c.status] ?? { symbol: '?', text: String(c.status), title: '' };
    const badge = h(
      'span',
      { class: `gn-badge gn-badge-${c.status}`, title: s.title },
      h('span', { class: 'gn-badge-symbol', attrs: { 'aria-hidden': 'true' } }, s.symbol),
      s.text,
    );
    const status = h(
      'td',
      { class: 'gn-status', attrs: { 'data-label': COLUMNS[4] } },
      badge,
      c.note ? h('div', { class: 'gn-note' }, plainText(c.note)) : null,
    );
    const error = h(
      'td',
      { attrs: { 'data-label': COLUMNS[3] } },
      h(
        'span',
        { class: 'gn-value' },
        c.error === null || !Number.isFinite(c.error) ? undefinedMark() : formatError(c.error),
      ),
    );
    body.append(
      h(
        'tr',
        { class: `gn-check gn-${c.status}` },
        vectorCell(c.point, COLUMNS[0]),
        vectorCell(c.result, COLUMNS[1]),
        vectorCell(c.finiteDifference, COLUMNS[2]),
        error,
        status,
      ),
    );
  }
  const table = h('table', { class: 'gn-checks' }, h('thead', {}, head), body);
  const box = scroller(
    h(
      'div',
      { class: 'gn-scroll', attrs: { 'data-scroll-label': 'Numeric checks, scroll sideways' } },
      table,
    ),
  );
  return section('Numeric checks', box);
}
