/**
 * Builds the HTML shell and Content-Security-Policy of the derivation
 * webviews. Pure (unit-tested): the caller supplies the webview's cspSource,
 * the resource URIs (from `asWebviewUri`) and a nonce.
 *
 * Policy: deny everything by default; scripts only with the nonce; styles,
 * fonts and images only from the extension's own resources. No
 * 'unsafe-inline' anywhere: KaTeX is rendered with `katex.render`, which sets
 * styles through the CSSOM (allowed) rather than style attributes in markup.
 */
import { randomBytes } from 'node:crypto';

/** One CSP directive: name and its sources. */
export type CspDirectives = Record<string, readonly string[]>;

/** A fresh nonce: 128 random bits, base64 (allowed characters for a CSP nonce). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The directives for a webview with the given cspSource and script nonce. */
export function cspDirectives(cspSource: string, nonce: string): CspDirectives {
  return {
    'default-src': ["'none'"],
    'script-src': [`'nonce-${nonce}'`],
    'style-src': [cspSource],
    'font-src': [cspSource],
    'img-src': [cspSource],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
}

/** Serialises directives into a policy string. */
export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** Inputs of {@link buildWebviewHtml}. */
export interface WebviewHtmlParts {
  cspSource: string;
  nonce: string;
  title: string;
  /** 'panel' or 'side': lets the stylesheet adapt the layout. */
  kind: 'panel' | 'side';
  scriptUri: string;
  katexCssUri: string;
  panelCssUri: string;
}

/** The complete HTML document of a derivation webview. */
export function buildWebviewHtml(p: WebviewHtmlParts): string {
  if (!/^[A-Za-z0-9+/=]+$/.test(p.nonce)) throw new Error('invalid nonce');
  const csp = serializeCsp(cspDirectives(p.cspSource, p.nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(p.katexCssUri)}">
<link rel="stylesheet" href="${escapeAttr(p.panelCssUri)}">
<title>${escapeText(p.title)}</title>
</head>
<body class="gn-${p.kind}" data-kind="${p.kind}">
<main id="root"><p class="gn-muted">Loading…</p></main>
<div id="gn-live" class="gn-sr-only" role="status" aria-live="polite"></div>
<script nonce="${p.nonce}" src="${escapeAttr(p.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
