/**
 * Turns what the editor bench's windows measured into statistics, the targets, a
 * table and JSON rows. Pure: no I/O.
 */
import type { EditSample, HoverSample, SuiteResult, WebviewRecord } from './protocol';

/** The targets (information only: the bench never fails on a time). */
export const TARGETS = { activationMs: 50, editToPanelMs: 150, hoverImageMs: 100 } as const;

/** Median and 90th percentile (nearest rank) of a sample; nulls when it is empty. */
export interface Stat {
  ms: number | null;
  p90: number | null;
  n: number;
}

export function stat(values: readonly (number | undefined)[]): Stat {
  const s = values.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  if (s.length === 0) return { ms: null, p90: null, n: 0 };
  const m = s.length >> 1;
  const median = s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  const p90 = s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)];
  return { ms: median, p90, n: s.length };
}

/** One timed edit, split into where its time went (ms; debounce excluded). */
export interface EditTiming {
  family: string;
  d: number;
  /** Change event + debounce → webview painted (or rendered, or state posted, if missing). */
  total: number;
  /** The total ends at the paint (`webview`), at the render, or at the host's post (`host`). */
  until: 'paint' | 'render' | 'host';
  /** Debounce over → `busy` posted: the side view's parse of the new version. */
  parse?: number;
  /** `busy` → state posted: derivation in the worker, round trips, view state. */
  derive?: number;
  /** State posted (as seen by polling) → message received in the webview. */
  transit?: number;
  render?: number;
  paint?: number;
}

/** Joins the host's samples with the webview's records of the same document version. */
export function editTimings(
  samples: readonly EditSample[],
  records: readonly WebviewRecord[],
  debounceMs: number,
): EditTiming[] {
  const byVersion = new Map(records.map((r) => [`${r.uri}@${r.version}`, r]));
  const out: EditTiming[] = [];
  for (const e of samples) {
    if (e.warmup || e.stateWall === undefined || e.problem) continue;
    const start = e.changeWall + debounceMs;
    const r = byVersion.get(`${e.uri}@${e.version}`);
    const host = e.stateWall - start;
    const t: EditTiming = { family: e.family, d: e.d, total: host, until: 'host' };
    if (e.busyWall !== undefined) {
      t.parse = e.busyWall - start;
      t.derive = e.stateWall - e.busyWall;
    }
    if (r) {
      // Wall clocks of two processes (extension host, browser) on one machine: ±1 ms.
      t.transit = Math.max(0, r.recvWall - e.stateWall);
      t.render = r.renderMs;
      t.paint = r.paintMs;
      const rendered = r.recvWall - start + r.renderMs;
      t.total = r.paintMs === undefined ? rendered : rendered + r.paintMs;
      t.until = r.paintMs === undefined ? 'render' : 'paint';
    }
    out.push(t);
  }
  return out;
}

/** Statistics of one family at one size (or of all families at a size: family `*`). */
export interface EditRow {
  family: string;
  d: number;
  total: Stat;
  parse: Stat;
  derive: Stat;
  transit: Stat;
  render: Stat;
  paint: Stat;
  until: string;
}

export function editRows(timings: readonly EditTiming[]): EditRow[] {
  const keys = [...new Set(timings.map((t) => `${t.family}|${t.d}`))];
  const row = (family: string, d: number, ts: readonly EditTiming[]): EditRow => ({
    family,
    d,
    total: stat(ts.map((t) => t.total)),
    parse: stat(ts.map((t) => t.parse)),
    derive: stat(ts.map((t) => t.derive)),
    transit: stat(ts.map((t) => t.transit)),
    render: stat(ts.map((t) => t.render)),
    paint: stat(ts.map((t) => t.paint)),
    until: [...new Set(ts.map((t) => t.until))].join('/'),
  });
  const rows = keys.map((k) => {
    const [family, d] = k.split('|');
    return row(
      family,
      Number(d),
      timings.filter((t) => t.family === family && t.d === Number(d)),
    );
  });
  const sizes = [...new Set(timings.map((t) => t.d))].sort((a, b) => a - b);
  const all = sizes.map((d) =>
    row(
      '*',
      d,
      timings.filter((t) => t.d === d),
    ),
  );
  return [...rows, ...all];
}

