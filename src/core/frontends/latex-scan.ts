/**
 * Finds the math regions of a Markdown or LaTeX document: `$...$`,
 * `$$...$$`, `\(...\)`, `\[...\]` and display environments such as
 * `equation`, `align*`. Offsets are into the whole document, so every
 * position reported later is a position in the user's file.
 *
 * Skipped: Markdown code fences and inline code, escaped `\$`, LaTeX `%`
 * comments, `\verb` and verbatim-like environments.
 */
import type { Diagnostic, Position } from '../source';

/** A math region: its content is `text.slice(start, end)`. */
export interface MathRegion {
  start: number;
  end: number;
  /** Display math (`$$`, `\[`, environments) rather than inline. */
  display: boolean;
  /** The opening delimiter as written: `$`, `$$`, `\[`, `\begin{align}` ... */
  open: string;
}

/** Environments whose body is math (starred forms included). */
const MATH_ENVS = new Set([
  'equation',
  'align',
  'gather',
  'multline',
  'flalign',
  'alignat',
  'eqnarray',
  'displaymath',
  'math',
  'dmath',
]);
/** Environments whose body is not TeX and must not be scanned. */
const VERBATIM_ENVS = new Set(['verbatim', 'lstlisting', 'minted', 'comment', 'Verbatim']);

/** Converts document offsets to 0-based line/column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\n') this.starts.push(i + 1);
    }
  }

  /** The position of `offset` (binary search over line starts). */
  at(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - this.starts[lo] };
  }
}

/** Scans a document for math; unclosed display delimiters become warnings. */
export function scanMath(
  text: string,
  language: 'markdown' | 'latex',
): { regions: MathRegion[]; diagnostics: Diagnostic[] } {
  const regions: MathRegion[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = new LineIndex(text);
  const skip = language === 'markdown' ? codeFences(text) : [];
  const unclosed = (open: string, at: number) => {
    const p = lines.at(at);
    diagnostics.push({
      message:
        `'${open}' is never closed, so the math after it is ignored; ` +
        `add the closing delimiter.`,
      line: p.line,
      column: p.column,
      endLine: p.line,
      endColumn: p.column + open.length,
      severity: 'warning',
    });
  };
  let i = 0;
  let fence = 0;
  while (i < text.length) {
    if (fence < skip.length && i >= skip[fence][0]) {
      i = Math.max(i, skip[fence][1]);
      fence++;
      continue;
    }
    const ch = text[i];
    if (language === 'markdown' && ch === '`') {
      const run = /^`+/.exec(text.slice(i))![0];
      const close = findBacktickRun(text, i + run.length, run.length);
      i = close < 0 ? i + run.length : close + run.length;
      continue;
    }
    if (language === 'latex' && ch === '%') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '[' || next === '(') {
        const close = next === '[' ? '\\]' : '\\)';
        const end = text.indexOf(close, i + 2);
        if (end < 0) {
          unclosed(`\\${next}`, i);
          i += 2;
          continue;
        }
        regions.push({ start: i + 2, end, display: next === '[', open: `\\${next}` });
        i = end + 2;
        continue;
      }
      const env = /^\\begin\{([A-Za-z]+)(\*?)\}/.exec(text.slice(i, i + 40));
      if (env && (MATH_ENVS.has(env[1]) || VERBATIM_ENVS.has(env[1]))) {
        const endTag = `\\end{${env[1]}${env[2]}}`;
        const end = text.indexOf(endTag, i + env[0].length);
        if (end < 0) {
          unclosed(env[0], i);
          i += env[0].length;
          continue;
        }
        if (MATH_ENVS.has(env[1])) {
          let start = i + env[0].length;
          // alignat{2}: skip the column count.
          const arg = /^\{\d+\}/.exec(text.slice(start));
          if (env[1] === 'alignat' && arg) start += arg[0].length;
          regions.push({ start, end, display: true, open: env[0] });
        }
        i = end + endTag.length;
        continue;
      }
      const verb = language === 'latex' ? /^\\verb\*?(.)/.exec(text.slice(i, i + 7)) : null;
      if (verb) {
        const end = text.indexOf(verb[1], i + verb[0].length);
        i = end < 0 ? i + verb[0].length : end + 1;
        continue;
      }
      i += 2; // an escape such as \$ or any other command's first two characters
      continue;
    }
    if (ch === '$') {
      if (text[i + 1] === '$') {
        const end = findDollar(text, i + 2, true);
        if (end < 0) {
          unclosed('$$', i);
          i += 2;
          continue;
        }
        regions.push({ start: i + 2, end, display: true, open: '$$' });
        i = end + 2;
        continue;
      }
      const end = findInlineEnd(text, i + 1, language);
      if (end < 0) {
        i++;
        continue;
      } // a literal dollar sign, as in "costs $5"
      regions.push({ start: i + 1, end, display: false, open: '$' });
      i = end + 1;
      continue;
    }
    i++;
  }
  return { regions, diagnostics };
}

/** Fenced code blocks (``` or ~~~, CommonMark) as [start, end) offset ranges. */
function codeFences(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const marker = m[1];
    const start = m.index;
    const closeRe = new RegExp(
      `^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}` + '[ \\t]*$',
      'gm',
    );
    closeRe.lastIndex = re.lastIndex;
    const close = closeRe.exec(text);
    const end = close ? close.index + close[0].length : text.length;
    out.push([start, end]);
    re.lastIndex = end;
  }
  return out;
}

function findBacktickRun(text: string, from: number, n: number): number {
  const re = /`+/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) if (m[0].length === n) return m.index;
  return -1;
}

/** The next unescaped `$$` (or `$`), or -1. */
function findDollar(text: string, from: number, double: boolean): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '$' && (!double || text[j + 1] === '$')) return j;
  }
  return -1;
}

/**
 * The closing `$` of inline math. In Markdown it follows the Pandoc rule
 * (`tex_math_dollars`): the opener is not followed by a space, the closer
 * is not preceded by a space nor followed by a digit, and inline math does
 * not cross a blank line; so "$5 and $10" is not math.
 */
function findInlineEnd(text: string, from: number, language: 'markdown' | 'latex'): number {
  if (language === 'markdown' && /\s/.test(text[from] ?? ' ')) return -1;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (language === 'markdown' && c === '\n' && /^\n[ \t]*\n/.test(text.slice(j, j + 40))) {
      return -1;
    }
    if (c !== '$') continue;
    if (language === 'latex') return j;
    if (!/\s/.test(text[j - 1]) && !/\d/.test(text[j + 1] ?? '')) return j === from ? -1 : j;
  }
  return -1;
}
