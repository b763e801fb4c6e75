/**
 * Recursive-descent parser for LaTeX math, producing a small syntax tree
 * (`LNode`) that `latex-lower.ts` turns into `SourceExpr`. Conventions:
 *
 * - Letters are separate symbols and juxtaposition is multiplication:
 *   `2xy` = 2·x·y, `x_1 x_2` = x₁·x₂, `3\sin(x)` = 3·sin x.
 * - A leading sign covers the whole product: `-x^2 y` = -(x²·y).
 * - `^`/`_` take one token or a group, as TeX does: `x^12` = x¹·2.
 * - `\sin^2 x` and `\sin^2(x)` = (sin x)², `\sin(x)^2` = (sin x)² as well,
 *   `\sin^{-1} x` = arcsin x (the usual inverse-function convention).
 * - `\sin x` without parentheses: the argument is the implicit product of
 *   simple factors that follows (numbers, symbols with scripts, `\pi`,
 *   braces), so `\sin 2x = sin(2x)`, `\sin x_1 x_2` = sin(x₁x₂), and
 *   `\sin x \cos y` = sin(x)·cos(y), `\sin x + 1` = sin(x) + 1.
 * - `\sum_{i=1}^{n}` (and `\prod`) take the following product as summand:
 *   `\sum_i x_i^2 + 1` = (Σ x_i²) + 1; use brackets for longer summands.
 * - `\log` is the natural logarithm (as in analysis texts), like `\ln`.
 */
import type { MathFunction } from '../source';
import type { LTok } from './latex-lex';
import { BODY_END, FONTS, FRACS, FUNCTIONS, GREEK, INVERSE, RECIPROCAL } from './latex-words';

/** The LaTeX syntax tree; `at` is a document offset. */
export type LNode =
  | { k: 'num'; value: number; at: number }
  | { k: 'sym'; base: string; sub?: LNode; at: number }
  | { k: 'const'; name: 'pi' | 'e'; at: number }
  | { k: 'neg'; arg: LNode; at: number }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '^'; l: LNode; r: LNode; at: number }
  | { k: 'call'; fn: MathFunction; args: LNode[]; at: number }
  | { k: 'sum'; op: '+' | '*'; index: string; from: LNode; to: LNode; body: LNode; at: number };

/** A syntax error: where and what was expected. */
export class LatexSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
    readonly end: number,
    /** Where the unclosed bracket opened, if that is the problem. */
    readonly openedAt?: number,
    /** The unclosed bracket as written. */
    readonly openText?: string,
  ) {
    super(message);
  }
}

/** Parses one math row (tokens from `tokenizeLatex`). */
export class LatexParser {
  private absDepth = 0;
  /** Brackets still open, innermost last: reported when the formula ends too early. */
  private readonly open: LTok[] = [];

  /** Parses `t` from token `pos` on (after the definition head). */
  constructor(
    private readonly t: LTok[],
    private pos = 0,
  ) {}

  /** The body after the head, up to the end of the row or a trailing condition. */
  body(): LNode {
    const e = this.expr();
    const tok = this.peek();
    if (tok.k !== 'eof' && !BODY_END.has(tok.text)) {
      this.fail(tok, 'an operator such as +, -, \\cdot or the end of the formula');
    }
    return e;
  }

  /** Sum of products: a leading sign covers the first product. */
  private expr(): LNode {
    let left: LNode;
    const first = this.peek();
    if (first.text === '-' || first.text === '+') {
      this.next();
      const p = this.product();
      left = first.text === '-' ? { k: 'neg', arg: p, at: first.off } : p;
    } else {
      left = this.product();
    }
    for (let op = this.peek(); op.text === '+' || op.text === '-'; op = this.peek()) {
      this.next();
      left = { k: 'bin', op: op.text, l: left, r: this.product(), at: op.off };
    }
    return left;
  }

  private product(): LNode {
    let left = this.signedFactor();
    for (;;) {
      const op = this.peek();
      if (['\\cdot', '\\times', '*', '\\ast'].includes(op.text)) {
        this.next();
        left = { k: 'bin', op: '*', l: left, r: this.signedFactor(), at: op.off };
      } else if (op.text === '/' || op.text === '\\div') {
        this.next();
        left = { k: 'bin', op: '/', l: left, r: this.signedFactor(), at: op.off };
      } else if (this.startsFactor(op)) {
        left = { k: 'bin', op: '*', l: left, r: this.factor(), at: op.off };
      } else {
        return left;
      }
    }
  }

  /** After an explicit `\cdot` or `/`, a sign is allowed: `a \cdot -b`. */
  private signedFactor(): LNode {
    const tok = this.peek();
    if (tok.text === '-') {
      this.next();
      return { k: 'neg', arg: this.signedFactor(), at: tok.off };
    }
    if (tok.text === '+') this.next();
    return this.factor();
  }

