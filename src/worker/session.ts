/**
 * One training session inside the worker: owns the Trainer, runs it in short chunks so commands
 * are handled between chunks, batches metrics to the main thread (every 50–500 ms by speed), runs
 * the meters and landscape slices on their cadence, and keeps a checkpoint to continue from.
 */
import { needsRestart, type RunConfig } from '../core/config';
import { MeterRunner, type EntropyRow, type LlcRow, type MeterConfig } from '../core/meters';
import { Trainer, type MetricRow, type TrainerCheckpoint } from '../core/trainer';
import { measureThroughput } from '../core/throughput';
import { computeSlice, MAX_SLICE_SHARE, type LandscapeSettings } from '../core/landscape/slice';
import { CheckpointTracker } from '../core/landscape/tracker';
import { columnBuffers, rowsToColumns, type BackendName, type RunState, type Speed, type WorkerEvent } from './protocol';

/** How often (wall time while training) the worker snapshots a state to continue from. */
const CHECKPOINT_MS = 2000;

/**
 * Per speed: wall time per training chunk (long enough to amortise, short enough to stay
 * responsive), steps per chunk at most, pause between chunks, and how often metrics are posted.
 */
const SPEED_SETTINGS: Record<Speed, { chunkMs: number; maxSteps: number; pauseMs: number; flushMs: number }> = {
  slow: { chunkMs: 40, maxSteps: 3, pauseMs: 40, flushMs: 50 },
  normal: { chunkMs: 40, maxSteps: Infinity, pauseMs: 0, flushMs: 100 },
  fast: { chunkMs: 250, maxSteps: Infinity, pauseMs: 0, flushMs: 500 },
};

const yieldToEvents = (() => {
  // A MessageChannel yields without setTimeout's 4 ms clamp on nested timers.
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
})();

export class Session {
  private trainer: Trainer | null = null;
  private meterRunner: MeterRunner | null = null;
  private tracker: CheckpointTracker | null = null;
  /** Step and wall-clock of the last slice, and what it cost, for the refresh policy. */
  private lastSlice = { step: -Infinity, at: -Infinity, ms: 0 };
  private pendingLlc: LlcRow[] = [];
  private pendingEntropy: EntropyRow[] = [];
  private runId = 0;
  private state: RunState = 'paused';
  private pending: MetricRow[] = [];
  private lastFlush = 0;
  private rate = { steps: 0, since: 0, value: 0 };
  /** Every command and chunk runs on this chain, so a reset can never land inside a step. */
  private chain: Promise<void> = Promise.resolve();
  private message: string | null = null;
  private chunkQueued = false;
  private trainMs = 0;
  private speed: Speed = 'normal';
  /** The last state training can continue from; refreshed every CHECKPOINT_MS of training. */
  private checkpoint: TrainerCheckpoint | null = null;
  private checkpointAt = 0;
  /** Set when the backend is gone (a lost GPU device): nothing may touch its tensors any more. */
  private halted = false;

  constructor(
    private config: RunConfig,
    private meters: MeterConfig,
    private landscape: LandscapeSettings,
    private readonly post: (event: WorkerEvent, transfer?: Transferable[]) => void,
  ) {}

  private enqueue(task: () => Promise<void> | void): void {
    this.chain = this.chain.then(task).catch((err: unknown) => {
      // After a device loss, work already queued fails on the dead device: recovery handles it.
      if (this.halted) return;
      this.state = 'paused';
      this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      this.postStatus();
    });
  }

  start(resume?: TrainerCheckpoint): void {
    this.enqueue(() => this.newRun(false, resume));
  }

  /**
   * The backend died under us (WebGPU device lost, or an error that makes its results garbage). `switchBackend` picks the next one; the run
   * continues there from the last checkpoint, and the history on screen is kept.
   */
  backendLost(reason: string, switchBackend: () => Promise<string>): void {
    this.halted = true;
    const wasRunning = this.state === 'running';
    const from = this.checkpoint;
    this.chain = this.chain.catch(() => undefined).then(async () => {
      this.trainer = null; // its tensors lived on the lost device
      const name = await switchBackend();
      this.halted = false;
      await this.newRun(wasRunning, from ?? undefined);
      this.message = `WebGPU stopped working: ${reason}. Training continues on ${name} from step ${from?.step ?? 0}; the history is kept.`;
      this.postStatus();
    });
  }

  play(): void {
    this.enqueue(() => {
      if (!this.trainer || this.state === 'running' || this.state === 'diverged') return;
      if (this.trainer.step >= this.config.steps) {
        // Past the budget, play trains one more budget's worth.
        this.config = { ...this.config, steps: this.config.steps * 2 };
      }
      this.message = null;
      this.state = 'running';
      this.rate = { steps: this.trainer.step, since: performance.now(), value: 0 };
      this.postStatus();
      this.scheduleChunk();
    });
  }

