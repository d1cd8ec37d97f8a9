/**
 * Typed messages between the main thread and the training worker.
 * Commands go in; backend info, metric batches (transferable typed arrays) and status come out.
 */
import type { Moment } from '../core/moments';
import type { TaskGrid } from '../core/taskGrid';
import type { AblationResult, FourierRow, UnitWeights } from '../core/fourier';
import type { MemoryUse } from '../core/memory';
import type { RunConfig } from '../core/config';
import type { LinkBranch } from '../core/branchLink';
import type { HyperChange, MetricRow, RunEvents } from '../core/series';
import type { Throughput } from '../core/throughput';
import type { TrainerCheckpoint } from '../core/trainer';
import type { EntropyRow, LlcRow, MeterConfig } from '../core/meterConfig';
import type { LandscapeSettings, LandscapeSlice } from '../core/landscape/slice';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Each backend's name as the page says it. */
export const BACKEND_LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'plain JavaScript (CPU)' };
export type BackendRequest = BackendName | 'auto';

/**
 * The test build's failure injections (compiled out of production): destroy the WebGPU device, as
 * a driver reset would; throw an uncaught error in the worker, as a bug would.
 */
export type TestCommand = { type: 'test-lose-device' } | { type: 'test-crash' };

export type WorkerCommand =
  | {
      type: 'init';
      config: RunConfig;
      meters: MeterConfig;
      landscape: LandscapeSettings;
      backend: BackendRequest;
      /** Continue a run from this checkpoint (after the previous worker failed). */
      resume?: TrainerCheckpoint;
      /** A shared branch: train `config` to `branch.step`, then continue with `branch.config` (a fork). */
      branch?: Branch;
    }
  | { type: 'play' }
  /** slow: a few steps per frame, to watch the jump; fast: train flat out, charts refreshed less often. */
  | { type: 'speed'; speed: Speed }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset' }
  /**
   * Learning rate and weight decay apply at once; any other change starts a new run. `fresh` starts a
   * new run whatever changed (a preset or a lesson step chosen: the reader expects step 0).
   */
  | { type: 'configure'; config: RunConfig; fresh?: boolean }
  /** Meter cadences and estimator settings; apply from the next measurement. */
  | { type: 'meters'; meters: MeterConfig }
  /** Times training steps and forwards of `config` on this backend, on a separate trainer. */
  | { type: 'benchmark'; config: RunConfig; meters: MeterConfig; steps: number; forwards: number; sliceSize: number }
  /** Landscape plane, split, grid and cadence; computes a slice at once (also when paused). */
  | { type: 'landscape'; settings: LandscapeSettings }
  /** Accuracy with these frequencies projected out of the embeddings, for evaluation only (training is untouched). */
  | { type: 'ablate'; frequencies: number[] }
  /**
   * A branch: a new run continuing from the timeline's checkpoint at (or before) `step` with
   * `config`, whose weights must have the same shapes. The run it came from is the page's to keep.
   */
  | { type: 'fork'; step: number; config: RunConfig }
  /** Move the run to this backend from the current step (another was measured faster); `why` is shown. */
  | { type: 'use-backend'; backend: BackendName; why: string }
  /**
   * Pause on the row (or H̃ measurement) that reaches `moment`, once, in run `fromRun` or any run
   * started after it (a lesson asks before the run it starts exists); null clears it. A lesson's
   * pause, decided here rather than on the page, so it lands on the moment itself.
   */
  | { type: 'pause-at'; fromRun: number; moment: Moment | null; threshold: number };

/** Where a run branched off: the step, and the settings before it (as a link writes it). */
export type BranchPoint = LinkBranch;

/** A branch still to be made: at `step`, continue with `config`. */
export interface Branch {
  step: number;
  config: RunConfig;
}

export interface BackendInfo {
  name: BackendName;
  /** Adapter or renderer description, where the browser tells. */
  adapter: string | null;
  /** True when the WebGPU adapter or WebGL renderer is a software one (e.g. SwiftShader). */
  softwareAdapter: boolean;
  /** One line per backend tried before this one, with why it was skipped. */
  fallbacks: string[];
}

/** One backend timed on the page's network (steps per second; null: it could not run, `note` says why). */
export interface BackendSpeed {
  backend: BackendName;
  stepsPerSec: number | null;
  /** Only a slow first step was timed: the real rate is at least `stepsPerSec`. */
  lowerBound?: boolean;
  note: string;
}

export type RunState = 'paused' | 'running' | 'finished' | 'diverged';

export const SPEEDS = ['slow', 'normal', 'fast'] as const;
export type Speed = (typeof SPEEDS)[number];

/** Metric columns, one Float64Array per key of MetricRow. */
export type MetricColumns = { [K in keyof MetricRow]: Float64Array };

export type WorkerEvent =
  | { type: 'backend'; info: BackendInfo }
  /** `resumedFrom`: the step the run continues from, history kept up to it; `branch` when that is a fork. */
  | { type: 'run-started'; runId: number; config: RunConfig; trainSize: number; testSize: number; resumedFrom: number | null; branch: BranchPoint | null }
  /**
   * The steps the timeline holds checkpoints at (Scrub, Fork) and the memory they take, after one
   * was kept at `step`, with the task grid as the network answered it there.
   */
  | { type: 'timeline'; runId: number; steps: number[]; bytes: number; step: number; grid: TaskGrid | null }
  /** The latest state a run can continue from, kept by the main thread in case the worker dies. */
  | { type: 'checkpoint'; runId: number; checkpoint: TrainerCheckpoint }
  /** `grid`: the task table as the latest evaluation answered it (one byte per cell; see core/taskGrid). */
  /** `embedding`: the first parameter as the latest Fourier view read it, when one was taken since the last batch. */
  | {
      type: 'metrics';
      runId: number;
      columns: MetricColumns;
      llc: LlcRow[];
      entropy: EntropyRow[];
      fourier: FourierRow[];
      embedding: UnitWeights | null;
      events: RunEvents;
      grid: TaskGrid | null;
    }
  | { type: 'hyper-change'; runId: number; change: HyperChange }
  | { type: 'ablation'; runId: number; result: AblationResult }
  | {
      type: 'status';
      runId: number;
      state: RunState;
      step: number;
      /** The step budget now: Play past it extends it, so the page must not keep its own copy. */
      budget: number;
      stepsPerSec: number;
      /** Wall time spent training this run so far (meters and slices included). */
      trainMs: number;
      message: string | null;
      /** Tensors alive and the WebAssembly heap, so the page (and its tests) can see a leak. */
      memory: MemoryUse;
      /** LLC estimates sent to the estimator's worker and not yet back. */
      llcPending: number;
      /** The estimator's worker's tensors and heap after its last estimate (null before one, or without that worker). */
      llcMemory: MemoryUse | null;
    }
  | { type: 'landscape'; runId: number; slice: LandscapeSlice }
  | { type: 'landscape-unavailable'; runId: number; plane: string; message: string }
  | { type: 'benchmark'; backend: BackendName; result: Throughput }
  | { type: 'error'; message: string };

export function rowsToColumns(rows: MetricRow[]): MetricColumns {
  const col = (k: keyof MetricRow) => Float64Array.from(rows, (r) => r[k]);
  return {
    step: col('step'),
    trainAcc: col('trainAcc'),
    testAcc: col('testAcc'),
    trainLoss: col('trainLoss'),
    testLoss: col('testLoss'),
    weightNorm: col('weightNorm'),
  };
}

export function columnBuffers(c: MetricColumns): ArrayBuffer[] {
  return Object.values(c).map((a) => a.buffer as ArrayBuffer);
}
