/**
 * One LLC estimate as a self-contained job: the run's config, a snapshot of its weights w* and the
 * estimator's settings. The worker hands jobs to a meters worker of their own so training never
 * waits for the sampler; the CLI and the tests run them in place. Both give the same row.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from './config';
import type { MemoryUse } from './memory';
import { estimateLlc, type LlcEstimate } from './metrics/llc';
import type { LlcRow, LlcSettings } from './meterConfig';
import { llcProblem } from './probes';
import { Trainer } from './trainer';

export interface LlcJob {
  step: number;
  config: RunConfig;
  settings: LlcSettings;
  /** The weights w* the estimate is local to, in the model's parameter order. */
  params: Float32Array[];
}

/** Where LLC jobs can be sent to run elsewhere. Resolves with null when the job was dropped (a long queue thinned, or cleared). */
export interface LlcOffload {
  submit(job: LlcJob): Promise<LlcRow | null>;
  /** Drops every job not yet started (its run is gone). */
  clear(): void;
  /** Whether training is running now: an offload may hold back to leave it the CPU. */
  setTraining?(training: boolean): void;
  /** Estimates sent and not yet answered (waiting or under way). */
  pending?(): number;
  /** Where the estimates run: its tensors and heap after the last one (null before the first). */
  memory?(): MemoryUse | null;
}

/** Each estimate's own seed: reproducible, and different at every step. */
export const llcSeed = (config: RunConfig, step: number) => config.seed * 7919 + step;

export function toLlcRow(step: number, settings: LlcSettings, est: LlcEstimate): LlcRow {
  return {
    step,
    llc: est.llc,
    stdErr: est.stdErr,
    settings: { ...settings },
    nBeta: est.nBeta,
    ...est.diagnostics,
    trace: est.trace,
    centerLoss: est.centerLoss,
    warnings: est.warnings,
  };
}

/** The estimate at the trainer's own weights (read, never changed). */
export async function estimateAtTrainer(trainer: Trainer, settings: LlcSettings): Promise<LlcRow> {
  const est = await estimateLlc(llcProblem(trainer), settings, llcSeed(trainer.config, trainer.step));
  return toLlcRow(trainer.step, settings, est);
}

/**
 * Runs a job on a Trainer built for its config (its data split and model shapes; its own weights
 * are not used). Pass the same trainer again for jobs of the same run.
 */
export async function runLlcJob(job: LlcJob, trainer: Trainer): Promise<LlcRow> {
  const center = trainer.model.params.map((p, i) => tf.tensor(job.params[i], p.shape));
  try {
    const problem = { ...llcProblem(trainer), center };
    const est = await estimateLlc(problem, job.settings, llcSeed(job.config, job.step));
    return toLlcRow(job.step, job.settings, est);
  } finally {
    tf.dispose(center);
  }
}

/** What decides the data and the shapes: jobs whose configs agree here can share one Trainer. */
export function problemKey(config: RunConfig): string {
  const { task, p, model, width, trainFrac, loss, seed } = config;
  return JSON.stringify({ task, p, model, width, trainFrac, loss, seed });
}
