/** Parses `train` flags into a validated RunConfig; flag names match the URL's query keys. */
import { parseRunConfig, type RunConfig } from '../core/config';
import { defaultMeters, type MeterConfig } from '../core/meters';
import { CHECK_MODELS, type CheckModel } from '../core/metrics/llcCheck';
import { PLANES } from '../core/landscape/planes';
import { DEFAULT_SLICE, SPLITS, type SliceRequest } from '../core/landscape/slice';
import { findPreset, PRESETS, DEFAULT_PRESET_ID } from '../core/presets';
import { NODE_BACKENDS, type NodeBackend } from './backend';

export class UsageError extends Error {}

const NUMERIC_FLAGS: Record<string, keyof RunConfig> = {
  lr: 'lr',
  wd: 'wd',
  'train-frac': 'trainFrac',
  seed: 'seed',
  p: 'p',
  width: 'width',
  steps: 'steps',
  'eval-every': 'evalEvery',
  warmup: 'warmupSteps',
};
const TEXT_FLAGS: Record<string, keyof RunConfig> = { task: 'task', model: 'model', loss: 'loss' };

export interface TrainArgs {
  config: RunConfig;
  meters: MeterConfig;
  backend: NodeBackend;
  out: string | null;
}

function parseFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

export interface LlcCheckArgs {
  model: CheckModel;
  d: number | undefined;
  n: number | undefined;
  seed: number | undefined;
  backend: NodeBackend;
}

export function parseLlcCheckArgs(argv: string[]): LlcCheckArgs {
  const flags = parseFlags(argv);
  const int = (name: string, min: number, max: number) => {
    const raw = flags.get(name);
    if (raw === undefined) return undefined;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return v;
  };
  for (const name of flags.keys())
    if (!['model', 'd', 'n', 'seed', 'backend'].includes(name)) throw new UsageError(`unknown flag --${name}`);
  const model = flags.get('model') ?? 'linear';
  if (!(CHECK_MODELS as readonly string[]).includes(model)) throw new UsageError(`--model must be one of ${CHECK_MODELS.join(', ')}, not "${model}"`);
  const backend = flags.get('backend') ?? 'wasm';
  if (!(NODE_BACKENDS as readonly string[]).includes(backend)) throw new UsageError(`--backend must be one of ${NODE_BACKENDS.join(', ')}, not "${backend}"`);
  if (model === 'singular' && flags.has('d')) throw new UsageError('--d applies to the linear model only (the singular model has 2 parameters)');
  return { model: model as CheckModel, d: int('d', 1, 200), n: int('n', 10, 1_000_000), seed: int('seed', 1, 2 ** 31 - 1), backend: backend as NodeBackend };
}

/** `landscape` takes the train flags plus the slice's; the slice flags are taken out first. */
export function parseLandscapeArgs(argv: string[]): { train: TrainArgs; slice: SliceRequest } {
  const flags = parseFlags(argv);
  const slice: SliceRequest = { ...DEFAULT_SLICE };
  const rest: string[] = [];
  for (const [name, value] of flags) {
    if (name === 'plane') {
      if (!(PLANES as readonly string[]).includes(value)) throw new UsageError(`--plane must be one of ${PLANES.join(', ')}, not "${value}"`);
      slice.plane = value as SliceRequest['plane'];
    } else if (name === 'split') {
      if (!(SPLITS as readonly string[]).includes(value)) throw new UsageError(`--split must be one of ${SPLITS.join(', ')}, not "${value}"`);
      slice.split = value as SliceRequest['split'];
    } else if (name === 'size') {
      const v = Number(value);
      if (!Number.isInteger(v) || v < 5 || v > 81) throw new UsageError(`--size must be a whole number from 5 to 81, not "${value}"`);
      slice.size = v;
    } else if (name === 'span') {
      const v = Number(value);
      if (!(v > 0 && v <= 100)) throw new UsageError(`--span must be a number in (0, 100], not "${value}"`);
      slice.span = v;
    } else rest.push(`--${name}`, value);
  }
  return { train: parseTrainArgs(rest), slice };
}

export function parseTrainArgs(argv: string[]): TrainArgs {
  const flags = parseFlags(argv);
  const presetId = flags.get('preset') ?? DEFAULT_PRESET_ID;
  const preset = findPreset(presetId);
  if (!preset) throw new UsageError(`unknown preset "${presetId}"; choose one of ${PRESETS.map((p) => p.id).join(', ')}`);
  const raw: Record<string, unknown> = { ...preset.config };
  const meterEvery: Partial<Pick<MeterConfig, 'llcEvery' | 'entropyEvery'>> = {};
  let backend: NodeBackend = 'wasm';
  let out: string | null = null;
  for (const [name, value] of flags) {
    if (name === 'preset') continue;
    if (name === 'out') out = value;
    else if (name === 'backend') {
      if (!(NODE_BACKENDS as readonly string[]).includes(value))
        throw new UsageError(`--backend must be one of ${NODE_BACKENDS.join(', ')}, not "${value}"`);
      backend = value as NodeBackend;
    } else if (name === 'llc-every' || name === 'entropy-every') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number ≥ 0 (0 turns the meter off), not "${value}"`);
      if (name === 'llc-every') meterEvery.llcEvery = n;
      else meterEvery.entropyEvery = n;
    } else if (name in NUMERIC_FLAGS) {
      const n = Number(value);
      if (value.trim() === '' || Number.isNaN(n)) throw new UsageError(`--${name} must be a number, not "${value}"`);
      raw[NUMERIC_FLAGS[name]] = n;
    } else if (name in TEXT_FLAGS) raw[TEXT_FLAGS[name]] = value;
    else throw new UsageError(`unknown flag --${name}`);
  }
  const parsed = parseRunConfig(raw);
  if (!parsed.ok) throw new UsageError(parsed.errors.join('; '));
  return { config: parsed.config, meters: { ...defaultMeters(parsed.config.model), ...meterEvery }, backend, out };
}