  private startsFactor(tok: LTok): boolean {
    if (tok.k === 'num' || tok.k === 'letter' || tok.k === 'absOpen') return true;
    if (tok.text === '|' || tok.text === '\\vert') return this.absDepth === 0;
    if (tok.k === 'ch') return ['(', '[', '{'].includes(tok.text);
    return (
      tok.k === 'cmd' &&
      !BODY_END.has(tok.text) &&
      !['\\cdot', '\\times', '\\div', '\\ast', '\\}', '\\rbrace', '\\pm', '\\mp'].includes(tok.text)
    );
  }

  /** An atom with its sub- and superscripts. */
  private factor(): LNode {
    let node = this.atom();
    let sup = false;
    let sub = false;
    for (;;) {
      const tok = this.peek();
      if (tok.text === '^') {
        if (sup) this.fail(tok, 'braces around a nested power, as in x^{2^{3}} or {x^2}^3');
        this.next();
        sup = true;
        node = { k: 'bin', op: '^', l: node, r: this.scriptArg(tok), at: tok.off };
      } else if (tok.text === '_') {
        if (sub || node.k !== 'sym' || sup) {
          this.fail(tok, 'a subscript only directly on a symbol, as in x_1');
        }
        this.next();
        node = { ...(node as Extract<LNode, { k: 'sym' }>), sub: this.scriptArg(tok) };
        sub = true;
      } else if (tok.text === "'" || tok.text === '!') {
        this.fail(tok, 'a plain expression (derivatives and factorials are not supported)');
      } else {
        return node;
      }
    }
  }

  /** The argument of `^`, `_`, `\frac`, `\sqrt`: a group, or one token as in TeX. */
  private scriptArg(after: LTok): LNode {
    const tok = this.peek();
    if (tok.text === '{') return this.group('{', '}');
    if (tok.k === 'num') {
      this.next();
      if (tok.text.length > 1) {
        // x^23 is x^2 followed by 3
        this.t.splice(this.pos, 0, {
          k: 'num',
          text: tok.text.slice(1),
          off: tok.off + 1,
          end: tok.end,
        });
      }
      return { k: 'num', value: Number(tok.text[0]), at: tok.off };
    }
    if (
      tok.k === 'letter' ||
      (tok.k === 'cmd' && (GREEK.has(tok.text.slice(1)) || tok.text === '\\pi'))
    ) {
      return this.atom();
    }
    return this.fail(
      tok,
      `a single digit or letter, or braces, after '${after.text}', as in ` +
        (after.text === '_' ? 'x_{1}' : after.text === '^' ? 'x^{2}' : '\\frac{1}{2}'),
    );
  }

