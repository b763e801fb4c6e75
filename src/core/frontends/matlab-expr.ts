/**
 * Precedence-climbing parser for MATLAB/Octave arithmetic, producing
 * `SourceExpr` directly. Precedence follows the MATLAB documentation
 * ("Operator Precedence"): postfix transpose > `^ .^` (and Octave's `** .**`; left-associative,
 * `2^3^2` = 64) > unary `+ -` (so `-x^2` = -(x²), and `2^-1` is allowed) >
 * `* / .* ./ \ .\` > binary `+ -`. Element-wise operators equal the scalar
 * ones here because every value is a scalar.
 */
import type { MathFunction, Position, SourceExpr } from '../source';
import { arityOk, src } from './common';
import type { MToken } from './matlab-lex';
import type { VarCollector } from './var-collector';

/** MATLAB spellings of the functions the engine knows. */
export const MATLAB_FUNCTIONS: Readonly<Record<string, MathFunction>> = {
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  asin: 'asin',
  acos: 'acos',
  atan: 'atan',
  atan2: 'atan2',
  sinh: 'sinh',
  cosh: 'cosh',
  tanh: 'tanh',
  exp: 'exp',
  log: 'log',
  log10: 'log10',
  log2: 'log2',
  sqrt: 'sqrt',
  realsqrt: 'sqrt',
  reallog: 'log',
  cbrt: 'cbrt',
  abs: 'abs',
  sign: 'sign',
  max: 'max',
  min: 'min',
  hypot: 'hypot',
  power: 'pow',
};

const SUPPORTED =
  'supported: + - * / ^ .* ./ .^ (and Octave ** .**), unary minus, pi, and ' +
  Object.keys(MATLAB_FUNCTIONS).join(', ');

/** A problem in an expression. `syntax` problems stop parsing; others are collected. */
export interface MProblem {
  message: string;
  at: Position;
  end: Position;
  syntax: boolean;
}

/** What names mean where an expression is parsed (parameters, locals, constants). */
export interface MScope {
  vars: VarCollector;
  /** Locals assigned earlier in the function, or constants assigned earlier in a script. */
  locals: Map<string, SourceExpr>;
  /** True for a bare expression: every unknown name is a free variable. */
  free: boolean;
}

class SyntaxStop extends Error {}

/** `^` and `.^`, and Octave's `**` and `.**`. */
const POWER_OPERATORS = new Set(['^', '.^', '**', '.**']);

/** Parses tokens [from, to) as one expression; problems are appended to `problems`. */
export function parseMatlabTokens(
  tokens: MToken[],
  from: number,
  to: number,
  scope: MScope,
  problems: MProblem[],
): SourceExpr | undefined {
  const p = new MParser(tokens, from, to, scope, problems);
  try {
    const e = p.expression();
    p.expectEnd();
    return e;
  } catch (err) {
    if (err instanceof SyntaxStop) return undefined;
    if (!(err instanceof RangeError)) throw err;
    // Deeper than the call stack: thousands of nested parentheses or powers.
    problems.push({
      message:
        'This expression is nested too deeply to read (thousands of nested parentheses); ' +
        'split it into local variables.',
      at: tokens[from].at,
      end: tokens[Math.max(from, to - 1)].end,
      syntax: true,
    });
    return undefined;
  }
}

class MParser {
  private pos: number;

  constructor(
    private readonly t: MToken[],
    from: number,
    private readonly to: number,
    private readonly scope: MScope,
    private readonly problems: MProblem[],
  ) {
    this.pos = from;
  }

  expression(): SourceExpr {
    const e = this.additive();
    const next = this.peek();
    if (
      next &&
      next.kind === 'op' &&
      ['==', '~=', '!=', '<', '>', '<=', '>=', '&', '|', '&&', '||', ':'].includes(next.text)
    ) {
      this.unsupported(
        next,
        `operator '${next.text}' is not supported in a function body ` + `(${SUPPORTED})`,
      );
      this.pos = this.to;
    }
    return e;
  }

