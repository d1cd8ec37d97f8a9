/**
 * Everything that belongs to one run in the worker: its RunLoop, its state and message, the
 * measurements not yet posted, the checkpoint to continue from and its speed. A new run replaces
 * the whole object, so nothing of the old run can leak into the new one.
 */
import { branchRefusal, type RunConfig } from '../core/config';
import type { LandscapeSettings, LandscapeSlice } from '../core/landscape/slice';
import type { EntropyRow, LlcRow, MeterConfig } from '../core/meters';
import { memoryUse } from '../core/memory';
import { MomentWatch, type MomentRequest } from '../core/moments';
import { taskGrid } from '../core/taskGrid';
import type { FourierRow, UnitWeights } from '../core/fourier';
import { RunLoop, type MetersOffload, type RunSink } from '../core/runLoop';
import { LogSpaced, nextCheckpointStep } from '../core/timeline';
import type { MetricRow, TrainerCheckpoint, TrainerState } from '../core/trainer';
import type { Pace } from './pacing';
import { columnBuffers, rowsToColumns, type BranchPoint, type RunState, type WorkerEvent } from './protocol';

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

/** How often (wall time while training) the worker snapshots a state to continue from. */
const CHECKPOINT_MS = 2000;

export class ActiveRun implements RunSink {
  state: RunState = 'paused';
  message: string | null = null;
  /** The last state training can continue from; refreshed on a timer while training. */
  checkpoint: TrainerCheckpoint | null;
  checkpointAt = performance.now();
  /** Wall time spent training this run (meters and slices included). */
  trainMs = 0;
  /** When the page last heard how the run stands (status and metrics go together on a timer). */
  lastStatusAt = 0;
  readonly loop: RunLoop;
  /** States to look back at and continue from (Scrub and Fork), log-spaced and capped. */
  readonly timeline = new LogSpaced<TrainerState>();
  private nextTimelineStep = 0;
  private rate = { steps: 0, since: performance.now(), value: 0 };
  private rows: MetricRow[] = [];
  private llc: LlcRow[] = [];
  private entropy: EntropyRow[] = [];
  private fourier: FourierRow[] = [];
  /** The weights behind the latest Fourier view, sent once with it (not kept in the record: the page draws one unit). */
  private embedding: UnitWeights | null = null;

  constructor(
    readonly id: number,
    public config: RunConfig,
    meters: MeterConfig,
    landscape: LandscapeSettings,
    private readonly post: Post,
    resume?: TrainerCheckpoint,
    private readonly metersOffload?: MetersOffload,
  ) {
    this.loop = new RunLoop(config, { meters, landscape, resume, llcOffload: metersOffload, sliceOffload: metersOffload }, this);
    this.checkpoint = resume ?? null;
  }

  onRows(rows: MetricRow[]): void {
    this.rows.push(...rows);
  }

  onDivergence(message: string): void {
    this.state = 'diverged';
    this.message = message;
  }

  onLlc(row: LlcRow): void {
    this.llc.push(row);
    // Estimates made off-thread can finish after training stopped: nothing else would post them.
    if (this.state !== 'running') {
      this.flush();
      this.postStatus();
    }
  }

  onMeterNotice(message: string): void {
    this.post({ type: 'error', message });
  }

  onEntropy(row: EntropyRow): void {
    this.entropy.push(row);
  }

  onFourier(row: FourierRow, embedding: Float32Array): void {
    this.fourier.push(row);
    this.embedding = { step: row.step, first: embedding };
  }

  onSlice(result: LandscapeSlice | string | null): void {
    if (result === null) return this.flush(); // the charts get the rows before a long slice
    if (typeof result === 'string') {
      this.post({ type: 'landscape-unavailable', runId: this.id, plane: this.loop.landscape.plane, message: result });
    } else {
      this.post({ type: 'landscape', runId: this.id, slice: result }, [result.loss.buffer as ArrayBuffer, result.accuracy.buffer as ArrayBuffer]);
    }
    // A slice from the meters' worker can land while paused: the status carries that worker's memory.
    if (this.state !== 'running') this.postStatus();
  }

  /** Read through a method: TypeScript cannot see that an await may change the state. */
  isDiverged(): boolean {
    return this.state === 'diverged';
  }

  async takeCheckpoint(): Promise<void> {
    if (this.isDiverged()) return;
    this.checkpoint = await this.loop.trainer.checkpoint();
    this.checkpointAt = performance.now();
    this.post({ type: 'checkpoint', runId: this.id, checkpoint: this.checkpoint });
  }

  /** Keeps a state on the timeline when one is due (or `force`d, for a branch point), and tells the page. */
  async recordTimeline(force = false): Promise<void> {
    const step = this.loop.step;
    if (this.isDiverged() || (!force && step < this.nextTimelineStep)) return;
    const state = await this.loop.trainer.state();
    this.timeline.add(state);
    this.nextTimelineStep = nextCheckpointStep(step);
    const entries = this.timeline.entries;
    const floats = state.params.reduce((n, p) => n + p.length, 0) * 3; // weights and both moments
    // A checkpoint follows an evaluation at its step (advance ends on one): the grid is that step's.
    const trainer = this.loop.trainer;
    const grid = trainer.lastCorrect ? taskGrid(trainer.dataset, trainer.lastCorrect) : null;
    const event = { type: 'timeline', runId: this.id, steps: entries.map((e) => e.step), bytes: entries.length * floats * 4, step, grid } as const;
    this.post(event, grid ? [grid.cells.buffer] : []);
  }