  private atom(): LNode {
    const tok = this.peek();
    if (tok.k === 'eof') {
      const prev = this.t[this.pos - 1];
      this.fail(
        tok,
        `a number, a symbol or a parenthesis${prev ? ` after '${prev.text}'` : ''}` +
          (prev?.text === '='
            ? '; write the formula after it'
            : `; finish the formula or remove the trailing '${prev?.text ?? ''}'`),
      );
    }
    this.next();
    if (tok.k === 'num') return { k: 'num', value: Number(tok.text), at: tok.off };
    if (tok.k === 'letter') return { k: 'sym', base: tok.text, at: tok.off };
    if (tok.text === '(' || tok.text === '\\{' || tok.text === '\\lbrace') {
      this.pos--;
      return this.group(tok.text, tok.text === '(' ? ')' : tok.text === '\\{' ? '\\}' : '\\rbrace');
    }
    if (tok.text === '[' || tok.text === '{') {
      this.pos--;
      return this.group(tok.text, tok.text === '[' ? ']' : '}');
    }
    if (tok.k === 'absOpen' || tok.text === '|' || tok.text === '\\vert') return this.abs(tok);
    if (tok.k !== 'cmd') {
      return this.fail(tok, 'a number, a symbol or a parenthesis');
    }
    const name = tok.text.slice(1);
    if (name === 'pi') return { k: 'const', name: 'pi', at: tok.off };
    if (GREEK.has(name)) return { k: 'sym', base: name, at: tok.off };
    if (FRACS.has(tok.text)) {
      const num = this.scriptArg(tok);
      const den = this.scriptArg(tok);
      return { k: 'bin', op: '/', l: num, r: den, at: tok.off };
    }
    if (name === 'sqrt') return this.sqrt(tok);
    if (name === 'sum' || name === 'prod') return this.sum(tok, name === 'sum' ? '+' : '*');
    if (FONTS.has(tok.text)) return this.font(tok);
    if (FUNCTIONS[name] || RECIPROCAL[name]) return this.func(tok, name);
    if (/^\\(begin|end)\{/.test(tok.text)) {
      return this.failWith(
        tok,
        `'${tok.text}' is not supported inside a definition: a definition is one scalar ` +
          'formula; write each case or entry as a function of its own.',
      );
    }
    return this.failWith(
      tok,
      `'${tok.text}' is not supported; supported: \\frac, ` +
        '\\sqrt, \\sin, \\cos, \\tan, \\exp, \\log, \\ln, \\max, \\min, \\sum, \\pi, \\cdot, ' +
        'Greek letters, \\left( \\right), |x|.',
    );
  }

  private group(open: string, close: string): LNode {
    const openTok = this.next();
    const saved = this.absDepth;
    this.absDepth = 0;
    this.open.push(openTok);
    const e = this.expr();
    this.absDepth = saved;
    this.expect(close, openTok);
    this.open.pop();
    return e;
  }

  private abs(open: LTok): LNode {
    this.absDepth++;
    this.open.push(open);
    const e = this.expr();
    this.open.pop();
    this.absDepth--;
    const close = this.peek();
    if (close.k === 'absClose' || close.text === '|' || close.text === '\\vert') {
      this.next();
      return { k: 'call', fn: 'abs', args: [e], at: open.off };
    }
    return this.fail(close, `'|' to close the absolute value`, open);
  }

  private sqrt(tok: LTok): LNode {
    let index: LNode | undefined;
    if (this.peek().text === '[') index = this.group('[', ']');
    const arg = this.scriptArg(tok);
    if (!index) return { k: 'call', fn: 'sqrt', args: [arg], at: tok.off };
    if (index.k === 'num' && index.value === 3)
      return { k: 'call', fn: 'cbrt', args: [arg], at: tok.off };
    const inv: LNode = {
      k: 'bin',
      op: '/',
      l: { k: 'num', value: 1, at: tok.off },
      r: index,
      at: tok.off,
    };
    return { k: 'bin', op: '^', l: arg, r: inv, at: tok.off };
  }

  /** `\sum_{i=1}^{n} body`: index, bounds (evaluated later), and the following product. */
  private sum(tok: LTok, op: '+' | '*'): LNode {
    let index: string | undefined;
    let from: LNode | undefined;
    let to: LNode | undefined;
    for (let k = 0; k < 2; k++) {
      const s = this.peek();
      if (s.text === '_' && !from) {
        this.next();
        const braced = this.peek().text === '{';
        if (braced) this.next();
        const v = this.next();
        if (v.k !== 'letter' || this.next().text !== '=') {
          this.fail(v, 'a lower bound such as \\sum_{i=1}');
        }
        index = v.text;
        from = braced ? this.expr() : this.scriptArg(s);
        if (braced) this.expect('}', s);
      } else if (s.text === '^' && !to) {
        this.next();
        to = this.scriptArg(s);
      }
    }
    if (!index || !from || !to) {
      this.fail(this.peek(), 'both bounds of the sum, as in \\sum_{i=1}^{3}');
    }
    return { k: 'sum', op, index: index!, from: from!, to: to!, body: this.product(), at: tok.off };
  }

  /** `\mathrm{e}`, `\operatorname{sign}(x)`, `\mathbf{x}`. */
  private font(tok: LTok): LNode {
    const open = this.peek();
    if (open.text !== '{') this.fail(open, `'{' after '${tok.text}'`);
    this.next();
    let word = '';
    while (this.peek().k === 'letter' || this.peek().k === 'num') word += this.next().text;
    this.expect('}', open);
    if (FUNCTIONS[word] || RECIPROCAL[word]) return this.func(tok, word);
    if (word === 'e' && tok.text === '\\mathrm') return { k: 'const', name: 'e', at: tok.off };
    if (tok.text === '\\operatorname') {
      return this.failWith(
        tok,
        `'\\operatorname{${word}}' is not a function this reads; supported: \\sin, \\cos, ` +
          '\\tan, \\sinh, \\cosh, \\tanh, \\exp, \\log, \\ln, \\max, \\min, ' +
          `\\operatorname{sign}, \\sqrt; write ${word} with these.`,
      );
    }
    if (/^[A-Za-z][A-Za-z0-9]*$/.test(word)) return { k: 'sym', base: word, at: tok.off };
    return this.fail(
      open,
      `a function name such as \\operatorname{sign} or a letter in ` + `'${tok.text}{...}'`,
    );
  }

  /** `\sin x`, `\sin(x)`, `\sin^2 x`, `\sin^{-1} x`, `\log_{2} x`, `\max(a, b)`. */
  private func(tok: LTok, name: string): LNode {
    let power: LNode | undefined;
    let base: LNode | undefined;
    for (let s = this.peek(); s.text === '^' || s.text === '_'; s = this.peek()) {
      this.next();
      if (s.text === '^') power = this.scriptArg(s);
      else base = this.scriptArg(s);
    }
    const args: LNode[] = [];
    const open = this.peek();
    if (open.text === '(' || open.text === '[' || open.text === '{') {
      this.next();
      const close = open.text === '(' ? ')' : open.text === '[' ? ']' : '}';
      const saved = this.absDepth;
      this.absDepth = 0;
      this.open.push(open);
      for (;;) {
        args.push(this.expr());
        if (this.peek().text !== ',') break;
        this.next();
      }
      this.absDepth = saved;
      this.expect(close, open);
      this.open.pop();
    } else {
      // Without parentheses the argument is the following run of simple factors.
      if (!this.startsFactor(open) || (open.k === 'cmd' && this.isFunctionCmd(open))) {
        this.fail(open, `an argument for '${tok.text}', as in ${tok.text}(x)`);
      }
      let arg = this.factor();
      for (let n = this.peek(); this.simpleFactorStart(n); n = this.peek()) {
        arg = { k: 'bin', op: '*', l: arg, r: this.factor(), at: n.off };
      }
      args.push(arg);
    }
    const fn = FUNCTIONS[name] ?? RECIPROCAL[name];
    const minusOne = power?.k === 'neg' && power.arg.k === 'num' && power.arg.value === 1;
    const inverse = minusOne && INVERSE[fn];
    if (minusOne && !inverse && ['sinh', 'cosh', 'tanh'].includes(name)) {
      this.fail(
        tok,
        `\\ln(x + \\sqrt{x^2 + 1}) (for arsinh; likewise arcosh, artanh) or ` +
          `\\frac{1}{${tok.text} x} (for 1/${name}), since ${tok.text}^{-1} could mean either`,
      );
    }
    const one: LNode = { k: 'num', value: 1, at: tok.off };
    let node: LNode;
    if (inverse && RECIPROCAL[name]) {
      // arcsec x = arccos(1/x), arccsc x = arcsin(1/x), arccot x = arctan(1/x).
      const reciprocalArgs = args.map((a): LNode => ({
        k: 'bin',
        op: '/',
        l: one,
        r: a,
        at: a.at,
      }));
      node = { k: 'call', fn: inverse, args: reciprocalArgs, at: tok.off };
    } else {
      node = { k: 'call', fn: inverse || fn, args, at: tok.off };
      if (RECIPROCAL[name]) node = { k: 'bin', op: '/', l: one, r: node, at: tok.off };
    }
    if (base) {
      // log_b x = ln x / ln b
      if (fn !== 'log') this.fail(tok, `no subscript on '${tok.text}' (only \\log_{b} has one)`);
      if (base.k === 'num' && (base.value === 10 || base.value === 2)) {
        node = { k: 'call', fn: base.value === 10 ? 'log10' : 'log2', args, at: tok.off };
      } else {
        node = {
          k: 'bin',
          op: '/',
          l: node,
          r: { k: 'call', fn: 'log', args: [base], at: tok.off },
          at: tok.off,
        };
      }
    }
    if (power && !inverse) node = { k: 'bin', op: '^', l: node, r: power, at: tok.off };
    return node;
  }

  private isFunctionCmd(tok: LTok): boolean {
    const n = tok.text.slice(1);
    return Boolean(FUNCTIONS[n] || RECIPROCAL[n]) || n === 'sum' || n === 'prod';
  }

  /** Numbers, letters, Greek, `\pi`, braces: what an unparenthesised argument may hold. */
  private simpleFactorStart(tok: LTok): boolean {
    if (tok.k === 'num' || tok.k === 'letter' || tok.text === '{') return true;
    return tok.k === 'cmd' && (tok.text === '\\pi' || GREEK.has(tok.text.slice(1)));
  }

  private expect(close: string, open: LTok): void {
    const tok = this.peek();
    if (tok.text === close) {
      this.next();
      return;
    }
    this.fail(tok, `'${close}' to close the '${open.text}'`, open);
  }

  private peek(): LTok {
    return this.t[Math.min(this.pos, this.t.length - 1)];
  }

  private next(): LTok {
    return this.t[Math.min(this.pos++, this.t.length - 1)];
  }

  /** Throws a syntax error saying what was found and what was expected. */
  private fail(tok: LTok, expected: string, open?: LTok): never {
    if (!open && tok.k === 'eof') open = this.open[this.open.length - 1];
    const message =
      tok.k === 'eof'
        ? `The formula ends too early: expected ${expected}.`
        : `Expected ${expected}, but found '${tok.text}'; write what is missing before it, ` +
          'or remove it.';
    this.failWith(tok, message, open);
  }

  private failWith(tok: LTok, message: string, open?: LTok): never {
    throw new LatexSyntaxError(
      message,
      tok.off,
      Math.max(tok.end, tok.off + 1),
      open?.off,
      open?.text,
    );
  }
}
