/**
 * A long-lived peer process (SymPy or mathjs) that answers one JSON line per
 * request line. Its start-up (importing SymPy takes a second) is paid once,
 * not per case; a case that runs past its time limit kills the process, and
 * the next request starts a fresh one.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/** What a peer answers for one case; `ms` is null when it failed or timed out. */
export interface PeerAnswer {
  ms: number | null;
  runs?: number;
  /** SymPy only: building the expression from its terms, outside `ms`. */
  buildMs?: number;
  /** Why `ms` is null. */
  reason?: string;
}

interface Pending {
  resolve(answer: Record<string, unknown>): void;
}

/** One peer: a command line, started on first use and after a timeout. */
export class PeerProcess {
  private child: ChildProcessWithoutNullStreams | undefined;
  private ready: Promise<Record<string, unknown>> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderr = '';

  /** `startupMs` bounds the start (imports and warm-up) before the first `ready` line. */
  constructor(
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly startupMs = 60_000,
  ) {}

  /** Starts the peer if needed; resolves to its `ready` line (with its version). */
  start(): Promise<Record<string, unknown>> {
    if (this.ready) return this.ready;
    const child = spawn(this.command, this.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-2000);
    });
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop();
        reject(new Error(`did not start within ${this.startupMs} ms`));
      }, this.startupMs);
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        let msg: Record<string, unknown>;
        try {
          msg = JSON.parse(line) as Record<string, unknown>;
        } catch {
          return; // stray output from a library
        }
        if (msg.ready) {
          clearTimeout(timer);
          resolve(msg);
        } else if (typeof msg.id === 'number') {
          this.pending.get(msg.id)?.resolve(msg);
          this.pending.delete(msg.id);
        }
      });
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        const why = `exited (${signal ?? code})${this.stderr ? `: ${this.stderr.trim()}` : ''}`;
        reject(new Error(why));
        for (const p of this.pending.values()) p.resolve({ ms: null, error: why });
        this.pending.clear();
        if (this.child === child) {
          this.child = undefined;
          this.ready = undefined;
        }
      });
    });
    return this.ready;
  }

  /**
   * Sends one case; resolves with its answer, or with `ms: null` when the
   * case took longer than `limitMs` (the process is then killed).
   */
  async request(body: Record<string, unknown>, limitMs: number): Promise<PeerAnswer> {
    try {
      await this.start();
    } catch (err) {
      return { ms: null, reason: `peer failed to start: ${(err as Error).message}` };
    }
    const id = this.nextId++;
    const child = this.child!;
    const answer = await new Promise<Record<string, unknown>>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ms: null, error: `timed out (limit ${limitMs / 1000} s)` });
        this.stop();
      }, limitMs);
      this.pending.set(id, {
        resolve: (msg) => {
          clearTimeout(timer);
          resolve(msg);
        },
      });
      child.stdin.write(`${JSON.stringify({ ...body, id })}\n`);
    });
    return {
      ms: typeof answer.ms === 'number' ? answer.ms : null,
      runs: typeof answer.runs === 'number' ? answer.runs : undefined,
      buildMs: typeof answer.buildMs === 'number' ? answer.buildMs : undefined,
      reason: typeof answer.error === 'string' ? answer.error : undefined,
    };
  }

  /** Kills the process (it is started again on the next request). */
  stop(): void {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (child && child.exitCode === null) {
      child.stdin.end();
      child.kill('SIGKILL');
    }
  }
}
