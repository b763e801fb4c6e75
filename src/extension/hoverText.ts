/**
 * The hover's text fallback (a formula too wide to draw, or MathJax failing).
 * Pure, so it is unit-tested without VS Code.
 */

/** The longest text fallback a hover shows; the derivation panel has all of it. */
const HOVER_TEXT_MAX = 600;

/** `text`, cut to {@link HOVER_TEXT_MAX} characters with a pointer to the rest. */
export function shortened(text: string): string {
  if (text.length <= HOVER_TEXT_MAX) return text;
  const cut = text.lastIndexOf(' ', HOVER_TEXT_MAX);
  const kept = text.slice(0, cut > HOVER_TEXT_MAX / 2 ? cut : HOVER_TEXT_MAX);
  return `${kept} …\n(${text.length - kept.length} more characters: open the derivation)`;
}