  expectEnd(): void {
    const next = this.peek();
    if (next) this.syntax(next, `unexpected '${next.text}' after the end of the expression`);
  }

  private additive(): SourceExpr {
    let left = this.multiplicative();
    for (let op = this.peekOp(); op === '+' || op === '-'; op = this.peekOp()) {
      const at = this.next().at;
      left = src.binary(op, left, this.multiplicative(), at);
    }
    return left;
  }

  private multiplicative(): SourceExpr {
    let left = this.unary();
    for (;;) {
      const op = this.peekOp();
      if (op === '*' || op === '.*' || op === '/' || op === './') {
        const at = this.next().at;
        left = src.binary(op.endsWith('*') ? '*' : '/', left, this.unary(), at);
      } else if (op === '\\' || op === '.\\') {
        const at = this.next().at; // a\b is b/a for scalars
        left = src.binary('/', this.unary(), left, at);
      } else {
        return left;
      }
    }
  }

  private unary(): SourceExpr {
    const op = this.peekOp();
    if (op === '-' || op === '+') {
      const at = this.next().at;
      const arg = this.unary();
      return op === '-' ? src.negate(arg, at) : arg;
    }
    return this.power();
  }

  private power(): SourceExpr {
    let base = this.postfix();
    for (let op = this.peekOp(); op && POWER_OPERATORS.has(op); op = this.peekOp()) {
      const at = this.next().at;
      base = src.binary('^', base, this.exponent(), at);
    }
    return base;
  }

  /** The operand right of `^` may carry its own signs: `2^-x`, `x.^+2`. */
  private exponent(): SourceExpr {
    const op = this.peekOp();
    if (op === '-' || op === '+') {
      const at = this.next().at;
      const arg = this.exponent();
      return op === '-' ? src.negate(arg, at) : arg;
    }
    return this.postfix();
  }

  private postfix(): SourceExpr {
    const e = this.primary();
    // Transposing a scalar changes nothing.
    while (this.peekOp() === "'" || this.peekOp() === ".'") this.next();
    return e;
  }

  private primary(): SourceExpr {
    const tok = this.peek();
    if (!tok) {
      const last = this.t[Math.max(0, this.to - 1)];
      return this.syntax(
        last,
        `expected a value after '${last.text}' but the statement ended`,
        last.end,
      );
    }
    if (tok.kind === 'num') {
      this.next();
      return src.num(Number(tok.text), tok.at);
    }
    if (tok.kind === 'ident') return this.identifier();
    if (tok.kind === 'op' && (tok.text === '(' || tok.text === '[')) {
      this.next();
      const close = tok.text === '(' ? ')' : ']';
      const e = this.expression();
      if (this.peekOp() !== close) {
        const found = this.peek();
        const last = this.t[this.to - 1];
        return this.syntax(
          found ?? last,
          `expected '${close}' to close the '${tok.text}' at ` +
            `line ${tok.at.line + 1}, column ${tok.at.column + 1}`,
          found ? found.at : last.end,
        );
      }
      this.next();
      return e;
    }
    if (tok.kind === 'op' && tok.text === '@') {
      this.unsupported(
        tok,
        'an anonymous function inside an expression is not supported; ' +
          'define it on its own line',
      );
      this.pos = this.to;
      return src.num(0, tok.at);
    }
    const what =
      tok.kind === 'newline' || tok.kind === 'eof' ? 'the end of the line' : `'${tok.text}'`;
    return this.syntax(
      tok,
      `expected a number, a name or '(' but found ${what}; complete the expression there`,
    );
  }

