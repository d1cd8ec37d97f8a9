/**
 * Sends LLC and landscape-slice jobs to the meters' own worker, one at a time. LLC snapshots wait in a queue, so a short
 * run gets every estimate it asked for, finished after training if need be; when a long run outpaces
 * the estimator the queue is thinned evenly (every other waiting job dropped), so the meter still
 * covers the whole run. While training runs the newest snapshot goes first (the gauge shows where
 * the run is now) and, on a machine with few cores, the estimator rests between jobs so training
 * keeps its speed; once training stops, it fills in the rest oldest first, without resting.
 * A slice shows the run as it is now, so only the newest waits: a newer one replaces it. A waiting
 * slice goes before the LLC queue, without waiting out the rest, but never twice in a row while
 * estimates wait (the rest after it is kept).
 */
import type { LandscapeSlice, SliceJob, SliceOffload } from '../core/landscape/slice';
import type { LlcJob, LlcOffload } from '../core/llcJob';
import type { MemoryUse } from '../core/memory';
import type { LlcRow } from '../core/meterConfig';
import type { MetersReply, MetersRequest } from './metersProtocol';

/** Jobs that may wait while one runs (a snapshot of the classic network is 54 kB). */
export const MAX_WAITING = 24;

/**
 * The share of one core the estimator may keep busy while training runs, so that training keeps a
 * core of its own and the page and the garbage collector keep the rest: on 2 cores, training ran at
 * 54% of its speed with the estimator unthrottled, 86–95% at 30% of a core. From 3 cores on there is
 * room to spare.
 */
export function estimatorDuty(cores: number): number {
  return Math.min(1, Math.max(0.25, cores - 1.75));
}

/** How long to rest after a job that took `ms`, so that busy time stays at `duty` of wall time. */
export const restAfter = (ms: number, duty: number) => (ms * (1 - duty)) / duty;

/** Every other element of a queue that is full, oldest kept: the survivors still span the run. */
export function thinned<T>(queue: T[]): { kept: T[]; dropped: T[] } {
  return { kept: queue.filter((_, i) => i % 2 === 0), dropped: queue.filter((_, i) => i % 2 === 1) };
}

interface Pending<J, R> {
  job: J;
  resolve: (result: R | null) => void;
  reject: (err: Error) => void;
}
type LlcPending = Pending<LlcJob, LlcRow> & { kind: 'llc' };
type SlicePending = Pending<SliceJob, LandscapeSlice> & { kind: 'slice' };
type AnyPending = LlcPending | SlicePending;

export class MetersWorkerOffload implements LlcOffload, SliceOffload {
  private worker: Worker | null = null;
  private waiting: LlcPending[] = [];
  private waitingSlice: SlicePending | null = null;
  private lastKind: AnyPending['kind'] | null = null;
  private running: (AnyPending & { id: number; started: number }) | null = null;
  private nextId = 1;
  private failure: Error | null = null;
  private training = false;
  /** When the next job may start (rest after the last one, while training runs). */
  private restUntil = 0;
  private restTimer: ReturnType<typeof setTimeout> | null = null;
  private lastMemory: MemoryUse | null = null;

  constructor(
    private readonly spawn: () => Worker,
    /** Share of a core the estimator may use while training runs (1: no rest). */
    private readonly duty = 1,
  ) {}

  submit(job: LlcJob): Promise<LlcRow | null> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      if (this.waiting.length >= MAX_WAITING) {
        const { kept, dropped } = thinned(this.waiting);
        this.waiting = kept;
        for (const p of dropped) p.resolve(null);
      }
      this.waiting.push({ kind: 'llc', job, resolve, reject });
      this.pump();
    });
  }

  submitSlice(job: SliceJob): Promise<LandscapeSlice | null> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waitingSlice?.resolve(null);
      this.waitingSlice = { kind: 'slice', job, resolve, reject };
      this.pump();
    });
  }

  clear(): void {
    for (const p of this.waiting.splice(0)) p.resolve(null);
    this.waitingSlice?.resolve(null);
    this.waitingSlice = null;
    // The job under way finishes on its own; its answer is dropped by whoever disposed the run.
  }

  memory(): MemoryUse | null {
    return this.lastMemory;
  }

  pending(): number {
    return this.waiting.length + (this.running?.kind === 'llc' ? 1 : 0);
  }

  /** Training started or stopped: the estimator rests between jobs only while it runs. */
  setTraining(training: boolean): void {
    if (training === this.training) return;
    this.training = training;
    if (!training) {
      this.restUntil = 0;
      if (this.restTimer) clearTimeout(this.restTimer);
      this.restTimer = null;
      this.pump();
    }
  }

  private start(): Worker {
    const worker = this.spawn();
    worker.onmessage = (e: MessageEvent<MetersReply>) => this.answer(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.fail(new Error(e.message || 'the meters worker stopped'));
    };
    return worker;
  }

  private pump(): void {
    if (this.running || this.failure || (!this.waiting.length && !this.waitingSlice)) return;
    // A slice is the picture of the run now, and one at most waits: it does not wait out the rest.
    if (!this.sliceGoesNext()) {
      if (this.restTimer) return;
      const wait = this.restUntil - performance.now();
      if (wait > 0) {
        this.restTimer = setTimeout(() => {
          this.restTimer = null;
          this.pump();
        }, wait);
        return;
      }
    }
    if (this.restTimer) clearTimeout(this.restTimer);
    this.restTimer = null;
    const next = this.takeNext();
    try {
      this.worker ??= this.start();
      this.running = { ...next, id: this.nextId++, started: performance.now() };
      this.lastKind = next.kind;
      const request: MetersRequest =
        next.kind === 'llc' ? { id: this.running.id, kind: 'llc', job: next.job } : { id: this.running.id, kind: 'slice', job: next.job };
      this.worker.postMessage(request);
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private sliceGoesNext(): boolean {
    return this.waitingSlice !== null && (this.lastKind !== 'slice' || !this.waiting.length);
  }

  private takeNext(): AnyPending {
    const slice = this.waitingSlice;
    if (slice && this.sliceGoesNext()) {
      this.waitingSlice = null;
      return slice;
    }
    return (this.training ? this.waiting.pop() : this.waiting.shift())!;
  }

  private answer(reply: MetersReply): void {
    const done = this.running;
    if (!done || done.id !== reply.id) return;
    this.running = null;
    const ms = 'ms' in reply ? reply.ms : performance.now() - done.started;
    if ('memory' in reply) this.lastMemory = reply.memory;
    this.restUntil = this.training ? performance.now() + restAfter(ms, this.duty) : 0;
    if ('error' in reply) done.reject(new Error(reply.error));
    else if (done.kind === 'llc' && 'row' in reply) done.resolve(reply.row);
    else if (done.kind === 'slice' && 'slice' in reply) done.resolve(reply.slice);
    else done.reject(new Error(`the meters worker answered a ${done.kind} job with something else`));
    this.pump();
  }

  /** The worker is gone: every job fails over to in-place estimates. */
  private fail(err: Error): void {
    this.failure = err;
    this.worker?.terminate();
    this.worker = null;
    const lost: AnyPending[] = [...(this.running ? [this.running] : []), ...this.waiting.splice(0), ...(this.waitingSlice ? [this.waitingSlice] : [])];
    for (const p of lost) p.reject(err);
    this.running = null;
    this.waitingSlice = null;
  }
}
