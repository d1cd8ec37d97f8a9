/**
 * Command-line flags for the CLI. The run's and meters' flags come from the parameter table (the
 * same names as link keys); Node's util.parseArgs does the splitting. Every bad flag is a
 * UsageError with one line that names it.
 */
import { parseArgs } from 'node:util';
import { parseRunConfig, type RunConfig } from '../core/config';
import { defaultMeters, LlcSettingsSchema, MeterConfigSchema, type LlcSettings, type MeterConfig } from '../core/meters';
import { CHECK_MODELS } from '../core/metrics/llcCheck';
import { CHECK_SUITE, type CheckCase } from '../core/metrics/llcCheckSuite';
import { DEFAULT_SLICE, LandscapeSettingsSchema, PLANES, SPLITS, type SliceRequest } from '../core/landscape/slice';
import { kebab, METER_PARAMS, quote, readValue, RUN_PARAMS, type Param } from '../core/params';
import { findPreset, PRESETS, DEFAULT_PRESET_ID, SETTINGS_BASE_PRESET_ID, unnamedPresetId } from '../core/presets';
import { NODE_BACKENDS, type NodeBackend } from './backend';

export class UsageError extends Error {}

type Flags = Record<string, string | undefined>;

/** Splits `argv` into the named string flags; unknown flags and stray words are usage errors. */
function flags(argv: string[], names: readonly string[]): Flags {
  // `--wd -1` means the value -1 (refused later with a reason), not a flag named "-1".
  const args = argv.flatMap((a, i) => (/^-[\d.]/.test(a) && /^--[^=]+$/.test(argv[i - 1] ?? '') ? [] : /^--[^=]+$/.test(a) && /^-[\d.]/.test(argv[i + 1] ?? '') ? [`${a}=${argv[i + 1]}`] : [a]));
  try {
    const options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Flags;
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new UsageError(
      message
        .replace(/^Unknown option '(.*?)'.*/, 'unknown flag $1')
        .replace(/^Option '(--\S+) <value>' argument missing.*/, '$1 needs a value')
        .replace(/\. To specify.*$/, ''),
    );
  }
}

function choice<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not ${quote(value)}`);
  return value as T;
}

function wholeNumber(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${quote(raw)}`);
  return v;
}

