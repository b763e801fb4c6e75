/**
 * VS Code language ids the extension serves, and the core Language each maps
 * to. Pure: package.json's activation events and `when` clauses are checked
 * against {@link LANGUAGE_IDS} by a unit test.
 */
import type { Language } from '../core/index';

/** VS Code language id → core language. */
export const LANGUAGE_MAP: Readonly<Record<string, Language>> = Object.freeze({
  python: 'python',
  javascript: 'javascript',
  typescript: 'typescript',
  julia: 'julia',
  matlab: 'matlab',
  octave: 'matlab',
  markdown: 'markdown',
  latex: 'latex',
});

/** Every supported VS Code language id. */
export const LANGUAGE_IDS: readonly string[] = Object.freeze(Object.keys(LANGUAGE_MAP));

/** The core language for a VS Code language id, if supported. */
export function coreLanguage(languageId: string): Language | undefined {
  return Object.prototype.hasOwnProperty.call(LANGUAGE_MAP, languageId)
    ? LANGUAGE_MAP[languageId]
    : undefined;
}

/** The `when` clause that is true in editors of a supported language. */
export function supportedWhenClause(): string {
  return LANGUAGE_IDS.map((id) => `editorLangId == ${id}`).join(' || ');
}

/** Objective-C's own marks: a file with any of them is left alone. */
const OBJECTIVE_C = /^\s*(#import|#include|@interface|@implementation|@protocol|@end)\b/m;
/** MATLAB's: a function file, an anonymous function, a `%` comment line, `end`. */
const MATLAB = [
  /^\s*function\b[^\n]*(=|\()/m,
  /@\(\s*[A-Za-z_][\w\s,]*\)/,
  /^\s*%/m,
  /^\s*end\s*$/m,
];

/**
 * True when `text` reads as MATLAB/Octave (two of its marks) and not as
 * Objective-C: VS Code opens `.m` files as Objective-C (see matlabFiles.ts).
 */
export function looksLikeMatlab(text: string): boolean {
  if (OBJECTIVE_C.test(text)) return false;
  return MATLAB.filter((re) => re.test(text)).length >= 2;
}
