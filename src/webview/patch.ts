/**
 * Updates the view in place when a new state arrives, so that typing in the
 * editor redraws only what changed. Rebuilding the whole view on every edit
 * costs a KaTeX render of every formula in sight plus the removal and layout
 * of tens of thousands of nodes; most edits change a few formulas.
 *
 * The view is built fresh (cheaply: formulas are placeholders until drawn),
 * then merged into the one on screen:
 * - a *keyed* element (`data-key`) is atomic: kept as it is, rendered formula,
 *   listeners and local state included, when the new view has one with the
 *   same key; otherwise the new one takes its place. A key must name
 *   everything the element shows and does (a formula's key is its label and
 *   its TeX).
 * - an element that holds keyed elements is a *container*: matched in order
 *   with an old one of the same tag, class and `data-scope` (what it belongs
 *   to: the view of one function), its attributes updated, and its children
 *   merged the same way. Containers carry no listeners (what has
 *   behaviour is keyed or holds no keyed element), so keeping an old one never
 *   keeps an outdated handler.
 * - everything else is replaced by its new version.
 *
 * Attributes the page sets on its own as it measures (LIVE_ATTRIBUTES: the
 * overflow marks of scrolling boxes) are not part of an element's shape and
 * are left as they are.
 *
 * Kept nodes are never moved: DOM operations are only the insertions and
 * removals of what changed, so the browser restyles and lays out only those.
 */

import { LIVE_ATTRIBUTES } from './formula';

/** The key of an atomic element, if it is one. */
function keyOf(node: Node): string | undefined {
  return node instanceof HTMLElement ? node.dataset.key : undefined;
}

/** True for an element that holds keyed elements (and is not keyed itself). */
function isContainer(node: Node): node is Element {
  return node instanceof Element && keyOf(node) === undefined && hasKeyed(node);
}

function hasKeyed(el: Element): boolean {
  return el.querySelector('[data-key]') !== null;
}

function sameShape(a: Element, b: Element): boolean {
  return (
    a.tagName === b.tagName &&
    a.getAttribute('class') === b.getAttribute('class') &&
    a.getAttribute('data-scope') === b.getAttribute('data-scope')
  );
}

/** Makes `target`'s attributes those of `source`, but for those the page sets as it goes. */
function syncAttributes(target: Element, source: Element): void {
  for (const name of target.getAttributeNames()) {
    if (!source.hasAttribute(name) && !LIVE_ATTRIBUTES.has(name)) target.removeAttribute(name);
  }
  for (const name of source.getAttributeNames()) {
    if (LIVE_ATTRIBUTES.has(name)) continue;
    const value = source.getAttribute(name)!;
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
}

/**
 * Makes `parent`'s children those of `next` (a detached element built for the
 * new state), keeping the nodes that can be kept. `next` is left emptied of
 * whatever moved over.
 */
export function patchChildren(parent: Element, next: Element): void {
  const old = Array.from(parent.childNodes);
  const byKey = new Map<string, Node>();
  for (const node of old) {
    const key = keyOf(node);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, node);
  }
  const kept = new Set<Node>();
  const plan: Node[] = [];
  let from = 0; // containers match in order: never before the last match
  for (const node of Array.from(next.childNodes)) {
    const key = keyOf(node);
    if (key !== undefined) {
      const same = byKey.get(key);
      if (same && !kept.has(same)) {
        kept.add(same);
        plan.push(same);
        continue;
      }
    } else if (isContainer(node)) {
      const at = findContainer(old, from, node, kept);
      if (at >= 0) {
        const match = old[at] as Element;
        kept.add(match);
        from = at + 1;
        syncAttributes(match, node);
        patchChildren(match, node);
        plan.push(match);
        continue;
      }
    }
    plan.push(node);
  }
  // Remove what goes, then insert what is new; kept nodes keep their place.
  for (const node of old) if (!kept.has(node)) node.remove();
  let cursor = parent.firstChild;
  for (const node of plan) {
    if (node === cursor) {
      cursor = cursor.nextSibling;
      continue;
    }
    parent.insertBefore(node, cursor);
  }
}

function findContainer(old: Node[], from: number, node: Element, kept: Set<Node>): number {
  for (let i = from; i < old.length; i++) {
    const candidate = old[i];
    if (kept.has(candidate) || !(candidate instanceof Element)) continue;
    if (keyOf(candidate) === undefined && sameShape(candidate, node) && hasKeyed(candidate)) {
      return i;
    }
  }
  return -1;
}
