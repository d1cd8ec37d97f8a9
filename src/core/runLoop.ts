/**
 * The one sequence every run follows, in the worker, the CLI, the bench and the soak:
 * advance the trainer → the meters due at that step → the checkpoint tracker → a landscape slice
 * when one is due. Whoever drives it decides when (chunks in the worker, a plain loop in Node);
 * what happens at each step, and in which order, is decided here only.
 */
import type { RunConfig } from './config';
import { computeSlice, MAX_SLICE_SHARE, planSlice, type LandscapeSettings, type LandscapeSlice, type SliceOffload } from './landscape/slice';
import { CheckpointTracker } from './landscape/tracker';
import type { FourierRow } from './fourier';
import type { LlcOffload } from './llcJob';
import type { MomentWatch } from './moments';
import { MeterRunner, type EntropyRow, type LlcRow, type MeterConfig } from './meters';
import { Trainer, type MetricRow, type TrainerCheckpoint } from './trainer';

/** Where a run's measurements go, as they are made. */
export interface RunSink {
  onRows(rows: MetricRow[]): void;
  /** An LLC estimate; from an offload it arrives after later steps' rows, tagged with its own step. */
  onLlc(row: LlcRow): void;
  onEntropy(row: EntropyRow): void;
  /** The embeddings' Fourier spectrum and the progress measures, at their own cadence, with the weights read for them. */
  onFourier?(row: FourierRow, embedding: Float32Array): void;
  /** A slice, or why none could be computed. Called with `null` before a slice starts, so batches can flush first. */
  onSlice(result: LandscapeSlice | string | null): void;
  /** Training diverged (a metric or a meter found non-finite values); called once. */
  onDivergence(message: string): void;
  /** Something about the meters the reader should know (they keep working). */
  onMeterNotice?(message: string): void;
}

/** The meters' own worker: LLC estimates and landscape grids, off the training thread. */
export type MetersOffload = LlcOffload & SliceOffload;

export interface RunLoopOptions {
  meters: MeterConfig;
  /** Slice settings and cadence (`every` steps; 0 = only when asked). */
  landscape: LandscapeSettings;
  /**
   * Slices never take more than this share of wall time (a slice costs hundreds of ms, a step a
   * few). 1 turns the cap off, for runs that must be the same every time (the CLI, the soak).
   */
  maxSliceShare?: number;
  resume?: TrainerCheckpoint;
  /** Where LLC estimates run, off the training thread; measured in place when absent (the CLI, tests). */
  llcOffload?: LlcOffload;
  /** Where the grids of slices due by the cadence are evaluated; in place when absent. Slices asked for run in place. */
  sliceOffload?: SliceOffload;
}

/**
 * A slice that took at least this long has its grids evaluated on the meters' worker from then on
 * (the transformer's: ~6 s of forwards); a cheaper one runs in place, in step with the run (the
 * quadratic network's: a few products, ~0.3 s). A run's first slice goes away: its cost is unknown.
 */
export const HEAVY_SLICE_MS = 1000;

export class RunLoop {
  readonly trainer: Trainer;
  readonly meterRunner: MeterRunner;
  readonly tracker: CheckpointTracker;
  landscape: LandscapeSettings;
  private readonly maxSliceShare: number;
  private lastSlice = { step: -Infinity, at: -Infinity, ms: 0 };
  /** Meters never measure the same step twice (an advance that could not move still ends here). */
  private lastMetered = -1;
  private lastRow: MetricRow | undefined;
  private disposed = false;
  private sliceOffload: SliceOffload | null;
  /** Compute time of this run's latest slice, wherever it ran; null before the first. */
  private sliceMs: number | null = null;
  /**
   * Slices are numbered as they are planned, and the sink never gets one older than the last it
   * got: a slice sent away can come back after one asked for later (a new plane, Refresh).
   */
  private slicesPlanned = 0;
  private sliceShown = 0;
  private offloadFailureTold = false;

  constructor(
    readonly config: RunConfig,
    options: RunLoopOptions,
    private readonly sink: RunSink,
  ) {
    this.trainer = new Trainer(config);
    if (options.resume) this.trainer.restore(options.resume);
    this.meterRunner = new MeterRunner(
      this.trainer,
      options.meters,
      options.llcOffload ?? null,
      (row) => {
        if (!this.disposed) sink.onLlc(row);
      },
      (message) => this.offloadFailed(message),
    );
    this.sliceOffload = options.sliceOffload ?? null;
    this.tracker = new CheckpointTracker(this.trainer);
    this.landscape = options.landscape;
    this.maxSliceShare = options.maxSliceShare ?? MAX_SLICE_SHARE;
  }

  get step(): number {
    return this.trainer.step;
  }

  get divergence(): string | null {
    return this.trainer.divergence;
  }

  set meters(config: MeterConfig) {
    this.meterRunner.config = config;
  }

  /** Measures the starting step (0, or the step resumed from): metrics, meters due, tracker. */
  async begin(): Promise<void> {
    await this.afterAdvance(await this.trainer.advance(this.trainer.step));
  }

