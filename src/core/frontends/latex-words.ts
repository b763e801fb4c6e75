/**
 * The words of LaTeX math the parser knows: function commands, Greek
 * letters, font commands, and what ends a definition's body.
 */
import type { MathFunction } from '../source';

/** Function commands and the engine function each means. */
export const FUNCTIONS: Record<string, MathFunction> = {
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  arcsin: 'asin',
  arccos: 'acos',
  arctan: 'atan',
  asin: 'asin',
  acos: 'acos',
  atan: 'atan',
  sinh: 'sinh',
  cosh: 'cosh',
  tanh: 'tanh',
  exp: 'exp',
  log: 'log',
  ln: 'log',
  lg: 'log10',
  max: 'max',
  min: 'min',
  sign: 'sign',
  sgn: 'sign',
  signum: 'sign',
  abs: 'abs',
  atan2: 'atan2',
  arctan2: 'atan2',
  hypot: 'hypot',
};
/** Reciprocal trig functions, written as 1/cos etc. */
export const RECIPROCAL: Record<string, MathFunction> = { sec: 'cos', csc: 'sin', cot: 'tan' };
/** `\\sin^{-1}` is arcsin (the inverse-function convention). */
export const INVERSE: Partial<Record<MathFunction, MathFunction>> = {
  sin: 'asin',
  cos: 'acos',
  tan: 'atan',
};
/** Greek letter commands, read as symbols (see common.ts). */
export { GREEK } from './common';
/** Font commands whose braced letters name a symbol or a function. */
export const FONTS = new Set([
  '\\mathrm',
  '\\operatorname',
  '\\mathit',
  '\\mathbf',
  '\\boldsymbol',
  '\\bm',
  '\\vec',
  '\\mathsf',
  '\\text',
  '\\textrm',
]);
/** Fraction commands: all mean a / b. */
export const FRACS = new Set(['\\frac', '\\dfrac', '\\tfrac', '\\cfrac']);
/** Tokens that end a body at top level: punctuation and conditions after the formula. */
export const BODY_END = new Set([
  ',',
  ';',
  '.',
  '=',
  '<',
  '>',
  '\\quad',
  '\\qquad',
  '\\text',
  '\\mbox',
  '\\textrm',
  '\\le',
  '\\leq',
  '\\ge',
  '\\geq',
  '\\neq',
  '\\in',
  '\\forall',
  '\\approx',
  '\\to',
  '\\\\',
  '\\coloneqq',
  '\\equiv',
  ':',
]);