  pause(): void {
    this.enqueue(async () => {
      if (this.state === 'running') this.state = 'paused';
      await this.takeCheckpoint();
      this.flush();
      this.postStatus();
    });
  }

  step(): void {
    this.enqueue(async () => {
      if (!this.trainer || this.state === 'running' || this.state === 'diverged') return;
      const rows = await this.trainer.advance(this.trainer.step + 1);
      this.afterRows(rows);
      await this.runMeters();
      await this.tracker?.observe();
      if (!this.isDiverged()) this.state = 'paused';
      this.flush();
      this.postStatus();
    });
  }

  /** Runs between chunks, so a benchmark never overlaps training; the live run pauses for it. */
  benchmark(config: RunConfig, meters: MeterConfig, steps: number, forwards: number, sliceSize: number, backend: BackendName): void {
    this.enqueue(async () => {
      if (this.state === 'running') this.state = 'paused';
      this.postStatus();
      this.post({ type: 'benchmark', backend, result: await measureThroughput(config, meters, steps, forwards, 3, sliceSize) });
    });
  }

  setSpeed(speed: Speed): void {
    this.enqueue(() => {
      this.speed = speed;
    });
  }

  /** New meter settings take effect from the next measurement; the charts mark the change. */
  setMeters(meters: MeterConfig): void {
    this.enqueue(() => {
      this.meters = meters;
      if (this.meterRunner) this.meterRunner.config = meters;
    });
  }

  /** New landscape settings: computed at once, whether training runs or not. */
  setLandscape(settings: LandscapeSettings): void {
    this.enqueue(async () => {
      this.landscape = settings;
      await this.slice();
    });
  }

  /** Back to step 0 with the same settings, paused. */
  reset(): void {
    this.enqueue(() => this.newRun(false));
  }

  configure(next: RunConfig): void {
    this.enqueue(() => {
      const restart = needsRestart(this.config, next);
      this.config = { ...next, steps: Math.max(next.steps, restart ? 0 : this.config.steps) };
      if (restart || !this.trainer) return this.newRun(this.state === 'running');
      const before = this.trainer.hyperChanges.length;
      this.trainer.setHyper({ lr: next.lr, wd: next.wd });
      const change = this.trainer.hyperChanges[before];
      if (change) this.post({ type: 'hyper-change', runId: this.runId, change });
    });
  }

  private async newRun(keepRunning: boolean, resume?: TrainerCheckpoint): Promise<void> {
    this.trainer?.dispose();
    this.trainer = null;
    this.meterRunner = null;
    this.tracker = null;
    this.lastSlice = { step: -Infinity, at: -Infinity, ms: 0 };
    this.pending = [];
    this.pendingLlc = [];
    this.pendingEntropy = [];
    this.runId += 1;
    this.message = null;
    this.state = 'paused';
    this.trainMs = 0;
    const trainer = new Trainer(this.config);
    if (resume) trainer.restore(resume);
    this.trainer = trainer;
    this.checkpoint = resume ?? null;
    this.checkpointAt = performance.now();
    this.meterRunner = new MeterRunner(trainer, this.meters);
    this.tracker = new CheckpointTracker(trainer);
    this.post({
      type: 'run-started',
      runId: this.runId,
      config: this.config,
      trainSize: trainer.dataset.train.a.length,
      testSize: trainer.dataset.test.a.length,
      resumedFrom: resume ? resume.step : null,
    });
    this.afterRows(await trainer.advance(trainer.step));
    await this.runMeters();
    await this.tracker.observe();
    // A state to continue from exists from the first step on (a device can be lost at any time).
    if (!resume) await this.takeCheckpoint();
    this.flush();
    await this.slice();
    if (!this.isDiverged()) this.state = keepRunning ? 'running' : 'paused';
    this.rate = { steps: 0, since: performance.now(), value: 0 };
    this.postStatus();
    if (this.state === 'running') this.scheduleChunk();
  }

  /** At most one chunk is ever queued, however commands interleave. */
  private scheduleChunk(): void {
    if (this.chunkQueued) return;
    this.chunkQueued = true;
    this.enqueue(() => {
      this.chunkQueued = false;
      return this.chunk();
    });
  }