function realNumber(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, not ${quote(raw)}`);
  return v;
}

/** The LLC estimator's settings as flags (--epsilon, --gamma, --n-beta, --chains, --draws, --burn-in, --batch-size). */
const LLC_FLAGS = (Object.keys(LlcSettingsSchema.shape) as (keyof LlcSettings)[]).map((key) => ({ key, name: kebab(key) }));

/** Estimator settings given as flags, checked against the same schema as the page's settings. */
function llcOverrides(values: Flags): Partial<LlcSettings> {
  const out: Partial<LlcSettings> = {};
  for (const { key, name } of LLC_FLAGS) {
    const raw = values[name];
    if (raw === undefined) continue;
    const checked = LlcSettingsSchema.shape[key].safeParse(raw.trim() === '' ? NaN : Number(raw));
    if (!checked.success) throw new UsageError(`--${name} ${quote(raw)}: ${checked.error.issues[0].message}`);
    (out as Record<string, unknown>)[key] = checked.data;
  }
  return out;
}

/** Help for `train`'s flags, from the parameter table. */
export function trainUsage(): string {
  const line = (p: Param) => `  --${p.name.padEnd(14)} ${p.help}`;
  return [
    `  --${'preset'.padEnd(14)} ${PRESETS.map((p) => p.id).join(' | ')} (default ${DEFAULT_PRESET_ID}, or ${SETTINGS_BASE_PRESET_ID} when run flags below are given); flags below override it`,
    ...RUN_PARAMS.map(line),
    ...METER_PARAMS.map(line),
    `  --${'epsilon'.padEnd(14)} LLC estimator settings (defaults: the live ones for the model and loss): ${LLC_FLAGS.map((f) => '--' + f.name).join(' ')}`,
    `  --${'backend'.padEnd(14)} ${NODE_BACKENDS.join(' | ')}`,
    `  --${'out'.padEnd(14)} file for the Run record (JSON; default: standard output)`,
  ].join('\n');
}

export interface TrainArgs {
  config: RunConfig;
  meters: MeterConfig;
  backend: NodeBackend;
  out: string | null;
}

export const TRAIN_FLAGS = ['preset', 'backend', 'out', ...RUN_PARAMS.map((p) => p.name), ...METER_PARAMS.map((p) => p.name), ...LLC_FLAGS.map((f) => f.name)];

function trainArgs(values: Flags): TrainArgs {
  const presetId = values.preset ?? unnamedPresetId(RUN_PARAMS.some((p) => values[p.name] !== undefined));
  const preset = findPreset(presetId);
  if (!preset) throw new UsageError(`unknown preset ${quote(presetId)}; choose one of ${PRESETS.map((p) => p.id).join(', ')}`);
  const raw: Record<string, unknown> = { ...preset.config };
  for (const p of RUN_PARAMS) {
    const value = values[p.name];
    if (value === undefined) continue;
    const read = readValue(p, value);
    if (p.kind === 'number' && Number.isNaN(read)) throw new UsageError(`--${p.name} must be a number, not ${quote(value)}`);
    raw[p.key] = read;
  }
  const parsed = parseRunConfig(raw);
  if (!parsed.ok) throw new UsageError(parsed.errors.join('; '));
  const meters: MeterConfig = { ...defaultMeters(parsed.config) };
  for (const p of METER_PARAMS) {
    const value = values[p.name];
    if (value === undefined) continue;
    const checked = MeterConfigSchema.shape[p.key].safeParse(readValue(p, value));
    if (!checked.success) throw new UsageError(`--${p.name} ${quote(value)}: ${checked.error.issues[0].message} (0 turns the meter off)`);
    meters[p.key] = checked.data;
  }
  meters.llc = { ...meters.llc, ...llcOverrides(values) };
  return { config: parsed.config, meters, backend: choice('backend', values.backend, NODE_BACKENDS, 'wasm'), out: values.out ?? null };
}

export function parseTrainArgs(argv: string[]): TrainArgs {
  return trainArgs(flags(argv, TRAIN_FLAGS));
}

/** `landscape` takes the train flags plus the slice's, checked by the landscape schema. */
export function parseLandscapeArgs(argv: string[]): { train: TrainArgs; slice: SliceRequest } {
  const values = flags(argv, [...TRAIN_FLAGS, 'plane', 'split', 'size', 'span']);
  const slice: SliceRequest = {
    plane: choice('plane', values.plane, PLANES, DEFAULT_SLICE.plane),
    split: choice('split', values.split, SPLITS, DEFAULT_SLICE.split),
    size: values.size === undefined ? DEFAULT_SLICE.size : Number(values.size),
    span: values.span === undefined ? DEFAULT_SLICE.span : Number(values.span),
  };
  const checked = LandscapeSettingsSchema.safeParse({ ...slice, every: 0 });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new UsageError(`--${String(issue.path[0])} ${quote(String(values[String(issue.path[0])]))}: ${issue.message}`);
  }
  return { train: trainArgs(values), slice };
}

export interface LlcCheckArgs {
  /** What to check: the whole suite, or the one model that --model or --d names. */
  cases: CheckCase[];
  /** One run's full JSON (--seed, or --model without --seeds) rather than a table over seeds. */
  single: boolean;
  seed: number | undefined;
  seeds: number[] | undefined;
  n: number | undefined;
  /** The inputs' standard deviation, when not the model's default. */
  xScale: number | undefined;
  backend: NodeBackend;
  /** Estimator settings that differ from the live defaults. */
  settings: Partial<LlcSettings>;
}

export function parseLlcCheckArgs(argv: string[]): LlcCheckArgs {
  const values = flags(argv, ['model', 'd', 'n', 'seed', 'seeds', 'x-scale', 'backend', ...LLC_FLAGS.map((f) => f.name)]);
  const model = choice('model', values.model, CHECK_MODELS, 'linear');
  if (model === 'singular' && values.d !== undefined) throw new UsageError('--d applies to the linear model only (the singular model has 2 parameters)');
  if (values.seed !== undefined && values.seeds !== undefined) throw new UsageError('give --seed (one run, as JSON) or --seeds (a table), not both');
  const named = values.model !== undefined || values.d !== undefined;
  return {
    cases: named ? [{ model, d: model === 'linear' ? (wholeNumber('d', values.d, 1, 200) ?? 4) : undefined }] : [...CHECK_SUITE],
    single: values.seed !== undefined || (named && values.seeds === undefined),
    n: wholeNumber('n', values.n, 10, 1_000_000),
    seed: wholeNumber('seed', values.seed, 1, 2 ** 31 - 1),
    seeds: values.seeds === undefined ? undefined : seedList(values.seeds),
    xScale: realNumber('x-scale', values['x-scale'], 1e-3, 1e3),
    backend: choice('backend', values.backend, NODE_BACKENDS, 'wasm'),
    settings: llcOverrides(values),
  };
}

/** One `--name value` (or `--name=value`) taken out of the argument list (null when absent), for commands that add a flag to train's. */
export function takeFlag(argv: string[], name: string): { value: string | null; rest: string[] } {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return { value: null, rest: argv };
  const inline = argv[i].includes('=');
  const raw = inline ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  if (raw === undefined) throw new UsageError(`--${name} needs a value`);
  return { value: raw, rest: argv.filter((_, j) => j !== i && !(j === i + 1 && !inline)) };
}

/** `--seeds 1,2,3` (default 1,2,3) taken out of the argument list; the rest are train flags. */
export function parseSeeds(argv: string[]): { seeds: number[]; rest: string[] } {
  const { value: raw, rest } = takeFlag(argv, 'seeds');
  return { seeds: raw === null ? [1, 2, 3] : seedList(raw), rest };
}

/** `--at 50,400` (whole step numbers; `fallback` when absent) taken out of the argument list. */
export function parseSteps(argv: string[], fallback: string): { steps: number[]; rest: string[] } {
  const { value, rest } = takeFlag(argv, 'at');
  const steps = (value ?? fallback).split(',').map(Number);
  if (value === '' || steps.some((s) => !Number.isInteger(s) || s < 0)) throw new UsageError(`--at must be whole step numbers separated by commas, not "${value}"`);
  return { steps, rest };
}

/** A `--seeds` value: whole numbers separated by commas. */
function seedList(raw: string): number[] {
  return raw.split(',').map((v) => wholeNumber('seeds', v, 1, 2 ** 31 - 1)!);
}
