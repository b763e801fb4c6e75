/**
 * TeX → SVG for hovers (hover Markdown cannot run KaTeX). Runs in the worker
 * and is imported lazily there: MathJax is about 2 MB of code.
 *
 * The SVG is returned as a base64 data: URI; VS Code's Markdown renderer
 * allows data: image sources. `fontCache: 'local'` defines each glyph once
 * per image and reuses it, which keeps long results small (VS Code cuts hover
 * Markdown past 100,000 characters), and `currentColor` is replaced by the theme colour
 * because an <img> does not inherit the hover's text colour.
 */
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const doc = mathjax.document('', {
  InputJax: new TeX({ packages: ['base', 'ams'], maxMacros: 1000, maxBuffer: 50 * 1024 }),
  OutputJax: new SVG({ fontCache: 'local' }),
});

/**
 * Longest TeX accepted; past this the hover shows the plain-text fallback. Longer
 * formulas come out far wider than a hover even at half size, so converting them
 * would only cost time.
 */
const MAX_TEX = 2_500;

/** Widest image a hover shows without cutting it, in CSS pixels. */
const MAX_WIDTH_PX = 520;
/** Pixels per ex at the editor's usual font size. */
const PX_PER_EX = 8;

/**
 * Scales a wide formula down to the hover's width (VS Code does not shrink
 * hover images; it cuts them). Below half size it would be unreadable: then
 * null, and the hover shows the plain-text formula instead.
 */
function fitWidth(svg: string): string | null {
  const m = /^<svg([^>]*?) width="([\d.]+)ex" height="([\d.]+)ex"/.exec(svg);
  if (!m) return svg;
  const width = Number(m[2]) * PX_PER_EX;
  const height = Number(m[3]) * PX_PER_EX;
  if (width <= MAX_WIDTH_PX) return svg;
  const scale = MAX_WIDTH_PX / width;
  if (scale < 0.5) return null;
  const size = `width="${(width * scale).toFixed(1)}px" height="${(height * scale).toFixed(1)}px"`;
  return svg.replace(`width="${m[2]}ex" height="${m[3]}ex"`, size);
}

/** Renders display-style TeX to an SVG data: URI, or null when it cannot. */
export function texToSvgDataUri(tex: string, color: string): string | null {
  if (tex.length > MAX_TEX || !/^#[0-9a-fA-F]{3,8}$/.test(color)) return null;
  try {
    const node = doc.convert(tex, { display: true });
    const drawn = adaptor.innerHTML(node);
    // MathJax reports TeX errors inside the SVG; the fallback text is more useful then.
    if (drawn.includes('data-mjx-error')) return null;
    const fitted = fitWidth(drawn);
    if (!fitted) return null;
    const svg = fitted.replace(/currentColor/g, color);
    return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
  } catch {
    return null;
  }
}
