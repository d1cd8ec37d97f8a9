/**
 * RunConfig: the one schema for a training run. The worker, the URL, the CLI, presets and the
 * Run record all go through `parseRunConfig`, so a value that is invalid anywhere is invalid everywhere.
 */
import { z } from 'zod';
import { isPrime } from './math';

export const TASKS = ['add', 'sub', 'mul', 'div'] as const;
export const MODELS = ['quadratic', 'mlp', 'transformer'] as const;
export const LOSSES = ['ce', 'mse'] as const;
export type Task = (typeof TASKS)[number];
export type ModelKind = (typeof MODELS)[number];

/** The transformer's attention heads (its width must divide by them) and d_mlp = 4 · d_model, as in Nanda et al. (128 → 512). */
export const TRANSFORMER_HEADS = 4;
export const MLP_RATIO = 4;

export const TASK_SYMBOL: Record<Task, string> = { add: '+', sub: '−', mul: '×', div: '÷' };

/**
 * Bounds of every numeric setting, shared by the schema, the sliders, the links, the CLI and its
 * help, so no place can offer or accept a value another refuses.
 */
export const LIMITS = {
  p: { min: 5, max: 211 },
  width: { min: 4, max: 2048 },
  trainFrac: { min: 0.05, max: 0.95 },
  lr: { min: 1e-5, max: 1 },
  wd: { min: 0, max: 10 },
  beta1: { min: 0, max: 0.9999 },
  beta2: { min: 0, max: 0.99999 },
  warmupSteps: { min: 0, max: 100_000 },
  seed: { min: 1, max: 2 ** 31 - 1 },
  steps: { min: 1, max: 10_000_000 },
  evalEvery: { min: 1, max: 10_000 },
  mixRepresentations: { min: 0, max: 0.5 },
  trainBatch: { min: 0, max: 100_000 },
  initScale: { min: 0.1, max: 20 },
  labelSmoothing: { min: 0, max: 0.5 },
} as const;

/**
 * Smallest non-zero magnitude a real setting may take. Below it a value is a typo or a probe, not
 * a choice (weight decay 1e-320 is a denormal that rounds to 0 in float32); it is refused with the
 * same notice as any other bad value.
 */
export const SMALLEST_NONZERO = 1e-9;

const int = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: `${name} must be at least ${min}` })
    .max(max, { error: `${name} must be at most ${max}` });

const real = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .refine(Number.isFinite, { error: `${name} must be finite` })
    .refine((v) => v >= min && v <= max, { error: `${name} must be between ${min} and ${max}` })
    .refine((v) => v === 0 || Math.abs(v) >= SMALLEST_NONZERO, { error: `${name} must be 0 or at least ${SMALLEST_NONZERO}` });

const limited = <K extends keyof typeof LIMITS>(kind: typeof int | typeof real, name: string, key: K) => kind(name, LIMITS[key].min, LIMITS[key].max);

