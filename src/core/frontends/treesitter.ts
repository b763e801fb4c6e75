/**
 * Loads web-tree-sitter and the grammars once per process, and offers the
 * small node helpers the tree-sitter front ends share (positions, syntax
 * errors). The .wasm files live in `dist/grammars/` when bundled and in
 * node_modules when run from source (tests), so both places are tried.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
// `require`, not `import`: esbuild then bundles the CommonJS build of web-tree-sitter. The
// ES module build needs `import.meta.url`, which is empty in the CommonJS bundle.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import TreeSitter = require('web-tree-sitter');
import type { Node, Tree } from 'web-tree-sitter';
import type { Diagnostic, ParsedDocument, Position, SourceExpr } from '../source';
import { DocumentError, src } from './common';
import type { BinaryOp } from './scope';

export type { Node, Tree } from 'web-tree-sitter';

/** Grammars the tree-sitter front ends use, named as their npm packages. */
export type GrammarName = 'python' | 'javascript' | 'typescript' | 'julia';

/**
 * Where a wasm file is: next to the running bundle first (`dist/grammars/`),
 * else in the npm package that ships it.
 */
function wasmPath(pkg: string, file: string): string {
  // __dirname is dist/ in the esbuild CommonJS bundle and src/core/frontends under tsx.
  const dir = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (const candidate of [path.join(dir, 'grammars', file), path.join(dir, file)]) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    // web-tree-sitter exports its .wasm but not package.json; grammars the reverse.
    return require.resolve(`${pkg}/${file}`);
  } catch {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
  }
}

const { Language, Parser } = TreeSitter;
type Language = TreeSitter.Language;

let initialized: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();

function init(): Promise<void> {
  // Emscripten asks for 'web-tree-sitter.wasm'; answer with our resolved path.
  initialized ??= Parser.init({
    locateFile: (file: string) => wasmPath('web-tree-sitter', file),
  });
  return initialized;
}

function language(name: GrammarName): Promise<Language> {
  let loaded = languages.get(name);
  if (!loaded) {
    const pkg = name === 'typescript' ? 'tree-sitter-typescript' : `tree-sitter-${name}`;
    // Bytes rather than a path: Language.load would otherwise fetch() in some builds.
    loaded = init().then(() => Language.load(readFileSync(wasmPath(pkg, `${pkg}.wasm`))));
    // A failed load must not poison the cache forever (e.g. a missing file fixed later).
    loaded.catch(() => languages.delete(name));
    languages.set(name, loaded);
  }
  return loaded;
}

/**
 * The longest a grammar may take to read a document. Reading takes
 * milliseconds, but some grammars slow down sharply on some shapes
 * (tree-sitter-julia takes seconds, and more with each term, on one sum of
 * thousands of terms): past this, reading stops with a message, never a hang.
 */
const READ_BUDGET_MS = 3000;

const GRAMMAR_NAMES: Record<GrammarName, string> = {
  python: 'Python',
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  julia: 'Julia',
};

/** Parses text with a grammar; the grammar is loaded on first use and cached. */
export async function parseTree(name: GrammarName, text: string): Promise<Tree> {
  const grammar = await language(name); // also awaits Parser.init, needed before new Parser()
  const parser = new Parser();
  try {
    parser.setLanguage(grammar);
    const started = Date.now();
    // Returning true from the progress callback stops the parse (parse then returns null).
    const tree = parser.parse(text, null, {
      progressCallback: () => Date.now() - started > READ_BUDGET_MS,
    });
    if (!tree && Date.now() - started > READ_BUDGET_MS) {
      throw new DocumentError(
        `Reading this ${GRAMMAR_NAMES[name]} document took over ${READ_BUDGET_MS / 1000} s, ` +
          'which happens with very long single expressions (thousands of terms); split them ' +
          'into local variables or smaller sums.',
      );
    }
    if (!tree) throw new Error(`tree-sitter returned no tree for ${name}`);
    return tree;
  } finally {
    parser.delete();
  }
}

/**
 * Parses `text`, runs a front end's reading of the tree, then frees the tree
 * (it lives in wasm memory, which the garbage collector does not see).
 * Exceptions are turned into diagnostics by the dispatcher (frontends/index.ts).
 */
