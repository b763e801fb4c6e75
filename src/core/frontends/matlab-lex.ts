/**
 * Tokenizer for the subset of MATLAB/Octave that defines math functions.
 * Every token keeps its exact 0-based line and column. Comments (`%`, `#`,
 * block `%{ ... %}`) and `...` continuations are dropped here, so the
 * statement splitter and the expression parser never see them.
 */
import type { Position } from '../source';

/** Kinds of MATLAB tokens. `newline` ends a statement like `;` and `,` do. */
export type MTokenKind = 'num' | 'ident' | 'op' | 'string' | 'newline' | 'eof';

/** One token with its source text and where it starts and ends (end is exclusive). */
export interface MToken {
  kind: MTokenKind;
  text: string;
  at: Position;
  end: Position;
}

/**
 * Multi-character operators, longest first so `.^` wins over `.`. Octave also
 * writes powers as `**` and `.**`, and updates as `+=`, `-=`, `*=`, `/=`.
 */
const OPERATORS = [
  '...',
  '.**',
  '.^',
  '.*',
  './',
  '.\\',
  ".'",
  '==',
  '~=',
  '!=',
  '<=',
  '>=',
  '+=',
  '-=',
  '*=',
  '/=',
  '**',
  '&&',
  '||',
  '+',
  '-',
  '*',
  '/',
  '\\',
  '^',
  "'",
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ';',
  '=',
  '@',
  '<',
  '>',
  '&',
  '|',
  '~',
  '!',
  ':',
  '.',
];

/**
 * Splits MATLAB source into tokens. Never throws: an unexpected character
 * becomes an `op` token that the parser reports with its position.
 */
export function tokenizeMatlab(text: string): MToken[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: MToken[] = [];
  let inBlockComment = 0;
  for (let line = 0; line < lines.length; line++) {
    const s = lines[line];
    // `%{` and `%}` open/close block comments only when alone on their line (MATLAB rule).
    const trimmed = s.trim();
    if (trimmed === '%{' || trimmed === '#{') {
      inBlockComment++;
      continue;
    }
    if (inBlockComment > 0) {
      if (trimmed === '%}' || trimmed === '#}') inBlockComment--;
      continue;
    }
    let col = 0;
    let continued = false;
    while (col < s.length) {
      const ch = s[col];
      if (ch === ' ' || ch === '\t') {
        col++;
        continue;
      }
      if (ch === '%' || ch === '#') break;
      const at = { line, column: col };
      const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(s.slice(col));
      if (num) {
        let t = num[0];
        // `3.^2`, `3.*x`, `1./x`: the dot belongs to the operator, not the number.
        if (t.endsWith('.') && /^[*/^\\']/.test(s[col + t.length] ?? '')) t = t.slice(0, -1);
        out.push(tok('num', t, line, col));
        col += t.length;
        continue;
      }
      const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(col));
      if (id) {
        out.push(tok('ident', id[0], line, col));
        col += id[0].length;
        continue;
      }
      if (ch === '"' || (ch === "'" && !transposeContext(out, line, col))) {
        let j = col + 1;
        while (j < s.length) {
          if (s[j] === ch && s[j + 1] === ch) {
            j += 2;
            continue;
          }
          if (s[j] === ch) break;
          j++;
        }
        out.push(tok('string', s.slice(col, j + 1), line, col));
        col = Math.min(j + 1, s.length);
        continue;
      }
      const op = OPERATORS.find((o) => s.startsWith(o, col)) ?? ch;
      if (op === '...') {
        continued = true;
        break;
      } // the rest of the line is a comment
      out.push({ kind: 'op', text: op, at, end: { line, column: col + op.length } });
      col += op.length;
    }
    if (!continued) out.push(tok('newline', '\n', line, s.length));
  }
  const last = lines.length - 1;
  out.push(tok('eof', '', last, lines[last].length));
  return out;
}

function tok(kind: MTokenKind, text: string, line: number, column: number): MToken {
  return { kind, text, at: { line, column }, end: { line, column: column + text.length } };
}

/** `'` is a transpose right after a value with no space before it (`x'`, `a(1)'`, `2'`). */
function transposeContext(out: MToken[], line: number, col: number): boolean {
  const prev = out[out.length - 1];
  if (!prev || prev.end.line !== line || prev.end.column !== col) return false;
  if (prev.kind === 'num' || prev.kind === 'ident') return true;
  return prev.kind === 'op' && [')', ']', '}', "'", ".'"].includes(prev.text);
}