/** Hover statistics at one size (all families), by kind. */
export interface HoverRow {
  d: number;
  fresh: Stat;
  warm: Stat;
  /** Hovers without an image (text fallback): should be 0. */
  withoutImage: number;
}

export function hoverRows(hovers: readonly HoverSample[]): HoverRow[] {
  const sizes = [...new Set(hovers.map((h) => h.d))].sort((a, b) => a - b);
  return sizes.map((d) => {
    const at = hovers.filter((h) => h.d === d);
    return {
      d,
      fresh: stat(at.filter((h) => h.kind === 'fresh').map((h) => h.ms)),
      warm: stat(at.filter((h) => h.kind === 'warm').map((h) => h.ms)),
      withoutImage: at.filter((h) => !h.image).length,
    };
  });
}

/** Everything the runner reports. */
export interface EditorReport {
  meta: Record<string, unknown>;
  activation: {
    /** `await ext.activate()` per window, first window first (null: was already active). */
    windows: (number | null)[];
    stat: Stat;
    /** The extension's own "activated in N ms" (its activate() body), per window found. */
    body: number[];
    bodyStat: Stat;
  };
  debounceMs: number;
  debounceSource: string;
  edits: EditRow[];
  hovers: HoverRow[];
  hoverCold: HoverSample | null;
  targets: { target: string; value: string; met: boolean | null }[];
  /** Why parts are missing. */
  notes: string[];
  windows: SuiteResult[];
}

const fmt = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : v.toFixed(digits);

/** The targets, marked met or missed on medians. */
export function targets(r: Omit<EditorReport, 'targets'>): EditorReport['targets'] {
  const out: EditorReport['targets'] = [];
  const a = r.activation.stat.ms;
  out.push({
    target: `activation under ${TARGETS.activationMs} ms (ext.activate(), median of windows)`,
    value: `${fmt(a)} ms`,
    met: a === null ? null : a < TARGETS.activationMs,
  });
  const cases = r.edits.filter((e) => e.family !== '*' && e.d <= 10);
  const worst = cases.reduce<EditRow | undefined>(
    (w, e) => ((e.total.ms ?? -1) > (w?.total.ms ?? -1) ? e : w),
    undefined,
  );
  out.push({
    target: `edit to panel under ${TARGETS.editToPanelMs} ms for d ≤ 10 (slowest median)`,
    value: worst ? `${fmt(worst.total.ms)} ms (${worst.family} d=${worst.d})` : '—',
    met: worst?.total.ms == null ? null : worst.total.ms < TARGETS.editToPanelMs,
  });
  for (const kind of ['fresh', 'warm'] as const) {
    const slowest = r.hovers.reduce<HoverRow | undefined>(
      (w, h) => ((h[kind].ms ?? -1) > (w?.[kind].ms ?? -1) ? h : w),
      undefined,
    );
    const v = slowest?.[kind].ms ?? null;
    const what = kind === 'fresh' ? 'after an edit (derivation + image)' : 'derivation cached';
    const text = slowest?.withoutImage ? ', text fallback, no image' : '';
    out.push({
      target: `hover image under ${TARGETS.hoverImageMs} ms, ${what} (slowest median)`,
      value: slowest ? `${fmt(v)} ms (d=${slowest.d}${text})` : '—',
      met: v === null ? null : v < TARGETS.hoverImageMs,
    });
  }
  const cold = r.hoverCold;
  out.push({
    target: `first hover image of a session under ${TARGETS.hoverImageMs} ms (loads MathJax)`,
    value: cold ? `${fmt(cold.ms)} ms (${cold.family} d=${cold.d})` : '—',
    met: cold ? cold.ms < TARGETS.hoverImageMs : null,
  });
  return out;
}

