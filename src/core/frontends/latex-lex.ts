/**
 * Tokenizer for LaTeX math. Works on a slice of the whole document and keeps
 * document offsets, so diagnostics point into the user's file. Spacing
 * (`\,` `\;` `\!` `\:` `~`), alignment `&`, sizing (`\left`, `\big`...) and
 * labels are dropped here; `\left|`, `\lvert` become explicit absolute-value
 * openers and `\right|`, `\rvert` closers, while a bare `|` stays ambiguous.
 */

/** Token kinds: a number, one letter, a command, one other character. */
export type LTokKind = 'num' | 'letter' | 'cmd' | 'ch' | 'absOpen' | 'absClose' | 'eof';

/** A token; `off`/`end` are offsets in the whole document (end exclusive). */
export interface LTok {
  k: LTokKind;
  text: string;
  off: number;
  end: number;
}

const IGNORED = new Set([
  '\\,',
  '\\;',
  '\\!',
  '\\:',
  '\\>',
  '\\ ',
  '\\displaystyle',
  '\\textstyle',
  '\\scriptstyle',
  '\\limits',
  '\\nolimits',
  '\\nonumber',
  '\\notag',
  '\\left.',
  '\\right.',
  '\\middle',
  '\\mathclose',
  '\\mathopen',
  '\\\\', // a line break inside one definition written over several lines
]);
/** Commands followed by one braced argument that is dropped with them. */
const IGNORED_WITH_ARG = new Set([
  '\\label',
  '\\tag',
  '\\tag*',
  '\\hspace',
  '\\vspace',
  '\\phantom',
  '\\begin',
  '\\end',
]);
/** Environments that only lay a formula out (alignment, line breaks): read through. */
const LAYOUT_ENVIRONMENTS = new Set([
  'aligned',
  'alignedat',
  'split',
  'gathered',
  'multline',
  'multline*',
  'align',
  'align*',
  'equation',
  'equation*',
  'gather',
  'gather*',
  'displaymath',
  'math',
]);
/** Sizing prefixes before a delimiter; `l`/`r` say which side. */
const SIZING = /^\\(left|right|[bB]igg?[lr]?)$/;

/**
 * Splits math text[start, end) into tokens; always ends with an `eof` token
 * at `end`. Unknown commands are passed on for the parser to report.
 */
export function tokenizeLatex(text: string, start: number, end: number): LTok[] {
  const out: LTok[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (/\s/.test(c) || c === '&' || c === '~') {
      i++;
      continue;
    }
    if (c === '%') {
      // a TeX comment runs to the end of the line
      while (i < end && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\') {
      const m = /^\\(?:[A-Za-z]+\*?|.)/s.exec(text.slice(i, Math.min(end, i + 40)));
      const name = m ? m[0] : '\\';
      // A matrix or cases environment inside a formula is no scalar formula: the parser
      // reports it (read as layout, its cells would become one silent product).
      const env = /^\\(begin|end)\s*\{([A-Za-z]+\*?)\}/.exec(text.slice(i, Math.min(end, i + 60)));
      if (env && !LAYOUT_ENVIRONMENTS.has(env[2])) {
        out.push({ k: 'cmd', text: `\\${env[1]}{${env[2]}}`, off: i, end: i + env[0].length });
        i += env[0].length;
        continue;
      }
      // `\begin{aligned}` etc.: drop the command and its braced argument.
      if (IGNORED_WITH_ARG.has(name)) {
        i += name.length;
        while (i < end && /\s/.test(text[i])) i++;
        if (text[i] === '{') {
          const close = text.indexOf('}', i);
          i = close < 0 || close >= end ? end : close + 1;
        }
        continue;
      }
      const sizing = SIZING.exec(name);
      if (sizing) {
        i += name.length;
        while (i < end && /\s/.test(text[i])) i++;
        const d = /^(?:\\[A-Za-z]+|\\.|.)/s.exec(text.slice(i, end));
        if (!d) continue;
        const side =
          sizing[1] === 'left' || sizing[1].endsWith('l')
            ? 'open'
            : sizing[1] === 'right' || sizing[1].endsWith('r')
              ? 'close'
              : 'either';
        if (d[0] === '.') {
          i += 1;
          continue;
        }
        if (['|', '\\vert', '\\lvert', '\\rvert'].includes(d[0]) && side !== 'either') {
          out.push({
            k: side === 'open' ? 'absOpen' : 'absClose',
            text: d[0],
            off: i,
            end: i + d[0].length,
          });
          i += d[0].length;
        }
        continue; // any other delimiter is tokenized normally next round
      }
      if (!IGNORED.has(name)) {
        const k = name === '\\lvert' ? 'absOpen' : name === '\\rvert' ? 'absClose' : 'cmd';
        out.push({ k, text: name, off: i, end: i + name.length });
      }
      i += name.length;
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(text.slice(i, Math.min(end, i + 64)));
    if (num) {
      out.push({ k: 'num', text: num[0], off: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    out.push({ k: /[A-Za-z]/.test(c) ? 'letter' : 'ch', text: c, off: i, end: i + 1 });
    i++;
  }
  out.push({ k: 'eof', text: '', off: end, end });
  return out;
}
