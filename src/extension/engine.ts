/**
 * The host's gateway to the core: two workers (one for derivations, one for
 * cheap work — parsing for CodeLens/diagnostics and hover SVGs — so a lens
 * never waits behind a 2-second derivation), plus small caches keyed by
 * document version so hovers, lenses and panels share results.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { DocumentDerivation } from '../core/index';
import { coreLanguage } from './languages';
import type { Logger } from './log';
import { pointsForDimension, samplePointKey } from './samplePoints';
import type { Settings } from './settings';
import { WorkerClient, type Outcome } from './workerClient';
import {
  WORKER_HEAP_MB,
  type ParsedSummary,
  type SvgItem,
  type WorkerData,
  type WorkerDeriveOptions,
  type WorkerRole,
} from './workerProtocol';

/** Extra time past the engine's own budget before the worker is declared stuck. */
const GRACE_MS = 1500;
const CACHE_SIZE = 32;

/** A tiny LRU over promises (in-flight results are shared too). */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.size) this.map.delete(this.map.keys().next().value as string);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}

/** See the module comment. */
export class Engine {
  private readonly heavy: WorkerClient;
  private readonly light: WorkerClient;
  private readonly parses = new Lru<Promise<ParsedSummary | undefined>>(CACHE_SIZE);
  private readonly derivations = new Lru<Promise<Outcome<DocumentDerivation>>>(CACHE_SIZE);

  constructor(
    extensionPath: string,
    private readonly state: vscode.Memento,
    private readonly settings: () => Settings,
    log: Logger,
  ) {
    const script = path.join(extensionPath, 'dist', 'worker.js');
    const factory = (role: WorkerRole) => (cancel: SharedArrayBuffer) =>
      new Worker(script, {
        workerData: { cancel, role } satisfies WorkerData,
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      });
    this.heavy = new WorkerClient('derive', factory('derive'), log);
    this.light = new WorkerClient('light', factory('light'), log);
  }

  /** Parses a document (cached per version); undefined for unsupported languages or failure. */
  parse(doc: vscode.TextDocument): Promise<ParsedSummary | undefined> {
    const language = coreLanguage(doc.languageId);
    if (!language) return Promise.resolve(undefined);
    const key = `${doc.uri.toString()}@${doc.version}`;
    let p = this.parses.get(key);
    if (!p) {
      const text = doc.getText();
      p = this.light
        .request('parse', { text, language }, { timeoutMs: 5000 })
        .then((o) => (o.status === 'done' ? o.result : undefined));
      this.parses.set(key, p);
      // Failures are not cached: the next request retries.
      void p.then((r) => r === undefined && this.parses.delete(key));
    }
    return p;
  }

  /**
   * Derives one function of a document. `consumer` names who asks (panel,
   * side view, hover): a newer request from the same consumer supersedes.
   * The result written out in full comes only when `writtenOut` is asked for.
   */
  async derive(
    doc: vscode.TextDocument,
    functionName: string,
    consumer: string,
    { writtenOut = false }: { writtenOut?: boolean } = {},
  ): Promise<Outcome<DocumentDerivation>> {
    const language = coreLanguage(doc.languageId);
    if (!language) return { status: 'error', message: `Unsupported language ${doc.languageId}` };
    const uri = doc.uri.toString();
    const version = doc.version;
    const parsed = await this.parse(doc);
    const fn = parsed?.functions.find((f) => f.name === functionName);
    const options = { ...this.options(uri, functionName, fn?.variables.length), writtenOut };
    const cacheKey = `${uri}@${version}#${functionName}|${JSON.stringify(options)}`;
    const cached = this.derivations.get(cacheKey);
    if (cached) return cached;
    const p = this.heavy.request(
      'derive',
      { text: doc.getText(), language, options },
      { key: `${consumer}|${uri}`, timeoutMs: options.timeBudgetMs! + GRACE_MS },
    );
    this.derivations.set(cacheKey, p);
    // Keep only complete answers: a cancelled request must not poison the cache.
    void p.then((o) => o.status !== 'done' && this.derivations.delete(cacheKey));
    return p;
  }

  /** Derives a bare expression (a selection) as a function of its free variables. */
  async deriveSelection(
    doc: vscode.TextDocument,
    text: string,
    consumer: string,
    { writtenOut = false }: { writtenOut?: boolean } = {},
  ): Promise<Outcome<DocumentDerivation>> {
    const language = coreLanguage(doc.languageId);
    if (!language) return { status: 'error', message: `Unsupported language ${doc.languageId}` };
    const s = this.settings();
    const options: WorkerDeriveOptions = {
      timeBudgetMs: s.timeBudgetMs,
      tolerance: s.tolerance,
      writtenOut,
    };
    const cacheKey = `selection:${language}:${text}|${JSON.stringify(options)}`;
    const cached = this.derivations.get(cacheKey);
    if (cached) return cached;
    const p = this.heavy.request(
      'selection',
      { text, language, options },
      { key: `${consumer}|${doc.uri.toString()}`, timeoutMs: s.timeBudgetMs + GRACE_MS },
    );
    this.derivations.set(cacheKey, p);
    void p.then((o) => o.status !== 'done' && this.derivations.delete(cacheKey));
    return p;
  }

  /** Renders formulas to SVG data: URIs in the light worker (MathJax loads there on first use). */
  async svg(items: SvgItem[]): Promise<(string | null)[]> {
    const o = await this.light.request('svg', { items }, { timeoutMs: 5000 });
    return o.status === 'done' ? o.result : items.map(() => null);
  }

  /** The time budget of one derivation, from the settings. */
  get timeBudgetMs(): number {
    return this.settings().timeBudgetMs;
  }

  /** Cancels a consumer's pending work on a document. */
  cancel(consumer: string, uri: string): void {
    this.heavy.supersede(`${consumer}|${uri}`);
  }

  /** Drops cached derivations (settings or sample points changed). */
  invalidate(): void {
    this.derivations.clear();
  }

  /** Options for one function: its stored sample points, else the settings' points. */
  options(uri: string, functionName: string, dimension: number | undefined): WorkerDeriveOptions {
    const s = this.settings();
    const stored = this.state.get<number[][]>(samplePointKey(uri, functionName));
    let points = stored && stored.length > 0 ? stored : s.samplePoints;
    if (dimension !== undefined) points = pointsForDimension(points, dimension);
    return {
      functionName,
      timeBudgetMs: s.timeBudgetMs,
      tolerance: s.tolerance,
      // The views list repeated subexpressions once, by name (see DeriveOptions.shorthands).
      shorthands: true,
      ...(points.length > 0 ? { points } : {}),
    };
  }

  dispose(): void {
    this.heavy.dispose();
    this.light.dispose();
    this.parses.clear();
    this.derivations.clear();
  }
}
