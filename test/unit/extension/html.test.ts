import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildWebviewHtml,
  cspDirectives,
  makeNonce,
  serializeCsp,
} from '../../../src/extension/html';

const parts = {
  cspSource: 'https://ext.vscode-cdn.net',
  nonce: 'abc123XYZ+/=',
  title: 'Gradient <Norm>',
  kind: 'panel' as const,
  scriptUri: 'https://ext.vscode-cdn.net/dist/webview.js',
  katexCssUri: 'https://ext.vscode-cdn.net/dist/katex/katex.min.css',
  panelCssUri: 'https://ext.vscode-cdn.net/media/panel.css',
};

function cspOf(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'CSP meta tag present');
  return new Map(
    m[1].split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources] as [string, string[]];
    }),
  );
}

describe('webview HTML and CSP', () => {
  it('denies by default', () => {
    const csp = cspOf(buildWebviewHtml(parts));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
  });

  it('allows scripts only with the nonce', () => {
    const html = buildWebviewHtml(parts);
    const csp = cspOf(html);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${parts.nonce}'`]);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], new RegExp(`nonce="${parts.nonce.replace(/[+/]/g, '\\$&')}"`));
    assert.match(scripts[0][1], /src="https:\/\/ext\.vscode-cdn\.net\/dist\/webview\.js"/);
  });

  it('never allows unsafe-inline, unsafe-eval or remote hosts', () => {
    const policy = serializeCsp(cspDirectives(parts.cspSource, parts.nonce));
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*|https?:\/\/(?!ext\.vscode-cdn)/);
  });

  it('takes styles and fonts from the webview source only', () => {
    const csp = cspOf(buildWebviewHtml(parts));
    assert.deepEqual(csp.get('style-src'), [parts.cspSource]);
    assert.deepEqual(csp.get('font-src'), [parts.cspSource]);
  });

  it('links KaTeX css and the panel css, escapes the title, has no inline style', () => {
    const html = buildWebviewHtml(parts);
    assert.ok(html.includes(`href="${parts.katexCssUri}"`));
    assert.ok(html.includes(`href="${parts.panelCssUri}"`));
    assert.ok(html.includes('<title>Gradient &lt;Norm&gt;</title>'));
    assert.doesNotMatch(html, /<style|style="/);
  });

  it('rejects a nonce that could break out of the policy', () => {
    assert.throws(() => buildWebviewHtml({ ...parts, nonce: "x' 'unsafe-inline" }));
  });

  it('makes fresh, long nonces', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.notEqual(a, b);
    assert.ok(a.length >= 22);
    assert.match(a, /^[A-Za-z0-9+/=]+$/);
  });
});
