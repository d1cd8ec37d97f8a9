/**
 * The main thread's append-only copy of the live run, fed by worker messages.
 * React reads it through useSyncExternalStore; notifications are coalesced to one per animation frame.
 */
import type { TaskGrid } from '../core/taskGrid';
import type { AblationResult, FourierRow, UnitWeights } from '../core/fourier';
import type { RunConfig } from '../core/config';
import { METRIC_KEYS, type HyperChange, type MetricRow, type RunEvents } from '../core/series';
import type { BackendInfo, BackendSpeed, BranchPoint, RunState, WorkerEvent } from '../worker/protocol';
import type { EntropyRow, LlcRow, MeterConfig } from '../core/meterConfig';
import type { Leads } from '../core/leads';
import { makeRunRecord, type RunRecord } from '../core/run';
import type { TrainerCheckpoint } from '../core/trainer';
import type { LandscapeSlice } from '../core/landscape/slice';
import type { Phase } from '../core/phases';
import type { ChartMarker } from './charts/chartTypes';
import type { RunMoments } from './lessonFacts';
import { runMarkers } from './charts/markers';
import { ViewHistory, type MomentViews } from './viewHistory';
import { RunReadings } from './runReadings';
import { emptySeries, mergeByStep, rowAt, seriesRows, type Series } from './runSeries';

export type { Series } from './runSeries';

/** The worker's latest status message, as the page keeps it ('starting' until the first one; budget 0 until then). */
export type RunStatus = Omit<Extract<WorkerEvent, { type: 'status' }>, 'type' | 'runId' | 'state'> & { state: RunState | 'starting' };

export class RunStore {
  runId = 0;
  config: RunConfig | null = null;
  trainSize = 0;
  testSize = 0;
  series: Series = emptySeries();
  llc: LlcRow[] = [];
  /** The latest landscape slice, or why the chosen plane cannot be drawn yet. */
  slice: LandscapeSlice | null = null;
  sliceMessage: string | null = null;
  /** The task table as the latest evaluation answered it. */
  grid: TaskGrid | null = null;
  entropy: EntropyRow[] = [];
  /** The embeddings' Fourier spectrum and the progress measures over the run, every fourierEvery steps. */
  fourier: FourierRow[] = [];
  /** The weights behind the latest Fourier view: the page draws one unit's over the residues. */
  embedding: UnitWeights | null = null;
  /** The frequencies removed for evaluation, as last asked (clicks come faster than answers), and the answer. */
  ablated: number[] = [];
  ablation: AblationResult | null = null;
  events: RunEvents = { fitStep: null, grokStep: null };
  hyperChanges: HyperChange[] = [];
  backend: BackendInfo | null = null;
  /** Each backend timed on this page's network (null until measured, or when one was asked for by name). */
  measured: BackendSpeed[] | null = null;
  status: RunStatus = { state: 'starting', step: 0, budget: 0, stepsPerSec: 0, trainMs: 0, message: null, memory: { tensors: 0, wasmHeapBytes: null }, llcPending: 0, llcMemory: null };
  /** The latest state the worker can continue from, should it die. */
  lastCheckpoint: TrainerCheckpoint | null = null;
  /** Set when the worker itself failed: the page offers a restart from lastCheckpoint. */
  workerDown = false;
  /** A run drawn beside the live one (dashed): an imported file, or the run a branch left; `tag` names it in legends. */
  comparison: { record: RunRecord; name: string; tag: string } | null = null;
  /** Where this run branched off another, if it did. */
  branch: BranchPoint | null = null;
  /** The steps the worker holds checkpoints at (Scrub, Fork) and the memory they take. */
  timeline: { steps: number[]; bytes: number } = { steps: [], bytes: 0 };
  /** The checkpoint step the reader scrubbed to; null: the live end of the run. */
  cursor: number | null = null;
  /** The one-moment views (grid, slice, unit weights) over the run, for scrubbing. */
  history = new ViewHistory();
  errors: string[] = [];
  private version = 0;
  private listeners = new Set<() => void>();
  private frame: number | null = null;

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = () => this.version;

  private readonly readings = new RunReadings();

