/**
 * The runner's observer inside the side view's webview frame. Installed with Playwright's
 * `frame.evaluate` once the frame shows our page (body `data-kind="side"`), so it runs after
 * the webview's own script. A capture listener on `message` fires before the webview's
 * handler (receipt) and queues a task, which runs after it (rendered: the handler builds the
 * DOM and runs KaTeX synchronously); the next animation frame plus a task approximates
 * style, layout and paint. Each record goes to the runner at once through {@link RECORD_BINDING} (a function
 * `page.exposeFunction` puts in every frame): the webview frames are gone by the time the
 * suite has exited.
 */
import type { Frame } from 'playwright-core';

/** The name of the exposed function that receives each {@link WebviewRecord}. */
export const RECORD_BINDING = 'gnlBenchRecord';

/**
 * The observer as source text: a function handed to `evaluate` would carry the `__name`
 * helper tsx's esbuild adds to named functions, which the frame does not have.
 * Evaluates to true when the observer is (now) installed in this frame.
 */
const OBSERVER = `(() => {
  if (window.__gnlBenchObserver) return true;
  const send = window[${JSON.stringify(RECORD_BINDING)}];
  if (document.body?.dataset.kind !== 'side' || typeof send !== 'function') return false;
  if (document.readyState !== 'complete') return false; // the webview's script runs first
  window.__gnlBenchObserver = true;
  const stateOf = (e) => {
    const m = e.data;
    return m && m.type === 'state' && m.doc && typeof m.doc.uri === 'string' ? m.doc : undefined;
  };
  // Receipt: before the webview's own listener (capture listeners at the target go first).
  // Rendered: a task queued from here runs once the whole dispatch, that listener
  // included, is over; whichever order the listeners were added in.
  window.addEventListener('message', (e) => {
    const doc = stateOf(e);
    if (!doc) return;
    const t = performance.now();
    const rec = { uri: doc.uri, version: doc.version, recvWall: Date.now(), renderMs: 0 };
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      const done = performance.now();
      rec.renderMs = done - t;
      let sent = false;
      const finish = (paintMs) => {
        if (sent) return;
        sent = true;
        send(paintMs === undefined ? rec : { ...rec, paintMs });
      };
      requestAnimationFrame(() => setTimeout(() => finish(performance.now() - done), 0));
      setTimeout(() => finish(), 5000); // no animation frame (a hidden view): render only
    };
    channel.port2.postMessage(0);
  }, true);
  return true;
})()`;

/** Installs the observer if `frame` is the side view's content; true when it is there. */
export async function installObserver(frame: Frame): Promise<boolean> {
  return frame.evaluate<boolean>(OBSERVER).catch(() => false); // frames come and go while webviews load
}
