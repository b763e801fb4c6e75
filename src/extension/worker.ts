/**
 * The derivation worker (bundled to dist/worker.js). Runs the core engine
 * and the hover SVG renderer off the extension host's thread, so typing never
 * waits for a derivation. Requests are answered in order; cancellation is a
 * flag in shared memory that the engine polls (`isCancelled`), which works
 * even while the engine never yields to the event loop.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { deriveDocument, deriveSelection, parseDocument } from '../core/index';
import {
  CANCEL_SLOTS,
  summarizeParse,
  type WorkerData,
  type WorkerRequest,
  type WorkerResponse,
} from './workerProtocol';

const port = parentPort;
const data = workerData as Partial<WorkerData> | undefined;
const flags = new Int32Array(data?.cancel ?? new SharedArrayBuffer(4 * CANCEL_SLOTS));
/** When the last request arrived (for loading MathJax while idle). */
let lastRequestAt = Date.now();

/**
 * MathJax lives in its own bundle (dist/mathsvg.js, ~2 MB) next to this one
 * and is required on the first hover only, so the worker starts (and restarts
 * after a timeout) without parsing it.
 */
function loadMathSvg(): typeof import('./mathSvg') {
  // A computed path keeps esbuild from inlining the module into this bundle.
  const file = join(__dirname, 'mathsvg.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as typeof import('./mathSvg');
}

async function handle(req: WorkerRequest): Promise<unknown> {
  const isCancelled = (): boolean => Atomics.load(flags, req.slot) === 1;
  switch (req.kind) {
    case 'derive':
      return deriveDocument(req.payload.text, req.payload.language, {
        ...req.payload.options,
        isCancelled,
      });
    case 'selection':
      return deriveSelection(req.payload.text, req.payload.language, {
        ...req.payload.options,
        isCancelled,
      });
    case 'parse':
      return summarizeParse(await parseDocument(req.payload.text, req.payload.language));
    case 'svg': {
      const { texToSvgDataUri } = loadMathSvg();
      return req.payload.items.map((item) => texToSvgDataUri(item.tex, item.color));
    }
  }
}

port?.on('message', (req: WorkerRequest) => {
  lastRequestAt = Date.now();
  handle(req).then(
    (result) => port.postMessage({ id: req.id, ok: true, result } satisfies WorkerResponse),
    (err: unknown) => {
      const error = err instanceof Error ? err.message : String(err);
      port.postMessage({ id: req.id, ok: false, error } satisfies WorkerResponse);
    },
  );
});

// Warm-up: the first derivation in a fresh thread runs cold code (parsing, the
// engine, printing) and takes many times longer than the next ones. One small
// derivation now, while the user is still reading, makes the first real one fast.
void deriveDocument('def f(x, y):\n    return x**2 * y + abs(x - y)\n', 'python').catch(() => {});

/**
 * The light worker draws the hover images. Loading MathJax and drawing a first
 * formula takes about 200 ms: done once the user has paused (no request for
 * {@link IDLE_MS}), the first hover does not wait for it, and nothing the user
 * asked for waits behind it.
 */
const IDLE_MS = 1000;

function loadMathJaxWhenIdle(): void {
  const idle = Date.now() - lastRequestAt;
  if (idle < IDLE_MS) {
    setTimeout(loadMathJaxWhenIdle, IDLE_MS - idle);
    return;
  }
  try {
    loadMathSvg().texToSvgDataUri('\\nabla\\lVert\\nabla f\\rVert_1 = x^2', '#000000');
  } catch {
    // The first hover will load it, and report what went wrong.
  }
}
if (data?.role === 'light') setTimeout(loadMathJaxWhenIdle, IDLE_MS);