  private changed(): void {
    this.readings.changed();
    if (this.frame !== null) return;
    const schedule = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: () => void) => setTimeout(f, 16);
    this.frame = schedule(() => {
      this.frame = null;
      this.version += 1;
      this.listeners.forEach((fn) => fn());
    }) as number;
  }

  /** Applies one worker message; messages of an older run are dropped. */
  receive(event: WorkerEvent): void {
    switch (event.type) {
      case 'backend':
        this.backend = event.info;
        break;
      case 'run-started':
        this.runId = event.runId;
        this.config = event.config;
        this.trainSize = event.trainSize;
        this.testSize = event.testSize;
        this.cursor = null;
        if (event.resumedFrom !== null) {
          // The same run continues (new backend or worker), or a branch of it: the history up to that step is shared.
          this.truncateAfter(event.resumedFrom);
          if (event.branch) this.branch = event.branch;
          break;
        }
        this.branch = null;
        this.timeline = { steps: [], bytes: 0 };
        this.history = new ViewHistory();
        this.lastCheckpoint = null;
        this.series = emptySeries();
        this.llc = [];
        this.entropy = [];
        this.fourier = [];
        this.embedding = null;
        this.ablation = null;
        this.ablated = [];
        this.slice = null;
        this.sliceMessage = null;
        this.grid = null;
        this.events = { fitStep: null, grokStep: null };
        this.hyperChanges = [];
        break;
      case 'metrics':
        if (event.runId !== this.runId) return;
        for (const k of METRIC_KEYS) for (const v of event.columns[k]) this.series[k].push(v);
        // Estimates arrive out of step order (the estimator takes the newest snapshot first while training runs).
        if (event.llc.length) this.llc = mergeByStep(this.llc, event.llc);
        this.entropy.push(...event.entropy);
        this.fourier.push(...event.fourier);
        if (event.embedding) {
          this.embedding = event.embedding;
          this.history.addEmbedding(event.embedding);
        }
        this.events = event.events;
        if (event.grid) this.grid = event.grid;
        break;
      case 'timeline':
        if (event.runId !== this.runId) return;
        this.timeline = { steps: event.steps, bytes: event.bytes };
        if (event.grid) this.history.addGrid(event.step, event.grid);
        break;
      case 'ablation':
        if (event.runId !== this.runId) return;
        this.ablation = event.result;
        break;
      case 'checkpoint':
        if (event.runId !== this.runId) return;
        this.lastCheckpoint = event.checkpoint;
        return; // nothing on screen changes
      case 'landscape':
        if (event.runId !== this.runId) return;
        this.slice = event.slice;
        this.history.addSlice(event.slice);
        this.sliceMessage = null;
        break;
      case 'landscape-unavailable':
        if (event.runId !== this.runId) return;
        this.sliceMessage = event.message;
        break;
      case 'hyper-change':
        if (event.runId !== this.runId) return;
        this.hyperChanges = [...this.hyperChanges, event.change];
        break;
      case 'status':
        if (event.runId !== this.runId) return;
        {
          const { type: _type, runId: _runId, ...status } = event;
          this.status = status;
        }
        break;
      case 'error':
        this.errors = [...this.errors, event.message];
        break;
    }
    this.changed();
  }

  /** Rows measured after `step` are dropped: the run continues from there (and will measure it again). */
  private truncateAfter(step: number): void {
    const keep = this.series.step.findIndex((s) => s >= step);
    if (keep >= 0) for (const k of METRIC_KEYS) this.series[k].length = keep;
    this.readings.rowsReplaced();
    this.llc = this.llc.filter((r) => r.step < step);
    this.entropy = this.entropy.filter((r) => r.step < step);
    this.fourier = this.fourier.filter((r) => r.step < step);
    this.hyperChanges = this.hyperChanges.filter((c) => c.step <= step);
    this.timeline = { ...this.timeline, steps: this.timeline.steps.filter((s) => s <= step) };
    this.history.truncateAfter(step);
  }

  setMeasured(speeds: BackendSpeed[]): void {
    this.measured = speeds;
    this.changed();
  }

  /** Scrubs to a checkpoint step, or back to the live end (null). */
  setCursor(step: number | null): void {
    this.cursor = step;
    this.changed();
  }

  /** The rows recorded up to the cursor (all of them when live): what a reading "now" shows while scrubbed. */
  upToCursor<T extends { step: number }>(rows: T[]): T[] {
    const cursor = this.cursor;
    return cursor === null ? rows : rows.filter((r) => r.step <= cursor);
  }

  /** The grid, slice and Fourier view at the cursor's checkpoint, or the latest when live. */
  views(): MomentViews {
    if (this.cursor === null) return { grid: this.grid, gridStep: null, slice: this.slice, fourier: this.fourier.at(-1), embedding: this.embedding };
    return this.history.at(this.cursor, this.fourier);
  }

  /** Records what is asked at once; the worker's answer replaces `ablation` when it comes. None: restored. */
  requestAblation(frequencies: number[]): void {
    this.ablated = frequencies;
    if (frequencies.length === 0) this.ablation = null;
    this.changed();
  }

  setWorkerDown(message: string): void {
    this.workerDown = true;
    this.errors = [...this.errors, message];
    this.status = { ...this.status, state: 'paused', stepsPerSec: 0 };
    this.changed();
  }

  setComparison(comparison: RunStore['comparison']): void {
    this.comparison = comparison;
    this.changed();
  }

  /** Errors the page itself raises (a bad import), shown with the worker's. */
  reportError(message: string): void {
    this.errors = [...this.errors, message];
    this.changed();
  }

  /** Signed leads of each meter's signal over test accuracy's rise, 50%, 95% and 99%, for this run (cached per change). */
  leads(entropyThreshold: number): Leads | null {
    return this.readings.leads(this, entropyThreshold);
  }

  /** What a lesson needs of the live run: its step, events and leads (ui/lessonFacts.ts). */
  moments(entropyThreshold: number): RunMoments {
    return this.readings.moments(this, entropyThreshold);
  }

  /** The live run as a Run record: the same format the CLI writes. */
  toRecord(meters: MeterConfig): RunRecord | null {
    if (!this.config || !this.backend) return null;
    return makeRunRecord({
      config: this.config,
      backend: this.backend.name,
      metrics: seriesRows(this.series),
      events: this.events,
      hyperChanges: this.hyperChanges,
      wallMs: this.status.trainMs,
      divergence: this.status.state === 'diverged' ? this.status.message : null,
      meters,
      llc: this.llc,
      entropy: this.entropy,
      progress: this.fourier,
      branch: this.branch,
    });
  }

  dismissErrors(): void {
    this.errors = [];
    this.changed();
  }

  /** Fit, grok and hyperparameter-change markers, shared by every chart. */
  markers(): ChartMarker[] {
    // A branch's changes count from the settings its history started with: its parent's.
    const start = this.branch?.parent ?? this.config ?? { lr: NaN, wd: NaN };
    return runMarkers(this.events, this.hyperChanges, start);
  }

  /** Phases detected from the measured accuracies (scanned once per new batch of rows). */
  phases(): Phase[] {
    return this.readings.phases(this);
  }

  latest(): MetricRow | null {
    const n = this.series.step.length;
    return n === 0 ? null : rowAt(this.series, n - 1);
  }
}
