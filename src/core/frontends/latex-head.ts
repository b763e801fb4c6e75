/**
 * Recognises a definition head at the start of a math row: `f(x) =`,
 * `f(x, y) =`, `g(x_1, x_2) :=`, `\phi(\mathbf{x}) =`, `f_1(t) \coloneqq`, `f_{10}(x) =`.
 * Anything else (`$x$`, `f(2) = 4`, `f'(x) = ...`) is not a definition.
 */
import type { LTok } from './latex-lex';
import { GREEK } from './latex-words';

/** A parsed definition head `f(x, y) =`. */
export interface LHead {
  name: string;
  nameAt: number;
  params: { base: string; index?: number; at: number }[];
}

class Cursor {
  pos = 0;

  constructor(private readonly t: LTok[]) {}

  peek(): LTok {
    return this.t[Math.min(this.pos, this.t.length - 1)];
  }

  next(): LTok {
    return this.t[Math.min(this.pos++, this.t.length - 1)];
  }
}

/** The head and the index of the first body token, or undefined when the row defines nothing. */
export function parseHead(tokens: LTok[]): { head: LHead; next: number } | undefined {
  const c = new Cursor(tokens);
  const head = tryHead(c);
  return head ? { head, next: c.pos } : undefined;
}

function tryHead(c: Cursor): LHead | undefined {
  const nameTok = c.next();
  let name: string;
  if (nameTok.k === 'letter') name = nameTok.text;
  else if (nameTok.k === 'cmd' && GREEK.has(nameTok.text.slice(1))) name = nameTok.text.slice(1);
  else return undefined;
  if (c.peek().text === '_') {
    c.next();
    const sub = c.next();
    if (sub.k === 'num' || sub.k === 'letter') name += `_${sub.text}`;
    else if (sub.text === '{') {
      // f_{10}, f_{ab}: letters and digits in braces.
      let index = '';
      while (c.peek().k === 'num' || c.peek().k === 'letter') index += c.next().text;
      if (index === '' || c.next().text !== '}') return undefined;
      name += `_${index}`;
    } else return undefined;
  }
  if (c.next().text !== '(') return undefined;
  const params: LHead['params'] = [];
  for (;;) {
    const p = param(c);
    if (!p) return undefined;
    params.push(p);
    const sep = c.next().text;
    if (sep === ')') break;
    if (sep !== ',') return undefined;
  }
  const eq = c.next();
  if (eq.text === ':' && c.peek().text === '=') c.next();
  else if (!['=', '\\coloneqq', '\\triangleq', '\\equiv', '\\colonequals'].includes(eq.text)) {
    return undefined;
  }
  return { name, nameAt: nameTok.off, params };
}

function param(c: Cursor): LHead['params'][number] | undefined {
  let tok = c.next();
  const at = tok.off;
  if (tok.k === 'cmd' && ['\\mathbf', '\\boldsymbol', '\\bm', '\\vec'].includes(tok.text)) {
    if (c.next().text !== '{') return undefined;
    tok = c.next();
    if (c.next().text !== '}') return undefined;
  }
  let base: string;
  if (tok.k === 'letter') base = tok.text;
  else if (tok.k === 'cmd' && GREEK.has(tok.text.slice(1))) base = tok.text.slice(1);
  else return undefined;
  if (c.peek().text !== '_') return { base, at };
  c.next();
  let sub = c.next();
  if (sub.text === '{') {
    sub = c.next();
    if (c.next().text !== '}') return undefined;
  }
  if (sub.k !== 'num' || !/^\d+$/.test(sub.text)) return undefined;
  return { base, index: Number(sub.text), at };
}