/** The fields alone; RunConfigSchema adds the rules that tie fields together. */
export const RunConfigFields = z.object({
  task: z.enum(TASKS, { error: `task must be one of ${TASKS.join(', ')}` }),
  p: limited(int, 'p', 'p').refine(isPrime, { error: 'p must be a prime number' }),
  model: z.enum(MODELS, { error: `model must be one of ${MODELS.join(', ')}` }),
  width: limited(int, 'width', 'width'),
  trainFrac: limited(real, 'train fraction', 'trainFrac'),
  lr: limited(real, 'learning rate', 'lr'),
  wd: limited(real, 'weight decay', 'wd'),
  beta1: limited(real, 'beta1', 'beta1'),
  beta2: limited(real, 'beta2', 'beta2'),
  warmupSteps: limited(int, 'warm-up steps', 'warmupSteps'),
  loss: z.enum(LOSSES, { error: `loss must be one of ${LOSSES.join(', ')}` }),
  seed: limited(int, 'seed', 'seed'),
  steps: limited(int, 'steps', 'steps'),
  /** Metrics (accuracy, loss, norm) are measured every `evalEvery` steps (and every step before that). */
  evalEvery: limited(int, 'eval-every', 'evalEvery'),
  /**
   * Khanh et al.'s intervention against the spectral collapse, while training only: each sample's
   * penultimate representation z_i becomes (1 − α)·z_i + α·z_j with j another training sample, drawn
   * afresh every step (core/models/transformer.ts). 0 is off; absent in older records.
   */
  mixRepresentations: limited(real, 'mix-representations', 'mixRepresentations').default(0),
  /**
   * Training pairs per step: 0 (or the whole training set or more) is full batch; otherwise each
   * epoch takes the pairs in a fresh seeded order, this many per step (trainData.ts). Absent in
   * older records.
   */
  trainBatch: limited(int, 'train batch', 'trainBatch').default(0),
  /**
   * α: every initial weight is α times the usual N(0, 1/fan-in) draw (Liu et al.'s "Omnigrok" knob: a
   * larger start lengthens the wait before the jump). Absent in older records.
   */
  initScale: limited(real, 'init scale', 'initScale').default(1),
  /**
   * ε: cross-entropy targets become (1 − ε)·one-hot + ε/p, as PyTorch's label_smoothing. The loss
   * then has a finite optimum, so a memorized network stops growing its margins and the climb after
   * the wait is short (docs/science.md). Absent in older records.
   */
  labelSmoothing: limited(real, 'label smoothing', 'labelSmoothing').default(0),
});

export const RunConfigSchema = RunConfigFields.refine((c) => c.model !== 'transformer' || c.width % TRANSFORMER_HEADS === 0, {
  error: `width must be a multiple of ${TRANSFORMER_HEADS} for the transformer (${TRANSFORMER_HEADS} attention heads)`,
  path: ['width'],
}).refine((c) => c.mixRepresentations === 0 || c.model === 'transformer', {
  error: 'mix-representations applies to the transformer only (the intervention is defined on its residual stream)',
  path: ['mixRepresentations'],
}).refine((c) => c.labelSmoothing === 0 || c.loss === 'ce', {
  error: 'label smoothing applies to cross-entropy only (the MSE targets are centred one-hot vectors)',
  path: ['labelSmoothing'],
});

export type RunConfig = z.infer<typeof RunConfigSchema>;

/** The mix the page's switch turns on (any value up to the limit works from a link or the CLI). */
export const MIX_ALPHA = 0.3;

/** The hyperparameters that apply to a running trainer without restarting it. */
export type LiveHyper = Pick<RunConfig, 'lr' | 'wd'>;
export const LIVE_KEYS = ['lr', 'wd'] as const;

export type ParseResult = { ok: true; config: RunConfig } | { ok: false; errors: string[] };

/** Validates an unknown value as a RunConfig; errors are one readable sentence each. */
export function parseRunConfig(value: unknown): ParseResult {
  const result = RunConfigSchema.safeParse(value);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, errors: result.error.issues.map((i) => i.message) };
}

/** Throws with every reason in one line: for code paths where a bad config is a programming error. */
export function assertRunConfig(value: unknown): RunConfig {
  const parsed = parseRunConfig(value);
  if (!parsed.ok) throw new Error(`Invalid run config: ${parsed.errors.join('; ')}`);
  return parsed.config;
}

/** The settings that fix the weights' shapes: a branch may change any other. */
export const SHAPE_KEYS = ['model', 'p', 'width'] as const;

/** Why a run with settings `b` cannot continue from the weights of one with `a`; null when it can. */
export function branchRefusal(a: RunConfig, b: RunConfig): string | null {
  const changed = SHAPE_KEYS.filter((k) => a[k] !== b[k]);
  if (changed.length === 0) return null;
  return `A branch keeps the network, so it cannot change ${changed.join(', ')} (${changed.map((k) => `${a[k]} → ${b[k]}`).join(', ')}); start a new run for that.`;
}

/** Whether going from `a` to `b` needs a fresh run (new data, new model) rather than a live update. */
export function needsRestart(a: RunConfig, b: RunConfig): boolean {
  return (Object.keys(a) as (keyof RunConfig)[]).some(
    (k) => !(LIVE_KEYS as readonly string[]).includes(k) && k !== 'steps' && a[k] !== b[k],
  );
}
