/**
 * Host side of the derivation worker: one request in flight at a time, a
 * queue behind it, supersession by key, and a watchdog that terminates a
 * worker stuck past its deadline and starts a fresh one on the next request.
 *
 * No `vscode` import: the worker factory is injected (tests can pass a fake).
 */
import {
  CANCEL_SLOTS,
  type RequestKind,
  type WorkerRequest,
  type WorkerRequests,
  type WorkerResponse,
  type WorkerResults,
} from './workerProtocol';

/** The part of `worker_threads.Worker` used here. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number> | void;
}

/** How a request ended. */
export type Outcome<T> =
  | { status: 'done'; result: T }
  | { status: 'cancelled' }
  | { status: 'timeout' }
  /** The worker reached its heap limit (WORKER_HEAP_MB) and was replaced. */
  | { status: 'memory' }
  | { status: 'error'; message: string };

/** Per-request options. */
export interface RequestOptions {
  /** A newer request with the same key cancels this one (e.g. `panel|<uri>`). */
  key?: string;
  /** Deadline once started; past it the worker is considered stuck and restarted. */
  timeoutMs: number;
}

interface Job {
  id: number;
  kind: RequestKind;
  payload: unknown;
  options: RequestOptions;
  resolve: (o: Outcome<unknown>) => void;
}

/** Minimal logger interface (the LogOutputChannel wrapper satisfies it). */
export interface WorkerLog {
  info(message: string): void;
  warn(message: string): void;
}

/** A queue-fronted worker; see the module comment. */
export class WorkerClient {
  private worker: WorkerLike | undefined;
  private readonly cancel = new SharedArrayBuffer(4 * CANCEL_SLOTS);
  private readonly flags = new Int32Array(this.cancel);
  private readonly queue: Job[] = [];
  private current: { job: Job; timer: ReturnType<typeof setTimeout> } | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly name: string,
    private readonly factory: (cancel: SharedArrayBuffer) => WorkerLike,
    private readonly log: WorkerLog,
  ) {}

  /** Queues a request; supersedes queued/running requests with the same key. */
  request<K extends RequestKind>(
    kind: K,
    payload: WorkerRequests[K],
    options: RequestOptions,
  ): Promise<Outcome<WorkerResults[K]>> {
    if (this.disposed) return Promise.resolve({ status: 'cancelled' });
    if (options.key !== undefined) this.supersede(options.key);
    return new Promise((resolve) => {
      const job: Job = {
        id: this.nextId++,
        kind,
        payload,
        options,
        resolve: resolve as (o: Outcome<unknown>) => void,
      };
      this.queue.push(job);
      this.pump();
    });
  }

  /** Cancels everything with this key (e.g. when a panel closes). */
  supersede(key: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].options.key === key) {
        this.queue[i].resolve({ status: 'cancelled' });
        this.queue.splice(i, 1);
      }
    }
    const cur = this.current?.job;
    if (cur && cur.options.key === key) {
      // The engine polls this flag; its (partial) answer is discarded below.
      Atomics.store(this.flags, cur.id % CANCEL_SLOTS, 1);
      cur.resolve({ status: 'cancelled' });
    }
  }

  /** Number of queued plus running requests (for tests and logs). */
  get pending(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  /** Terminates the worker and cancels all requests. */
  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.resolve({ status: 'cancelled' });
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.job.resolve({ status: 'cancelled' });
      this.current = undefined;
    }
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.current || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    const worker = this.ensureWorker();
    const slot = job.id % CANCEL_SLOTS;
    Atomics.store(this.flags, slot, 0);
    const timer = setTimeout(() => this.onTimeout(job), job.options.timeoutMs);
    this.current = { job, timer };
    const message = { id: job.id, slot, kind: job.kind, payload: job.payload } as WorkerRequest;
    worker.postMessage(message);
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.factory(this.cancel);
    worker.on('message', (m) => this.onMessage(worker, m as WorkerResponse));
    worker.on('error', (err) => {
      this.log.warn(`[worker:${this.name}] error: ${err.message}`);
      const outOfMemory = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.restart(
        worker,
        outOfMemory ? { status: 'memory' } : { status: 'error', message: err.message },
      );
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.log.warn(`[worker:${this.name}] exited with code ${code}`);
        this.restart(worker, { status: 'error', message: `worker exited (${code})` });
      }
    });
    this.worker = worker;
    this.log.info(`[worker:${this.name}] started`);
    return worker;
  }

  private onMessage(worker: WorkerLike, m: WorkerResponse): void {
    if (worker !== this.worker || !this.current || m.id !== this.current.job.id) return;
    const { job, timer } = this.current;
    clearTimeout(timer);
    this.current = undefined;
    // resolve() is idempotent: a superseded job was already answered 'cancelled'.
    job.resolve(
      m.ok ? { status: 'done', result: m.result } : { status: 'error', message: m.error },
    );
    this.pump();
  }

  private onTimeout(job: Job): void {
    if (this.current?.job !== job || !this.worker) return;
    this.log.warn(
      `[worker:${this.name}] ${job.kind} #${job.id} exceeded ` +
        `${job.options.timeoutMs} ms; restarting`,
    );
    this.restart(this.worker, { status: 'timeout' });
  }

  /** Drops a broken/stuck worker; the running job ends with `outcome`, the queue continues. */
  private restart(worker: WorkerLike, outcome: Outcome<unknown>): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.job.resolve(outcome);
      this.current = undefined;
    }
    this.pump();
  }
}