  private identifier(): SourceExpr {
    const tok = this.next();
    const name = tok.text;
    const { vars, locals, free } = this.scope;
    const called = this.peekOp() === '(';
    const local = locals.get(name);
    if (local) {
      if (called) {
        this.unsupported(
          tok,
          `'${name}' is a scalar here; indexing '${name}(...)' is only ` +
            'supported on function parameters',
        );
        this.skipGroup();
        return src.num(0, tok.at);
      }
      return local;
    }
    const isVar =
      vars.hasWholeParam(name) ||
      (free &&
        !(called && name in MATLAB_FUNCTIONS) &&
        !(!called && (name === 'pi' || name === 'e')));
    if (isVar) return called ? this.index(tok) : vars.plain(name, tok.at);
    if (!called && name === 'pi') return { type: 'constant', name: 'pi', at: tok.at };
    if (!called && name === 'e') return { type: 'constant', name: 'e', at: tok.at };
    const fn = MATLAB_FUNCTIONS[name];
    if (fn && called) return this.call(tok, fn);
    if (called) {
      this.unsupported(tok, `unknown function '${name}' (${SUPPORTED})`);
      this.skipGroup();
    } else {
      this.unsupported(
        tok,
        `unknown name '${name}': use a parameter, a variable assigned ` + 'earlier, or pi',
      );
    }
    return src.num(0, tok.at);
  }

  /** `x(1)`: component 1 of parameter x; MATLAB indexing is 1-based. */
  private index(nameTok: MToken): SourceExpr {
    const open = this.next();
    const idx = this.peek();
    const close = this.t[this.pos + 1];
    if (
      idx?.kind === 'num' &&
      /^\d+$/.test(idx.text) &&
      Number(idx.text) >= 1 &&
      close &&
      this.pos + 1 < this.to &&
      close.text === ')'
    ) {
      this.pos += 2;
      return this.scope.vars.indexed(nameTok.text, Number(idx.text), nameTok.at);
    }
    this.pos--;
    this.skipGroup();
    this.unsupported(
      open,
      `only a positive whole number is supported as an index, as in ` + `'${nameTok.text}(1)'`,
    );
    return src.num(0, nameTok.at);
  }

  private call(nameTok: MToken, fn: MathFunction): SourceExpr {
    this.next(); // (
    const args: SourceExpr[] = [];
    if (this.peekOp() !== ')') {
      for (;;) {
        args.push(this.expression());
        if (this.peekOp() !== ',') break;
        this.next();
      }
    }
    if (this.peekOp() !== ')') {
      return this.syntax(
        this.peek() ?? this.t[this.to - 1],
        `expected ')' or ',' in the ` +
          `arguments of '${nameTok.text}(' at line ${nameTok.at.line + 1}`,
      );
    }
    this.next();
    if (!arityOk(fn, args.length)) {
      this.unsupported(
        nameTok,
        `'${nameTok.text}' with ${args.length} argument(s) is not ` +
          `supported; ${
            fn === 'max' || fn === 'min'
              ? `use ${nameTok.text}(a, b)`
              : fn === 'atan2' || fn === 'pow'
                ? `use ${nameTok.text}(a, b)`
                : `use ${nameTok.text}(x)`
          }`,
      );
    }
    return src.call(fn, args, nameTok.at);
  }

  /** Skips a parenthesised group (after an error was recorded), so parsing can go on. */
  private skipGroup(): void {
    if (this.peekOp() !== '(') return;
    let depth = 0;
    while (this.pos < this.to) {
      const t = this.next();
      if (t.text === '(') depth++;
      if (t.text === ')' && --depth === 0) return;
    }
  }

  private peek(): MToken | undefined {
    return this.pos < this.to ? this.t[this.pos] : undefined;
  }

  private peekOp(): string | undefined {
    const t = this.peek();
    return t?.kind === 'op' ? t.text : undefined;
  }

  private next(): MToken {
    return this.t[this.pos++];
  }

  private unsupported(tok: MToken, message: string): void {
    this.problems.push({ message, at: tok.at, end: tok.end, syntax: false });
  }

  private syntax(tok: MToken, message: string, at: Position = tok.at): never {
    this.problems.push({ message: `Syntax error: ${message}.`, at, end: tok.end, syntax: true });
    throw new SyntaxStop();
  }
}
