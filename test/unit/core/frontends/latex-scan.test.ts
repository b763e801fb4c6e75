import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, scanMath } from '../../../../src/core/frontends/latex-scan';

/** The contents of the math regions found, as text. */
function contents(text: string, language: 'markdown' | 'latex'): string[] {
  return scanMath(text, language).regions.map((r) => text.slice(r.start, r.end));
}

describe('scanMath', () => {
  it('finds $, $$, \\( \\), \\[ \\] and environments', () => {
    const text =
      'a $x$ b $$y$$ c \\(z\\) d \\[w\\]\n\\begin{align*}u\\end{align*}' +
      '\\begin{equation}v\\end{equation}';
    assert.deepEqual(contents(text, 'markdown'), ['x', 'y', 'z', 'w', 'u', 'v']);
    const kinds = scanMath(text, 'markdown').regions.map((r) => `${r.open}:${r.display}`);
    assert.deepEqual(kinds, [
      '$:false',
      '$$:true',
      '\\(:false',
      '\\[:true',
      '\\begin{align*}:true',
      '\\begin{equation}:true',
    ]);
  });

  it('skips code fences, inline code and escaped dollars in Markdown', () => {
    const text = '```\n$$a$$\n```\n~~~~\n$b$\n~~~~\n`$c$` ``$d$`` \\$e\\$ $f$';
    assert.deepEqual(contents(text, 'markdown'), ['f']);
  });

  it('treats prices as text (Pandoc rule) and inline math does not cross a blank line', () => {
    assert.deepEqual(contents('costs $5 and $10 today', 'markdown'), []);
    assert.deepEqual(contents('$a\n\nb$ and $c$', 'markdown'), ['c']);
    assert.deepEqual(contents('$ x $ and $y$', 'markdown'), ['y']);
  });

  it('skips LaTeX comments, \\verb and verbatim', () => {
    const text = '% $a$\n\\verb|$b$| \\begin{verbatim}$c$\\end{verbatim} 50\\% $d$';
    assert.deepEqual(contents(text, 'latex'), ['d']);
  });

  it('warns about an unclosed $$ at its position', () => {
    const { regions, diagnostics } = scanMath('text\n  $$ f(x) = x\n', 'markdown');
    assert.equal(regions.length, 0);
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(
      [diagnostics[0].line, diagnostics[0].column, diagnostics[0].severity],
      [1, 2, 'warning'],
    );
  });

  it('keeps document offsets for multi-line display math', () => {
    const text = 'one\n$$\nf(x) = 1\n$$\n';
    const [r] = scanMath(text, 'markdown').regions;
    const lines = new LineIndex(text);
    assert.deepEqual(lines.at(r.start), { line: 1, column: 2 });
    assert.deepEqual(lines.at(text.indexOf('f')), { line: 2, column: 0 });
  });
});