  /**
   * Trains towards `untilStep` for up to `budgetMs`, halting at each step a meter or slice is due
   * (so each measures exactly on its cadence) to do what that step calls for, then going on within
   * the budget: a chunk is not cut short by a meter's cadence, which on `classic` once made every
   * 25-step stretch pay a chunk's overhead. With a `watch`, stops on the row or H̃ measurement that
   * reaches its moment; true when it did.
   */
  async advance(untilStep: number, budgetMs = Infinity, watch?: MomentWatch): Promise<boolean> {
    const started = performance.now();
    do {
      const until = Math.min(untilStep, this.meterRunner.nextDue(), this.nextSliceStep());
      const left = budgetMs - (performance.now() - started);
      const rows = await this.trainer.advance(until, left, watch && ((row) => watch.row(row)));
      await this.afterAdvance(rows, watch);
      if (watch?.reachedAt != null) return true;
    } while (this.trainer.step < untilStep && !this.trainer.divergence && performance.now() - started < budgetMs);
    return false;
  }

  /** Runs to `untilStep` (or divergence) in one go, calling `progress` after each stretch. */
  async runTo(untilStep: number, progress: (last: MetricRow | undefined) => void = () => {}): Promise<void> {
    while (this.trainer.step < untilStep && !this.trainer.divergence) {
      const before = this.trainer.step;
      await this.advance(untilStep, 1000);
      progress(this.lastRow);
      if (this.trainer.step === before) break;
    }
  }

  private async afterAdvance(rows: MetricRow[], watch?: MomentWatch): Promise<void> {
    this.lastRow = rows.at(-1) ?? this.lastRow;
    this.sink.onRows(rows);
    if (this.diverged()) return; // the weights are no longer finite: nothing else may read them
    const step = this.trainer.step;
    if (step !== this.lastMetered) {
      this.lastMetered = step;
      const { llc, entropy, fourier } = await this.meterRunner.runDue();
      if (entropy) {
        this.sink.onEntropy(entropy);
        watch?.entropy(entropy);
      }
      if (fourier) this.sink.onFourier?.(fourier, this.meterRunner.lastEmbedding!);
      if (llc) this.sink.onLlc(llc);
      if (this.diverged()) return;
    }
    await this.tracker.observe();
    if (this.sliceDue(step)) await this.sliceByCost();
  }

  /**
   * A slice now, evaluated where its cost says while training runs: a heavy one (or one of unknown
   * cost) on the meters' worker, a light one here.
   */
  async sliceByCost(): Promise<void> {
    const heavy = this.sliceMs === null || this.sliceMs >= HEAVY_SLICE_MS;
    await (this.sliceOffload && heavy ? this.sendSlice(this.sliceOffload) : this.slice());
  }

  /** The meters' worker is gone (LLC and slices share it): told once; both continue in place. */
  private offloadFailed(message: string): void {
    this.sliceOffload = null;
    if (this.offloadFailureTold) return;
    this.offloadFailureTold = true;
    this.sink.onMeterNotice?.(`The meters' own worker failed (${message}); LLC estimates and landscape slices now run between training steps.`);
  }

  private divergenceReported = false;

  /** True once training has diverged; tells the sink the first time. */
  private diverged(): boolean {
    const message = this.trainer.divergence;
    if (message && !this.divergenceReported) {
      this.divergenceReported = true;
      this.sink.onDivergence(message);
    }
    return message !== null;
  }

  /** Slices fall on multiples of `every`, so a run's slices are the same steps every time. */
  private nextSliceStep(): number {
    const { every } = this.landscape;
    return every > 0 ? (Math.floor(this.trainer.step / every) + 1) * every : Infinity;
  }

  private sliceDue(step: number): boolean {
    const { every } = this.landscape;
    if (every <= 0 || step % every !== 0 || step === this.lastSlice.step) return false;
    if (this.maxSliceShare >= 1) return true;
    const wait = (this.lastSlice.ms * (1 - this.maxSliceShare)) / this.maxSliceShare;
    return performance.now() - this.lastSlice.at >= wait;
  }

  /**
   * Plans a slice here (the trajectory lives here) and has its grid evaluated on the meters' worker:
   * the result arrives later, tagged with its step. Only the planning counts against the slice share.
   */
  private async sendSlice(offload: SliceOffload): Promise<void> {
    const seq = ++this.slicesPlanned;
    const job = await planSlice(this.trainer, this.tracker, this.landscape);
    this.lastSlice = { step: this.trainer.step, at: performance.now(), ms: typeof job === 'string' ? 0 : job.planMs };
    if (typeof job === 'string') return this.show(seq, job);
    offload.submitSlice(job).then(
      (slice) => {
        if (!slice || this.disposed) return;
        this.sliceMs = slice.ms;
        this.show(seq, slice);
      },
      (err: unknown) => {
        if (!this.disposed) this.offloadFailed(err instanceof Error ? err.message : String(err));
      },
    );
  }

  /** A slice at the current weights now, here, whatever the cadence (the user asked for one while paused). */
  async slice(): Promise<void> {
    if (this.trainer.divergence) return;
    const seq = ++this.slicesPlanned;
    this.sink.onSlice(null);
    const result = await computeSlice(this.trainer, this.tracker, this.landscape);
    this.lastSlice = { step: this.trainer.step, at: performance.now(), ms: typeof result === 'string' ? 0 : result.ms };
    if (typeof result !== 'string') this.sliceMs = result.ms;
    this.show(seq, result);
  }

  private show(seq: number, result: LandscapeSlice | string): void {
    if (seq < this.sliceShown) return;
    this.sliceShown = seq;
    this.sink.onSlice(result);
  }

  dispose(): void {
    this.disposed = true;
    this.meterRunner.dispose();
    this.trainer.dispose();
  }
}