function table(head: string[], body: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}

/** The human-readable report. */
export function formatReport(r: EditorReport): string {
  const m = r.meta as { vscode?: string; loadavgStart?: number[]; loadavgEnd?: number[] };
  const out: string[] = [];
  out.push(
    `Gradient Norm Lens editor bench — ${m.vscode ?? 'VS Code'}, ${String(r.meta.cpus)} cpus, ` +
      `load average ${(m.loadavgStart ?? []).join(' ')} → ${(m.loadavgEnd ?? []).join(' ')}`,
    '',
  );
  const a = r.activation;
  out.push(
    `activation: ext.activate() ${fmt(a.stat.ms)} ms median over ${a.stat.n} fresh windows ` +
      `(${a.windows.map((w) => fmt(w)).join(', ')}); ` +
      `activate() body by the extension's log ${fmt(a.bodyStat.ms, 0)} ms ` +
      `(${a.body.join(', ') || '—'})`,
    '',
  );
  out.push(
    `edit → side panel, debounce (${r.debounceMs} ms) excluded: median / p90 in ms; ` +
      'parse, derive (host), transit, render, paint (webview): medians',
  );
  out.push(
    ...table(
      ['family', 'd', 'total', 'p90', 'n', 'parse', 'derive', 'transit', 'render', 'paint'],
      r.edits.map((e) => [
        e.family === '*' ? 'all' : e.family,
        String(e.d),
        fmt(e.total.ms),
        fmt(e.total.p90),
        String(e.total.n),
        fmt(e.parse.ms),
        fmt(e.derive.ms),
        fmt(e.transit.ms),
        fmt(e.render.ms),
        fmt(e.paint.ms),
      ]),
    ),
    '',
  );
  out.push('hover image, vscode.executeHoverProvider over the name: median / p90 in ms');
  out.push(
    ...table(
      ['d', 'after edit', 'p90', 'cached', 'p90', 'n', 'no image'],
      r.hovers.map((h) => [
        String(h.d),
        fmt(h.fresh.ms),
        fmt(h.fresh.p90),
        fmt(h.warm.ms),
        fmt(h.warm.p90),
        String(h.fresh.n + h.warm.n),
        String(h.withoutImage),
      ]),
    ),
  );
  if (r.hoverCold) {
    const c = r.hoverCold;
    out.push(`first hover of the session (${c.family} d=${c.d}, MathJax loads): ${fmt(c.ms)} ms`);
  }
  if (r.notes.length > 0) out.push('', 'notes:', ...r.notes.map((n) => `  ${n}`));
  out.push('', 'targets (medians; information only):');
  for (const t of r.targets) {
    const mark = t.met === null ? 'n/a ' : t.met ? 'met ' : 'MISS';
    out.push(`  ${mark} ${t.target}: ${t.value}`);
  }
  out.push('', 'full report: out/bench-editor-report.json');
  return out.join('\n');
}

/** `--json`: one row per metric and size. */
export function jsonRows(
  r: EditorReport,
): { metric: string; d: number | null; ms: number | null; p90: number | null }[] {
  const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  const row = (metric: string, d: number | null, s: Stat) => ({
    metric,
    d,
    ms: round(s.ms),
    p90: round(s.p90),
  });
  return [
    row('activation', null, r.activation.stat),
    row('activationBody', null, r.activation.bodyStat),
    ...r.edits.map((e) =>
      row(e.family === '*' ? 'editToPanel' : `editToPanel:${e.family}`, e.d, e.total),
    ),
    ...r.hovers.flatMap((h) => [
      row('hoverImage', h.d, h.fresh),
      row('hoverImageCached', h.d, h.warm),
    ]),
    ...(r.hoverCold
      ? [row('hoverImageFirst', r.hoverCold.d, { ms: r.hoverCold.ms, p90: null, n: 1 })]
      : []),
  ];
}
