/** Hover images: TeX drawn as SVG, coloured for the theme, and never wider than a hover. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { texToSvgDataUri } from '../../../src/extension/mathSvg';

const svgOf = (uri: string | null) =>
  uri === null
    ? null
    : Buffer.from(uri.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString();

describe('texToSvgDataUri', () => {
  it('draws a formula in the theme colour as a data: URI', () => {
    const uri = texToSvgDataUri('\\frac{x^2}{1 + x^2}', '#d4d4d4');
    assert.match(uri!, /^data:image\/svg\+xml;base64,/);
    const svg = svgOf(uri)!;
    assert.match(svg, /^<svg/);
    assert.ok(svg.includes('#d4d4d4') && !svg.includes('currentColor'));
  });

  it('scales a wide formula down to the width of a hover', () => {
    const terms = Array.from({ length: 8 }, (_, i) => `\\sin(x_{${i}})`).join(' + ');
    const svg = svgOf(texToSvgDataUri(terms, '#000000'))!;
    const width = Number(/width="([\d.]+)px"/.exec(svg)![1]);
    assert.ok(width <= 520, `width ${width}`);
  });

  it('gives up (plain-text fallback) on formulas too wide to read when scaled', () => {
    const terms = Array.from({ length: 80 }, (_, i) => `\\sin(x_{${i}})`).join(' + ');
    assert.equal(texToSvgDataUri(terms, '#000000'), null);
  });

  it('refuses TeX errors and odd colours rather than drawing them', () => {
    assert.equal(texToSvgDataUri('\\frac{1}{', '#000000'), null);
    assert.equal(texToSvgDataUri('x', 'red; background: url(x)'), null);
  });
});
