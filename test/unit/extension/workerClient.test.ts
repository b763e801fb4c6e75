import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { WorkerClient, type WorkerLike } from '../../../src/extension/workerClient';
import { CANCEL_SLOTS, type WorkerRequest } from '../../../src/extension/workerProtocol';

/** A fake worker whose answers the test controls. */
class FakeWorker extends EventEmitter implements WorkerLike {
  readonly received: WorkerRequest[] = [];
  terminated = false;
  constructor(readonly flags: Int32Array) {
    super();
  }
  postMessage(message: unknown): void {
    this.received.push(message as WorkerRequest);
  }
  answer(result: unknown, index = this.received.length - 1): void {
    this.emit('message', { id: this.received[index].id, ok: true, result });
  }
  cancelled(index: number): boolean {
    return Atomics.load(this.flags, this.received[index].slot) === 1;
  }
  terminate(): void {
    this.terminated = true;
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const warnings: string[] = [];
  const client = new WorkerClient(
    'test',
    (cancel) => {
      const w = new FakeWorker(new Int32Array(cancel));
      workers.push(w);
      return w;
    },
    { info: () => undefined, warn: (m) => warnings.push(m) },
  );
  return { client, workers, warnings };
}

const parse = { text: 'def f(x): return x', language: 'python' as const };
const tick = () => new Promise((r) => setImmediate(r));

describe('worker client', () => {
  it('starts the worker lazily and answers by id', async () => {
    const { client, workers } = setup();
    assert.equal(workers.length, 0);
    const p = client.request('parse', parse, { timeoutMs: 1000 });
    assert.equal(workers.length, 1);
    workers[0].answer({ functions: [], diagnostics: [] });
    assert.deepEqual(await p, { status: 'done', result: { functions: [], diagnostics: [] } });
    client.dispose();
  });

  it('runs one request at a time, in order', async () => {
    const { client, workers } = setup();
    const a = client.request('parse', parse, { timeoutMs: 1000 });
    const b = client.request('parse', parse, { timeoutMs: 1000 });
    assert.equal(workers[0].received.length, 1);
    workers[0].answer('A');
    await tick();
    assert.equal(workers[0].received.length, 2);
    workers[0].answer('B');
    assert.deepEqual(await a, { status: 'done', result: 'A' });
    assert.deepEqual(await b, { status: 'done', result: 'B' });
    client.dispose();
  });

  it('a newer request with the same key cancels the running and the queued one', async () => {
    const { client, workers } = setup();
    const running = client.request('parse', parse, { key: 'panel|u', timeoutMs: 1000 });
    const queued = client.request('parse', parse, { key: 'panel|u', timeoutMs: 1000 });
    // `queued` superseded `running` (flag set); now a third supersedes `queued` (never sent).
    assert.ok(workers[0].cancelled(0));
    assert.deepEqual(await running, { status: 'cancelled' });
    const other = client.request('parse', parse, { key: 'side|u', timeoutMs: 1000 });
    const newest = client.request('parse', parse, { key: 'panel|u', timeoutMs: 1000 });
    assert.deepEqual(await queued, { status: 'cancelled' });
    workers[0].answer('late answer of the cancelled request', 0);
    await tick();
    // Next sent: `other`, then `newest`; `queued` was dropped before being sent.
    assert.equal(workers[0].received.length, 2);
    workers[0].answer('other');
    await tick();
    workers[0].answer('newest');
    assert.deepEqual(await other, { status: 'done', result: 'other' });
    assert.deepEqual(await newest, { status: 'done', result: 'newest' });
    assert.equal(workers[0].received.length, 3);
    client.dispose();
  });

  it('clears the cancellation slot before reusing it', async () => {
    const { client, workers } = setup();
    const p = client.request('parse', parse, { key: 'k', timeoutMs: 1000 });
    client.supersede('k');
    await p;
    workers[0].answer(null, 0);
    await tick();
    assert.equal(CANCEL_SLOTS > 1, true);
    const q = client.request('parse', parse, { key: 'k', timeoutMs: 1000 });
    assert.equal(workers[0].cancelled(1), false);
    workers[0].answer('ok', 1);
    assert.deepEqual(await q, { status: 'done', result: 'ok' });
    client.dispose();
  });

  it('terminates a stuck worker and continues with a fresh one', async () => {
    const { client, workers, warnings } = setup();
    const stuck = client.request('derive', { ...parse, options: {} }, { timeoutMs: 20 });
    const next = client.request('parse', parse, { timeoutMs: 1000 });
    assert.deepEqual(await stuck, { status: 'timeout' });
    assert.ok(workers[0].terminated);
    assert.match(warnings.join('\n'), /exceeded 20 ms; restarting/);
    assert.equal(workers.length, 2);
    workers[1].answer('fresh');
    assert.deepEqual(await next, { status: 'done', result: 'fresh' });
    client.dispose();
  });

  it('reports a crashed worker as an error and recovers', async () => {
    const { client, workers } = setup();
    const p = client.request('parse', parse, { timeoutMs: 1000 });
    workers[0].emit('error', new Error('boom'));
    assert.deepEqual(await p, { status: 'error', message: 'boom' });
    const q = client.request('parse', parse, { timeoutMs: 1000 });
    workers[1].answer('again');
    assert.deepEqual(await q, { status: 'done', result: 'again' });
    client.dispose();
  });

  it('a real worker that runs out of its heap ends the request as memory, and is replaced', async () => {
    // Answers 'ping' at once; on anything else keeps every array it makes.
    const code = `
      const { parentPort } = require('node:worker_threads');
      const kept = [];
      parentPort.on('message', (m) => {
        if (m.payload.text === 'ping') return parentPort.postMessage({ id: m.id, ok: true, result: 'pong' });
        for (;;) kept.push(new Array(1e5).fill(kept.length));
      });`;
    const client = new WorkerClient(
      'test',
      () => new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 16 } }),
      { info: () => undefined, warn: () => undefined },
    );
    const greedy = client.request('parse', { ...parse, text: 'grow' }, { timeoutMs: 30_000 });
    assert.deepEqual(await greedy, { status: 'memory' });
    const after = client.request('parse', { ...parse, text: 'ping' }, { timeoutMs: 30_000 });
    assert.deepEqual(await after, { status: 'done', result: 'pong' });
    client.dispose();
  });
});
