/**
 * Derives one function and posts the result to a webview channel: "busy"
 * first, then the state — unless the target moved on meanwhile (the user
 * typed again or moved to another function), in which case nothing is posted
 * and the newer request will post its own result.
 */
import type * as vscode from 'vscode';
import type { ViewState } from '../shared/protocol';
import type { Diagnostics } from './diagnostics';
import type { Engine } from './engine';
import type { Logger } from './log';
import { docTag } from './log';
import { docRefOf } from './docRef';
import type { Settings } from './settings';
import { displayName, viewStateFromOutcome } from './viewState';
import type { WebviewChannel, WriteOut } from './webviewHost';

/** Everything {@link present} needs. */
export interface PresentContext {
  engine: Engine;
  diagnostics: Diagnostics;
  settings: () => Settings;
  log: Logger;
}

/**
 * Derives `functionName` in `doc` and posts it to `channel`. `isCurrent` is
 * asked after the await: false means a newer request owns the view.
 * Returns the posted state (undefined when nothing was posted).
 */
export async function present(
  ctx: PresentContext,
  channel: WebviewChannel,
  consumer: string,
  doc: vscode.TextDocument,
  functionName: string,
  isCurrent: () => boolean,
): Promise<ViewState | undefined> {
  const docRef = docRefOf(doc);
  channel.post({ type: 'busy', doc: docRef, functionName });
  const started = Date.now();
  // A shared in-flight result can be cancelled by another consumer; retry then.
  for (let attempt = 0; attempt < 3; attempt++) {
    const outcome = await ctx.engine.derive(doc, functionName, consumer);
    if (!isCurrent() || doc.version !== docRef.version) return undefined;
    // A crashed worker is restarted by the client; one retry hides a transient crash.
    if (outcome.status === 'error' && attempt === 0) continue;
    if (outcome.status === 'done') {
      ctx.diagnostics.update(doc, 'derive', outcome.result.diagnostics);
    }
    const parsed = await ctx.engine.parse(doc);
    const state = viewStateFromOutcome(
      {
        doc: docRef,
        fileName: displayName(doc.uri.path),
        language: doc.languageId,
        functionName,
        fn: parsed?.functions.find((f) => f.name === functionName),
        timeBudgetMs: ctx.settings().timeBudgetMs,
      },
      outcome,
    );
    if (!state) continue;
    if (!isCurrent()) return undefined;
    ctx.log.debug(
      `${docTag(docRef.uri)} v${docRef.version} ${outcome.status} in ${Date.now() - started} ms`,
    );
    channel.post({ type: 'state', doc: docRef, state });
    return state;
  }
  return undefined;
}

/** What a view's channel calls when the user opens the result written out. */
export function writeOutFor(ctx: PresentContext, consumer: string): WriteOut {
  return async (doc, functionName) => ({
    outcome: await ctx.engine.derive(doc, functionName, `${consumer}-writeOut`, {
      writtenOut: true,
    }),
    timeBudgetMs: ctx.settings().timeBudgetMs,
  });
}