export async function readDocument(
  name: GrammarName,
  text: string,
  read: (root: Node) => ParsedDocument,
): Promise<ParsedDocument> {
  const tree = await parseTree(name, text);
  try {
    return read(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** 0-based start of a node (columns are UTF-16 units, as VS Code counts them). */
export function startOf(node: Node): Position {
  return { line: node.startPosition.row, column: node.startPosition.column };
}

/** A diagnostic spanning a node. */
export function diagnosticAt(
  node: Node,
  message: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  return {
    message,
    line: node.startPosition.row,
    column: node.startPosition.column,
    endLine: node.endPosition.row,
    endColumn: node.endPosition.column,
    severity,
  };
}

/**
 * Visits `root` and its descendants in source order (pre-order) without
 * recursion: a sum of thousands of terms is a tree thousands deep, more than
 * the call stack holds. `enter` returns false to skip a node's children.
 * `named`: only named children (the default), else all (MISSING tokens too).
 */
export function walk(root: Node, enter: (node: Node) => boolean | void, named = true): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    const kids = named ? node.namedChildren : node.children;
    for (let k = kids.length - 1; k >= 0; k--) {
      const kid = kids[k];
      if (kid) stack.push(kid);
    }
  }
}

/** What a MISSING node stands for, where its grammar name would puzzle (`x ** 2 +;`). */
const MISSING: Record<string, string> = {
  identifier: 'an operand (a name or a number)',
  expression: 'an expression',
};

/** One diagnostic per ERROR or MISSING node (not descending into an ERROR). */
export function syntaxDiagnostics(root: Node): Diagnostic[] {
  const out: Diagnostic[] = [];
  walk(
    root,
    (node) => {
      if (node.isMissing) {
        const what = MISSING[node.type] ?? `\`${node.type}\``;
        out.push(diagnosticAt(node, `Syntax error: ${what} is missing here; add it.`));
        return false;
      }
      if (node.isError) {
        out.push(explainError(node));
        return false;
      }
      return node.hasError;
    },
    false,
  );
  return out;
}

/**
 * A syntax error with its most likely cause and what to do: a parenthesis
 * that is never closed (pointed at exactly), a number written before a name
 * (`7w`, which is Julia or LaTeX, not Python or JavaScript), or else the
 * first characters that could not be read.
 */
function explainError(node: Node): Diagnostic {
  const text = node.text;
  const open: number[] = [];
  for (let k = 0; k < text.length; k++) {
    if (text[k] === '(') open.push(k);
    else if (text[k] === ')') open.pop();
  }
  if (open.length > 0) {
    const at = positionIn(node, open[0]);
    return {
      message: 'Syntax error: this `(` is never closed; add the matching `)`.',
      line: at.line,
      column: at.column,
      endLine: at.line,
      endColumn: at.column + 1,
      severity: 'error',
    };
  }
  let root = node;
  while (root.parent) root = root.parent;
  // The error may be just the number; the name after it belongs to the next node.
  const around = text + root.text.slice(node.endIndex, node.endIndex + 1);
  const juxtaposed = /(\d)([A-Za-z_(])/.exec(around);
  if (juxtaposed) {
    const at = positionIn(node, juxtaposed.index);
    return {
      message:
        `Syntax error: \`${juxtaposed[0]}\` puts a number next to a name; ` +
        `write \`${juxtaposed[1]}*${juxtaposed[2]}\` to multiply.`,
      line: at.line,
      column: at.column,
      endLine: at.line,
      endColumn: at.column + 2,
      severity: 'error',
    };
  }
  const snippet = text.split('\n')[0].slice(0, 30);
  return diagnosticAt(
    node,
    `Syntax error near \`${snippet}\`: this could not be read as ` +
      'code; check for a missing operator, comma or bracket.',
  );
}

/** The document position of the k-th character of a node's text. */
function positionIn(node: Node, k: number): Position {
  const before = node.text.slice(0, k).split('\n');
  const line = node.startPosition.row + before.length - 1;
  const column =
    before.length === 1 ? node.startPosition.column + k : before[before.length - 1].length;
  return { line, column };
}

/** The token text of a node's `operator` field, or of its first anonymous child. */
export function operatorOf(node: Node): Node | null {
  const field = node.childForFieldName('operator');
  if (field) return field;
  for (const child of node.children) {
    if (child && (!child.isNamed || child.type === 'operator')) return child;
  }
  return null;
}

/**
 * A left-associative chain a + b − c + … (or a · b / c …) converted without
 * recursing down its left spine: a sum of thousands of terms nests thousands
 * deep, more than the call stack holds. The chain is the run of `nodeType`
 * nodes whose operator is in `family`; `ops` maps each operator to the
 * engine's.
 */
export function convertLeftChain(
  node: Node,
  nodeType: string,
  family: ReadonlySet<string>,
  ops: Readonly<Record<string, BinaryOp>>,
  sub: (n: Node | null) => SourceExpr,
): SourceExpr {
  const links: Node[] = [];
  let first: Node = node;
  while (first.type === nodeType && family.has(operatorOf(first)?.text ?? '')) {
    links.push(first);
    const left = first.childForFieldName('left');
    if (!left) break;
    first = left;
  }
  let out = sub(first);
  for (let k = links.length - 1; k >= 0; k--) {
    const opNode = operatorOf(links[k])!;
    const right = sub(links[k].childForFieldName('right'));
    out = src.binary(ops[opNode.text], out, right, startOf(opNode));
  }
  return out;
}
