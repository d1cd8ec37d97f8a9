/** Parses `train` flags into a validated RunConfig; flag names match the URL's query keys. */
import { parseRunConfig, type RunConfig } from '../core/config';
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
  backend: NodeBackend;
  out: string | null;
}

export function parseTrainArgs(argv: string[]): TrainArgs {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  const presetId = flags.get('preset') ?? DEFAULT_PRESET_ID;
  const preset = findPreset(presetId);
  if (!preset) throw new UsageError(`unknown preset "${presetId}"; choose one of ${PRESETS.map((p) => p.id).join(', ')}`);
  const raw: Record<string, unknown> = { ...preset.config };
  let backend: NodeBackend = 'wasm';
  let out: string | null = null;
  for (const [name, value] of flags) {
    if (name === 'preset') continue;
    if (name === 'out') out = value;
    else if (name === 'backend') {
      if (!(NODE_BACKENDS as readonly string[]).includes(value))
        throw new UsageError(`--backend must be one of ${NODE_BACKENDS.join(', ')}, not "${value}"`);
      backend = value as NodeBackend;
    } else if (name in NUMERIC_FLAGS) {
      const n = Number(value);
      if (value.trim() === '' || Number.isNaN(n)) throw new UsageError(`--${name} must be a number, not "${value}"`);
      raw[NUMERIC_FLAGS[name]] = n;
    } else if (name in TEXT_FLAGS) raw[TEXT_FLAGS[name]] = value;
    else throw new UsageError(`unknown flag --${name}`);
  }
  const parsed = parseRunConfig(raw);
  if (!parsed.ok) throw new UsageError(parsed.errors.join('; '));
  return { config: parsed.config, backend, out };
}
