/**
 * Hover previews. Over a function's name: its ∇‖∇f‖₁. Over a selection:
 * the selected expression, its gradient and ∇‖∇·‖₁. Hover Markdown cannot run
 * KaTeX, so formulas are SVG images (MathJax, rendered in the worker) as
 * data: URIs — VS Code's Markdown sanitizer allows data: image sources — with
 * the mathjs strings as plain-text fallback and a command link to the panel.
 */
import * as vscode from 'vscode';
import type { FunctionDerivation } from '../core/index';
import { shortened } from './hoverText';
import {
  nameLatex,
  resultBySignLatex,
  resultEquationLatex,
  signLegendLatex,
  vectorLatex,
} from '../shared/latex';
import type { Engine } from './engine';
import type { Logger } from './log';
import type { Settings } from './settings';
import { outcomeProblem } from './viewState';

/** The only command hover links may run. */
const LINK_COMMAND = 'gradientNormLens.showDerivation';

/** Glyph colour for the SVG by theme kind (an <img> cannot read the editor's colour). */
export function themeForeground(kind: vscode.ColorThemeKind): string {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return '#1f1f1f';
    case vscode.ColorThemeKind.HighContrastLight:
      return '#000000';
    case vscode.ColorThemeKind.HighContrast:
      return '#ffffff';
    default:
      return '#cccccc';
  }
}

/** See the module comment. */
export class HoverPreview implements vscode.HoverProvider {
  constructor(
    private readonly engine: Engine,
    private readonly settings: () => Settings,
    private readonly log: Logger,
  ) {}

  async provideHover(
    doc: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    if (!this.settings().hoverEnabled) return undefined;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const selection = editor?.selection;
    if (selection && !selection.isEmpty && selection.contains(position)) {
      return this.selectionHover(doc, selection, token);
    }
    return this.functionHover(doc, position, token);
  }

  private async functionHover(
    doc: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const word = doc.getWordRangeAtPosition(position);
    if (!word) return undefined;
    const parsed = await this.engine.parse(doc);
    const fn = parsed?.functions.find(
      (f) => f.nameAt.line === word.start.line && f.name === doc.getText(word),
    );
    if (!fn || token.isCancellationRequested) return undefined;
    const outcome = await this.engine.derive(doc, fn.name, 'hover');
    if (token.isCancellationRequested) return undefined;
    const md = trustedMarkdown();
    const d =
      outcome.status === 'done'
        ? outcome.result.functions.find((f) => f.name === fn.name)
        : undefined;
    if (!d) {
      const why =
        outcome.status === 'done'
          ? (outcome.result.diagnostics.find((x) => x.severity === 'error')?.message ?? 'no result')
          : outcomeProblem(outcome, fn.name, this.engine.timeBudgetMs);
      md.appendMarkdown(`**∇‖∇${escapeMd(fn.name)}‖₁**: ${escapeMd(why)}\n\n`);
    } else {
      // H_f·s when some sign is unknown: far narrower than with each sign(…) written out, so
      // it fits the hover as an image more often. With every sign known the two are one.
      const [tex, plain] = d.signsUnknown
        ? [
            [resultBySignLatex(d), signLegendLatex(d.name)],
            [plainBySign(d), `s_v = sign(∂${d.name}/∂v)`],
          ]
        : [[resultEquationLatex(d.name, d.latex.resultBySign)], [plainResult(d, d.resultBySign)]];
      // The names the result uses for repeated subexpressions, defined below it, one
      // image each (a long one falls back to text alone).
      for (const s of d.shorthands.slice(0, HOVER_SHORTHANDS)) {
        tex.push(`${s.latexSymbol} = ${s.latex}`);
        plain.push(`${s.symbol} = ${s.text}`);
      }
      await this.appendFormulas(md, tex, plain);
    }
    const more = (d?.shorthands.length ?? 0) - HOVER_SHORTHANDS;
    if (more > 0) md.appendMarkdown(`${more} more shorthands in the derivation.\n\n`);
    md.appendMarkdown(commandLink(doc.uri, fn.name));
    return new vscode.Hover(md, word);
  }

  private async selectionHover(
    doc: vscode.TextDocument,
    selection: vscode.Selection,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const text = doc.getText(selection);
    if (text.trim() === '' || text.length > 5000) return undefined;
    const outcome = await this.engine.deriveSelection(doc, text, 'hover', { writtenOut: true });
    if (token.isCancellationRequested || outcome.status !== 'done') return undefined;
    const d = outcome.result.functions[0];
    if (!d) return undefined; // not an expression: stay quiet rather than nag while selecting
    const md = trustedMarkdown();
    const f = nameLatex('f');
    await this.appendFormulas(
      md,
      [
        `f(${d.latex.variables.join(', ')}) = ${d.latex.f}`,
        `\\nabla ${f} = ${vectorLatex(d.latex.gradient)}`,
        resultEquationLatex('f', d.latex.result!),
      ],
      [`f = ${d.f}`, `∇f = [${d.gradient.join(', ')}]`, `∇‖∇f‖₁ = [${d.result!.join(', ')}]`],
    );
    return new vscode.Hover(md, selection);
  }

  /** Appends one image per formula, falling back to the plain text where rendering fails. */
  private async appendFormulas(
    md: vscode.MarkdownString,
    tex: string[],
    plain: string[],
  ): Promise<void> {
    const color = themeForeground(vscode.window.activeColorTheme.kind);
    const started = Date.now();
    const images = await this.engine.svg(tex.map((t) => ({ tex: t, color })));
    this.log.debug(`rendered ${tex.length} formula(s) in ${Date.now() - started} ms`);
    tex.forEach((_, i) => {
      const uri = images[i];
      // The alt text carries the plain formula for screen readers; the code
      // block is the fallback when MathJax could not render, or when the image
      // would push the hover past what VS Code renders (it truncates Markdown
      // longer than 100,000 characters, which breaks the image syntax).
      const image = uri ? `![${escapeAlt(plain[i])}](${uri})\n\n` : '';
      if (uri && md.value.length + image.length < HOVER_MARKDOWN_BUDGET) md.appendMarkdown(image);
      else md.appendCodeblock(shortened(plain[i]), 'text');
    });
  }
}

/** Shorthands defined in a function's hover; the derivation lists them all. */
const HOVER_SHORTHANDS = 12;

/** Room for images in one hover, below VS Code's 100,000-character cut, leaving the links. */
const HOVER_MARKDOWN_BUDGET = 90_000;

function trustedMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  // Command links are allowed for our one command only.
  md.isTrusted = { enabledCommands: [LINK_COMMAND] };
  md.supportThemeIcons = true;
  return md;
}

function commandLink(uri: vscode.Uri, functionName: string): string {
  const args = encodeURIComponent(JSON.stringify([uri.toString(), functionName]));
  return `[$(open-preview) Open derivation](command:${LINK_COMMAND}?${args})`;
}

function plainResult(d: FunctionDerivation, entries: readonly string[]): string {
  const vars = d.variables.map((v) => v.name).join(', ');
  return `∇‖∇${d.name}‖₁(${vars}) = [${entries.join(', ')}]`;
}

/** The result as H·s in plain text, with what s_v stands for. */
function plainBySign(d: FunctionDerivation): string {
  const vars = d.variables.map((v) => v.name).join(', ');
  return (
    `∇‖∇${d.name}‖₁(${vars}) = [${d.resultBySign.join(', ')}]` + `  where s_v = sign(∂${d.name}/∂v)`
  );
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function escapeAlt(s: string): string {
  return s.replace(/[[\]\\\n]/g, ' ').slice(0, 200);
}