  private async chunk(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || this.state !== 'running' || this.halted) return;
    const started = performance.now();
    const speed = SPEED_SETTINGS[this.speed];
    // Stop at the next meter step so each meter measures exactly on its cadence.
    const until = Math.min(this.config.steps, this.meterRunner?.nextDue() ?? Infinity, trainer.step + speed.maxSteps);
    this.afterRows(await trainer.advance(until, speed.chunkMs));
    if (trainer.step === this.meterRunner?.nextDue(trainer.step - 1)) await this.runMeters();
    if (!this.isDiverged()) await this.tracker?.observe();
    if (this.sliceDue(trainer.step)) await this.slice();
    this.trainMs += performance.now() - started;
    if (performance.now() - this.checkpointAt >= CHECKPOINT_MS) await this.takeCheckpoint();
    this.measureRate(trainer.step);
    if (this.state === 'running' && trainer.step >= this.config.steps) {
      this.state = 'finished';
      this.message = `Reached the budget of ${this.config.steps.toLocaleString('en-US')} steps.`;
    }
    const now = performance.now();
    if (this.state !== 'running' || now - this.lastFlush >= speed.flushMs) {
      this.flush();
      this.postStatus();
    }
    if (this.state === 'running') {
      if (speed.pauseMs > 0) await new Promise((r) => setTimeout(r, speed.pauseMs));
      else await yieldToEvents();
      this.scheduleChunk();
    }
  }

  /** Read through a method: TypeScript cannot see that an await may change the state. */
  private isDiverged(): boolean {
    return this.state === 'diverged';
  }

  private afterRows(rows: MetricRow[]): void {
    this.pending.push(...rows);
    if (this.trainer?.divergence) {
      this.state = 'diverged';
      this.message = this.trainer.divergence;
    }
  }

  /**
   * A slice is due every `every` steps, but never more often than keeps it under MAX_SLICE_SHARE
   * of the wall time: a slice costs hundreds of milliseconds, a training step a few.
   */
  private sliceDue(step: number): boolean {
    const { every } = this.landscape;
    if (every <= 0 || step - this.lastSlice.step < every) return false;
    const wait = (this.lastSlice.ms * (1 - MAX_SLICE_SHARE)) / MAX_SLICE_SHARE;
    return performance.now() - this.lastSlice.at >= wait;
  }

  private async slice(): Promise<void> {
    const trainer = this.trainer;
    if (!trainer || !this.tracker || this.isDiverged()) return;
    this.flush();
    const result = await computeSlice(trainer, this.tracker, this.landscape);
    this.lastSlice = { step: trainer.step, at: performance.now(), ms: typeof result === 'string' ? 0 : result.ms };
    if (typeof result === 'string') {
      this.post({ type: 'landscape-unavailable', runId: this.runId, plane: this.landscape.plane, message: result });
    } else {
      this.post({ type: 'landscape', runId: this.runId, slice: result }, [result.loss.buffer as ArrayBuffer, result.accuracy.buffer as ArrayBuffer]);
    }
  }

  private async takeCheckpoint(): Promise<void> {
    if (!this.trainer || this.isDiverged()) return;
    this.checkpoint = await this.trainer.checkpoint();
    this.checkpointAt = performance.now();
    this.post({ type: 'checkpoint', runId: this.runId, checkpoint: this.checkpoint });
  }

  /** Meters due at the current step; skipped after divergence (the weights are not finite). */
  private async runMeters(): Promise<void> {
    if (!this.meterRunner || this.isDiverged()) return;
    const { llc, entropy } = await this.meterRunner.runDue();
    if (llc) this.pendingLlc.push(llc);
    if (entropy) this.pendingEntropy.push(entropy);
  }

  private measureRate(step: number): void {
    const now = performance.now();
    const dt = now - this.rate.since;
    if (dt >= 500) {
      this.rate = { steps: step, since: now, value: ((step - this.rate.steps) * 1000) / dt };
    }
  }

  private flush(): void {
    this.lastFlush = performance.now();
    if (!this.trainer || this.pending.length + this.pendingLlc.length + this.pendingEntropy.length === 0) return;
    const columns = rowsToColumns(this.pending);
    const { pendingLlc: llc, pendingEntropy: entropy } = this;
    this.pending = [];
    this.pendingLlc = [];
    this.pendingEntropy = [];
    this.post(
      { type: 'metrics', runId: this.runId, columns, llc, entropy, events: { ...this.trainer.events } },
      columnBuffers(columns),
    );
  }

  private postStatus(): void {
    this.post({
      type: 'status',
      runId: this.runId,
      state: this.state,
      step: this.trainer?.step ?? 0,
      stepsPerSec: this.state === 'running' ? this.rate.value : 0,
      trainMs: this.trainMs,
      message: this.message,
    });
  }
}
