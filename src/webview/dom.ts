/**
 * Minimal DOM helpers: elements are built with textContent and properties,
 * never innerHTML, so nothing from a derivation can become markup. No inline
 * style attributes either (the page's CSP allows no 'unsafe-inline'): all
 * presentation is in media/panel.css.
 */

type Child = Node | string | null | undefined | false;

/** Creates an element with a class, attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; title?: string; attrs?: Record<string, string> } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.title) el.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

/**
 * A card: a heading row (title, then optional actions at its right) and the
 * content below it.
 */
export function section(title: string, ...children: Child[]): HTMLElement {
  return card(title, [], ...children);
}

/** A muted line of text: what a card says when it has nothing to show. */
export function muted(text: string): HTMLElement {
  return h('p', { class: 'gn-muted' }, text);
}

/** A {@link section} with actions (buttons) in its heading row. */
export function card(title: string, actions: Child[], ...children: Child[]): HTMLElement {
  const head = h('div', { class: 'gn-section-head' }, h('h3', {}, title));
  if (actions.some(Boolean)) head.append(h('div', { class: 'gn-section-actions' }, ...actions));
  return h('section', { class: 'gn-section' }, head, ...children);
}

const SVG = 'http://www.w3.org/2000/svg';

/** Icons drawn with the current text colour (so they follow the theme). */
export type IconName = 'copy' | 'check';

/** A 16×16 icon, hidden from assistive technology (its button carries the label). */
export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `gn-icon gn-icon-${name}`);
  const add = (tag: string, attrs: Record<string, string>) => {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    svg.append(el);
  };
  if (name === 'copy') {
    add('rect', { x: '5.5', y: '5.5', width: '8', height: '9', rx: '1.2' });
    add('path', { d: 'M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h1' });
  } else {
    add('path', { d: 'M2.5 8.5l3.5 3.5 7.5-8' });
  }
  return svg;
}

/** The page's polite live region (in the HTML shell), for short announcements. */
export function announce(text: string): void {
  const region = document.getElementById('gn-live');
  if (!region) return;
  // Clear first so the same text twice in a row is announced twice.
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}
