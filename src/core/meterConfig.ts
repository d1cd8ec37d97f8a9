/**
 * The science meters' settings, schedule and published constants, free of tfjs so the main
 * thread can use them. MeterRunner (meters.ts) does the measuring, in the worker.
 */
import { z } from 'zod';
import type { ModelKind } from './config';

// The LLC estimate's convergence check: metrics/llc.ts applies it, the page states it.

/** A chain counts as levelled off when its last third differs from its middle third by at most this much. */
export const MAX_DRIFT = 0.1;
/**
 * How much larger a level change's real spread is than one chain's own standard error says. 200
 * draws cannot show the slow wander the pull's relaxation (2/(εγ) steps, 20 at the live defaults)
 * leaves, so across independent chains at one centre the last-minus-middle change and the trend
 * spread 1.2–1.9× as far as their standard errors on `classic` and the transformer, 0.8–1.2× on the
 * MSE presets (`npm run cli -- llc-noise`). With three unwidened errors the check failed 13–23% of
 * `classic` estimates at centres where the chains did not drift on average.
 */
export const SLOW_WANDER = 1.5;
/** A change within this many (widened) standard errors of a chain's noise counts as levelled off. */
export const LEVEL_ERRORS = 3;
/** Chains agree when their estimates' standard deviation is at most this share of the mean. */
export const MAX_CHAIN_SPREAD = 0.25;
/** Beyond this mean distance (relative to ‖w*‖) the estimate is flagged as not local. */
export const MAX_DISTANCE = 0.5;

export interface LlcSettings {
  /** SGLD step size ε. */
  epsilon: number;
  /** Localization strength γ (pull back towards w*). */
  gamma: number;
  /** Inverse temperature nβ; null means the default n / log n. */
  nBeta: number | null;
  chains: number;
  /** Draws per chain kept for the mean, after burn-in. */
  draws: number;
  burnIn: number;
  /** SGLD minibatch size m; at least n means full batch. */
  batchSize: number;
}

/**
 * The live estimator, chosen by experiment on the classic run (the sweep is in docs/science.md):
 * with γ = 100 the chains level off within the 100 burn-in
 * steps (relaxation ≈ 2/(εγ) = 20 steps) and stay within about a quarter of ‖w*‖ of w*; at γ = 5
 * they wander as far as ‖w*‖ itself. The price of that localization: flat directions are held in
 * by γ rather than explored, so the value weighs sharpness (Σ nβh/(nβh + γ) over the Hessian's
 * eigenvalues h) rather than counting directions, and it is far below D/2. About 1 s per estimate
 * with wasm, on the estimator's own worker.
 */
export const DEFAULT_LLC_SETTINGS: LlcSettings = {
  epsilon: 0.001,
  gamma: 100,
  nBeta: null,
  chains: 2,
  draws: 200,
  burnIn: 100,
  batchSize: 128,
};

/** Khanh et al. (2026): H̃* = 0.609 (95% CI 0.595–0.624) on a one-layer transformer, mod 97. */
export const PAPER_ENTROPY_THRESHOLD = 0.609;
/** The 95% confidence interval of H̃* (Khanh et al. 2026). */
export const PAPER_ENTROPY_CI: readonly [number, number] = [0.595, 0.624];
/** Their mean lead of the crossing over the grok step (test accuracy 0.99), in steps. */
export const PAPER_LEAD_STEPS = 1020;

const positive = (name: string) => z.number({ error: `${name} must be a number` }).positive({ error: `${name} must be positive` });
const count = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: `${name} must be at least ${min}` })
    .max(max, { error: `${name} must be at most ${max.toLocaleString('en-US')}` });

/** Bounds of a meter cadence (steps between measurements; 0 turns the meter off). */
export const METER_EVERY = { min: 0, max: 1_000_000 } as const;

/** Bounds of the estimator's settings, shared by the schema and the settings panel. */
export const LLC_LIMITS = {
  epsilon: { min: 1e-7, max: 1 },
  gamma: { min: 0, max: 1e6 },
  nBeta: { min: 0, max: 1e9 },
  chains: { min: 1, max: 16 },
  draws: { min: 1, max: 10_000 },
  burnIn: { min: 0, max: 10_000 },
  batchSize: { min: 1, max: 1_000_000 },
} as const;

const L = LLC_LIMITS;
export const LlcSettingsSchema = z.object({
  epsilon: positive('ε').min(L.epsilon.min).max(L.epsilon.max),
  gamma: z.number().min(L.gamma.min).max(L.gamma.max),
  nBeta: positive('nβ').max(L.nBeta.max).nullable(),
  chains: count('chains', L.chains.min, L.chains.max),
  draws: count('draws', L.draws.min, L.draws.max),
  burnIn: count('burn-in', L.burnIn.min, L.burnIn.max),
  batchSize: count('batch size', L.batchSize.min, L.batchSize.max),
});

export const MeterConfigSchema = z.object({
  /** Steps between LLC estimates; 0 turns the meter off. */
  llcEvery: count('llc-every', METER_EVERY.min, METER_EVERY.max),
  /** Steps between entropy measurements; 0 turns the meter off. */
  entropyEvery: count('entropy-every', METER_EVERY.min, METER_EVERY.max),
  /** Steps between Fourier views with the progress measures; 0 turns them off. Absent in older records. */
  fourierEvery: count('fourier-every', METER_EVERY.min, METER_EVERY.max).default(100),
  llc: LlcSettingsSchema,
  /** Probe inputs for the entropy (a fixed, seeded sample of all pairs). */
  probeSize: count('probe size', 16, 100_000),
});

