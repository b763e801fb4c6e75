/**
 * Chooses the front end for a language. Each front end lives in its own file
 * and is loaded on first use, so a Markdown user never loads a grammar.
 */
import type { Language, ParsedDocument } from '../source';
import { DocumentError } from './common';

/** Parses a whole document; never throws on bad input (problems become diagnostics). */
export async function parseDocument(text: string, language: Language): Promise<ParsedDocument> {
  return guarded(() => parseWith(asEditorsRead(text), language));
}

/**
 * The text as editors count lines and columns: without a byte-order mark
 * (VS Code hides it; counted, it shifts every column of line 1), and with a
 * lone carriage return (old Mac line ends) as a line break. The grammars
 * count lines on \n only.
 */
function asEditorsRead(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, '\n');
}

/**
 * Runs a front end so that nothing escapes as an exception: a formula nested
 * deeper than the call stack (thousands of terms in one chain) becomes a
 * diagnostic that says so.
 */
async function guarded(parse: () => Promise<ParsedDocument>): Promise<ParsedDocument> {
  try {
    return await parse();
  } catch (err) {
    const deep = err instanceof RangeError;
    const message = deep
      ? 'This document holds a formula too deeply nested to read (thousands of terms in one ' +
        'chain); split it into local variables or smaller sums.'
      : err instanceof DocumentError
        ? err.message
        : `Internal error while reading the document: ${err instanceof Error ? err.message : err}`;
    return { functions: [], diagnostics: [{ message, line: 0, column: 0, severity: 'error' }] };
  }
}

async function parseWith(text: string, language: Language): Promise<ParsedDocument> {
  switch (language) {
    case 'python':
      return (await import('./python')).parsePython(text);
    case 'javascript':
    case 'typescript':
      return (await import('./javascript')).parseJavaScript(text, language);
    case 'julia':
      return (await import('./julia')).parseJulia(text);
    case 'matlab':
      return (await import('./matlab')).parseMatlab(text);
    case 'markdown':
    case 'latex':
      return (await import('./latex')).parseLatexDocument(text, language);
  }
}

const EXTENSIONS: Record<string, Language> = {
  '.py': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.jl': 'julia',
  '.m': 'matlab',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.tex': 'latex',
};

/** The language of a file by its extension, or undefined when unknown. */
export function languageOfPath(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[path.slice(dot).toLowerCase()];
}

/**
 * Parses a bare expression (a selection in the editor, such as
 * `x[0]**2 * np.sin(x[1])`) as a function of its free variables. The result
 * has one function named `selection`, or diagnostics.
 */
export async function parseExpression(text: string, language: Language): Promise<ParsedDocument> {
  return guarded(() => parseExpressionWith(asEditorsRead(text), language));
}

async function parseExpressionWith(text: string, language: Language): Promise<ParsedDocument> {
  switch (language) {
    case 'python':
      return (await import('./python')).parsePythonExpression(text);
    case 'javascript':
    case 'typescript':
      return (await import('./javascript')).parseJavaScriptExpression(text, language);
    case 'julia':
      return (await import('./julia')).parseJuliaExpression(text);
    case 'matlab':
      return (await import('./matlab')).parseMatlabExpression(text);
    case 'markdown':
    case 'latex':
      return (await import('./latex')).parseLatexExpression(text, language);
  }
}