  /** A branch starts with the states of the run it came from, up to the branch point. */
  inheritTimeline(states: readonly TrainerState[]): void {
    for (const s of states) this.timeline.add(s);
    this.nextTimelineStep = nextCheckpointStep(this.loop.step);
  }

  /**
   * Where a branch of this run at (or before) `step` with settings `next` starts: the timeline's
   * checkpoint there and the checkpoints before it; or why it cannot.
   */
  async branchStart(step: number, next: RunConfig): Promise<{ resume: TrainerCheckpoint; inherited: TrainerState[]; point: BranchPoint } | string> {
    const state = this.timeline.atOrBefore(step);
    const refusal = branchRefusal(this.config, next);
    if (refusal || !state) return refusal ?? `No checkpoint at or before step ${step} to continue from.`;
    // The landscape's reference weights: init always, the fit's only if the branch point is past it.
    const live = await this.loop.trainer.checkpoint();
    return {
      resume: { ...state, init: live.init, fit: state.events.fitStep !== null ? live.fit : null },
      inherited: this.timeline.entries.filter((e) => e.step <= state.step),
      point: { step: state.step, parent: this.config },
    };
  }

  /**
   * The run's first measurement (its step 0, or the step it resumed at), with a state to continue
   * from at once (a device can be lost at any time), then running or paused.
   */
  async begin(keepRunning: boolean, resumed: boolean, sliceNow: boolean): Promise<void> {
    await this.loop.begin();
    await this.recordTimeline();
    if (!resumed) await this.takeCheckpoint();
    this.flush();
    if (!this.isDiverged() && sliceNow) await this.loop.slice();
    if (!this.isDiverged()) this.state = keepRunning ? 'running' : 'paused';
    this.startRate();
    this.postStatus();
  }

  /**
   * One chunk of training at this pace; with a lesson's `watch`, it pauses on the measurement that
   * reaches the moment and returns true. The page hears of the run on the pace's timer, or at once
   * when it stops running.
   */
  async trainChunk(pace: Pace, watch?: MomentWatch): Promise<boolean> {
    const started = performance.now();
    const reached = await this.loop.advance(Math.min(this.config.steps, this.loop.step + pace.maxSteps), pace.chunkMs, watch);
    this.trainMs += performance.now() - started;
    if (reached && this.state === 'running') {
      this.state = 'paused';
      await this.takeCheckpoint();
    }
    await this.recordTimeline();
    if (performance.now() - this.checkpointAt >= CHECKPOINT_MS) await this.takeCheckpoint();
    this.measureRate();
    if (this.state === 'running' && this.loop.step >= this.config.steps) {
      this.state = 'finished';
      this.message = `Reached the budget of ${this.config.steps.toLocaleString('en-US')} steps.`;
    }
    if (this.state !== 'running' || performance.now() - this.lastStatusAt >= pace.flushMs) {
      this.flush();
      this.postStatus();
    }
    return reached;
  }

  /** The watch for a lesson's moment, when it was asked for on this run or an earlier one. */
  watchFor(m: MomentRequest | null): MomentWatch | undefined {
    if (!m || this.id < m.fromRun) return undefined;
    return new MomentWatch(m.moment, { chance: 1 / this.config.p, threshold: m.threshold, fitStep: () => this.loop.trainer.events.fitStep });
  }

  startRate(): void {
    this.rate = { steps: this.loop.step, since: performance.now(), value: 0 };
  }

  measureRate(): void {
    const now = performance.now();
    const dt = now - this.rate.since;
    if (dt >= 500) this.rate = { steps: this.loop.step, since: now, value: ((this.loop.step - this.rate.steps) * 1000) / dt };
  }

  flush(): void {
    if (this.rows.length + this.llc.length + this.entropy.length + this.fourier.length === 0) return;
    const columns = rowsToColumns(this.rows);
    const { llc, entropy, fourier, embedding } = this;
    this.embedding = null;
    this.rows = [];
    this.llc = [];
    this.entropy = [];
    this.fourier = [];
    const trainer = this.loop.trainer;
    // Only with new measurements: the grid shows the latest evaluation, and meters-only flushes skip it.
    const grid = trainer.lastCorrect && columns.step.length > 0 ? taskGrid(trainer.dataset, trainer.lastCorrect) : null;
    this.post({ type: 'metrics', runId: this.id, columns, llc, entropy, fourier, embedding, events: { ...trainer.events }, grid }, [...columnBuffers(columns), ...(grid ? [grid.cells.buffer] : [])]);
  }

  /** Every change of state is posted through here, so the estimator hears of it too. */
  postStatus(): void {
    this.metersOffload?.setTraining?.(this.state === 'running');
    this.lastStatusAt = performance.now();
    this.post({
      type: 'status',
      runId: this.id,
      state: this.state,
      step: this.loop.step,
      budget: this.config.steps,
      stepsPerSec: this.state === 'running' ? this.rate.value : 0,
      trainMs: this.trainMs,
      message: this.message,
      memory: memoryUse(),
      llcPending: this.metersOffload?.pending?.() ?? 0,
      llcMemory: this.metersOffload?.memory?.() ?? null,
    });
  }

  dispose(): void {
    this.loop.dispose();
  }
}