export type MeterConfig = z.infer<typeof MeterConfigSchema>;

export const DEFAULT_METERS: MeterConfig = {
  llcEvery: 250,
  entropyEvery: 25,
  // Each view takes a forward pass over all p² pairs (~6 ms on classic, wasm): every 100 steps costs
  // under 5% of training; more often would not.
  fourierEvery: 100,
  llc: { ...DEFAULT_LLC_SETTINGS },
  probeSize: 512,
};

/**
 * Per model and loss, where one setting cannot serve all:
 * - the transformer's basin is much sharper: at ε = 1e-3 its chains diverge once it has memorized
 *   (measured: p = 53, d = 64, step 400), while ε = 1e-4 (Cullen et al.'s value) stays stable. At
 *   γ = 100 its chains then relax over ~2/(εγ) = 200 steps, longer than the burn-in, and wander
 *   0.57–0.83 × ‖w*‖: 4 of 14 estimates converged (seed 1, steps 0–2,500). γ = 300 relaxes them in
 *   ~70 steps and keeps them within 0.36–0.52 × ‖w*‖: 14 of 14 converged, at the same cost;
 * - with MSE the weights stay small (‖w*‖ ≈ 10 on the mse preset), so γ = 100 lets chains wander
 *   0.5–1.1 × ‖w*‖; γ = 1000 with ε = 3e-4 keeps them within 0.13–0.34 × ‖w*‖, levelled off.
 */
export function defaultLlcSettings(config: { model: ModelKind; loss: 'ce' | 'mse' }): LlcSettings {
  if (config.model === 'transformer') return { ...DEFAULT_LLC_SETTINGS, epsilon: 1e-4, gamma: 300 };
  if (config.loss === 'mse') return { ...DEFAULT_LLC_SETTINGS, epsilon: 3e-4, gamma: 1000 };
  return { ...DEFAULT_LLC_SETTINGS };
}

export function defaultMeters(config: { model: ModelKind; loss: 'ce' | 'mse' }): MeterConfig {
  return { ...DEFAULT_METERS, llc: defaultLlcSettings(config) };
}

export interface LlcRow {
  step: number;
  llc: number;
  stdErr: number;
  /** Settings in force, so rows from different settings are never compared silently. */
  settings: LlcSettings;
  nBeta: number;
  /** Whether the chains had levelled off and agreed, and the numbers behind it (metrics/llc.ts). */
  converged: boolean;
  drift: number;
  trend: number;
  chainSpread: number;
  /** Mean distance of the draws from w*, relative to ‖w*‖. */
  distance: number;
  /** Each chain's loss over its draws (block-averaged), and L_n(w*) for reference. */
  trace: number[][];
  centerLoss: number;
  warnings: string[];
}

export interface EntropyRow {
  step: number;
  entropy: number;
  topShare: number;
}

/**
 * Steps at which a meter with cadence `every` runs: multiples of it, plus every/10, every/5 and
 * every/2 before the first, so the fast memorization phase is sampled on a log-step axis.
 */
export function isMeterStep(step: number, every: number): boolean {
  if (every <= 0) return false;
  if (step % every === 0) return true;
  return step < every && [every / 10, every / 5, every / 2].some((s) => Number.isInteger(s) && s === step);
}

export function nextMeterStep(after: number, every: number): number {
  if (every <= 0) return Infinity;
  for (let s = after + 1; s <= after + every; s++) if (isMeterStep(s, every)) return s;
  return Infinity;
}

export interface TheoryLlc {
  label: string;
  value: number;
}

export interface QuadraticTheory {
  /** Trainable parameters D = 3pK (W_a, W_b: p × K each; V: K × p). */
  params: number;
  /** No LLC exceeds D/2, the value of a regular model with D parameters. */
  ceiling: number;
  /** Closed forms that apply to this network and loss, each at most D/2. */
  values: TheoryLlc[];
  /** Why some or all closed forms are not shown. */
  omitted: string | null;
}

/**
 * Cullen et al. (2026) closed forms for the quadratic network (d = 2p inputs, K neurons), derived
 * for the MSE loss. At d = 2p the under-parameterized memorizing value K(d + p − 1)/2 and the
 * feature-learning value K(3p − 1)/2 coincide; the over-parameterized p·d(d + 1)/4 only applies
 * where it is below D/2. Nothing is offered for cross-entropy: the derivation does not cover it.
 */
export function quadraticTheoryLlc(p: number, k: number, loss: 'ce' | 'mse'): QuadraticTheory {
  const d = 2 * p;
  const params = 3 * p * k;
  const ceiling = params / 2;
  if (loss !== 'mse')
    return { params, ceiling, values: [], omitted: 'Cullen et al.’s closed forms are derived for MSE; this run uses cross-entropy, so none is shown.' };
  const candidates: TheoryLlc[] = [
    { label: 'memorizing and feature-learning basins (MSE), K(3p − 1)/2', value: (k * (3 * p - 1)) / 2 },
    { label: 'over-parameterized basin (MSE), p·d(d + 1)/4', value: (p * d * (d + 1)) / 4 },
  ];
  const values = candidates.filter((t) => t.value <= ceiling);
  const dropped = candidates.filter((t) => t.value > ceiling).map((t) => t.label.split(',')[0]);
  return { params, ceiling, values, omitted: dropped.length ? `Not shown: ${dropped.join(', ')}, which would exceed D/2 here.` : null };
}
