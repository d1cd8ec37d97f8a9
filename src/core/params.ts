/**
 * The one parameter table: every RunConfig field and meter cadence a user can set, with the name it
 * has in links, CLI flags and embed attributes, its kind, bounds and help. Built from the schemas'
 * shapes, so a new field gets a link key and a flag (and needs a help line: the type says so).
 */
import { LIMITS, RunConfigFields, type RunConfig } from './config';
import { METER_EVERY, MeterConfigSchema, type MeterConfig } from './meterConfig';

export interface Param<K extends string = string> {
  /** The field in RunConfig or MeterConfig. */
  key: K;
  /** Its name outside the code: `?train-frac=0.3`, `--train-frac 0.3`, `train-frac="0.3"`. */
  name: string;
  kind: 'number' | 'text';
  /** Allowed values of a text setting. */
  choices?: readonly string[];
  help: string;
}

const RUN_HELP: Record<keyof RunConfig, string> = {
  task: 'the operation: a ∘ b mod p',
  p: 'the prime modulus',
  model: 'the network',
  width: 'hidden width (d_model for the transformer)',
  trainFrac: 'share of all p² pairs used for training',
  lr: 'AdamW learning rate',
  wd: 'AdamW (decoupled) weight decay',
  beta1: "AdamW's first-moment decay",
  beta2: "AdamW's second-moment decay",
  warmupSteps: 'steps of linear learning-rate warm-up',
  loss: 'cross-entropy (ce) or mean squared error on centred targets (mse)',
  seed: 'seed of the data split, initialisation and meters',
  steps: 'step budget',
  evalEvery: 'measure accuracy and loss every this many steps (every step before that)',
  mixRepresentations: 'mix each penultimate representation with another sample\'s by this share while training (Khanh et al.\'s intervention; 0: off; transformer only)',
  trainBatch: 'training pairs per step (0: all of them, full batch); a fresh seeded order each epoch',
  initScale: 'multiply every initial weight by this (1: the usual 1/√fan-in scale)',
  labelSmoothing: 'cross-entropy targets (1 − ε)·one-hot + ε/p with this ε (0: plain one-hot)',
};

type MeterCadence = 'llcEvery' | 'entropyEvery' | 'fourierEvery';
const METER_HELP: Pick<Record<keyof MeterConfig, string>, MeterCadence> = {
  llcEvery: 'estimate the LLC every this many steps (0: off)',
  entropyEvery: 'measure the spectral entropy every this many steps (0: off)',
  fourierEvery: 'take the Fourier view and the progress measures every this many steps (0: off)',
};

/** trainFrac → train-frac */
export const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function describe<K extends string>(key: K, schema: unknown, help: string, bounds?: { min: number; max: number }): Param<K> {
  const def = (schema as { def?: { type?: string; entries?: Record<string, string> } }).def;
  const choices = def?.type === 'enum' ? Object.values(def.entries ?? {}) : undefined;
  const show = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en-US') : String(v));
  const range = bounds ? ` (${show(bounds.min)}–${show(bounds.max)})` : '';
  return { key, name: kebab(key), kind: choices ? 'text' : 'number', choices, help: choices ? `${help}: ${choices.join(' | ')}` : help + range };
}

export const RUN_PARAMS: readonly Param<keyof RunConfig>[] = (Object.keys(RunConfigFields.shape) as (keyof RunConfig)[]).map((key) =>
  describe(key, RunConfigFields.shape[key], RUN_HELP[key], (LIMITS as Record<string, { min: number; max: number }>)[key]),
);

export const METER_PARAMS: readonly Param<MeterCadence>[] = (['llcEvery', 'entropyEvery', 'fourierEvery'] as const).map((key) =>
  describe(key, MeterConfigSchema.shape[key], METER_HELP[key], METER_EVERY),
);

/** A value as typed in a link or on a command line: text stays text, numbers are parsed (blank is not 0). */
export function readValue(param: Param, raw: string): string | number {
  return param.kind === 'text' ? raw : raw.trim() === '' ? NaN : Number(raw) + 0;
}

/** At most this many characters of a bad value are quoted back in a notice. */
export const QUOTE_MAX = 40;
export const quote = (raw: string) => JSON.stringify(raw.length > QUOTE_MAX ? `${raw.slice(0, QUOTE_MAX)}…` : raw);
