/**
 * Local learning coefficient (LLC) by SGLD, the estimator of Lau et al. (2023) as in devinterp's
 * `estimate_learning_coeff` (docs/science.md, "LLC"). From the current weights w*, each chain runs
 *   w ← w + (ε/2)·( −nβ·∇L_m(w) − γ(w − w*) ) + N(0, ε)
 * and the estimate is λ̂ = nβ · ( mean over draws of L_m(w_t) − L_n(w*) ).
 * It is an estimate: it moves with ε, γ and nβ, so values compare only at fixed settings.
 * The live weights are never touched: chains run on copies.
 */
import * as tf from '@tensorflow/tfjs';
import { l2Norm } from '../ops';
import { createRng } from '../rng';
import { Minibatches, readHostData, type HostData } from './minibatches';
import type { LlcSettings } from '../meterConfig';

export { DEFAULT_LLC_SETTINGS, type LlcSettings } from '../meterConfig';

export interface LlcProblem {
  /** The weights w* the estimate is local to (not modified). */
  center: readonly tf.Tensor[];
  /** Number of training samples n. */
  n: number;
  /** The training data `loss` reads: tensors with one row per sample along axis 0 (n rows each). */
  data: readonly tf.Tensor[];
  /** Mean loss at `params` over `data`, or over a minibatch: the same tensors, some of their rows. */
  loss(params: readonly tf.Tensor[], data: readonly tf.Tensor[]): tf.Scalar;
}

/**
 * Whether the chains had levelled off when the estimate was taken, and how far they wandered.
 * An estimate from chains still climbing measures how far they got, not the basin.
 */
export interface LlcDiagnostics {
  /** Largest relative change between a chain's estimate from the middle third and the last third of its draws. */
  drift: number;
  /** Spread of the per-chain estimates relative to their mean (0 with one chain). */
  chainSpread: number;
  /** Mean distance of the draws from w*, relative to ‖w*‖ (absolute when ‖w*‖ < 1): near 1, the chain is not local. */
  distance: number;
  /**
   * Every chain levelled off (its last third within MAX_DRIFT of its middle third, or within three
   * standard errors of its own noise) and the chains agree (chainSpread ≤ MAX_CHAIN_SPREAD).
   */
  converged: boolean;
}

/** A chain counts as levelled off when its last third differs from its middle third by at most this much. */
export const MAX_DRIFT = 0.1;
/** Chains agree when their estimates' standard deviation is at most this share of the mean. */
export const MAX_CHAIN_SPREAD = 0.25;
/** Beyond this mean distance (relative to ‖w*‖) the estimate is flagged as not local. */
export const MAX_DISTANCE = 0.5;

export interface LlcEstimate {
  /** Mean of the per-chain estimates. */
  llc: number;
  /** Standard error of the mean across chains (0 with one chain). */
  stdErr: number;
  perChain: number[];
  /** Each chain's loss L_m(w_t) over its draws after burn-in (block-averaged), to see whether it levelled off. */
  trace: number[][];
  /** L_n(w*), the full training loss at the centre. */
  centerLoss: number;
  nBeta: number;
  diagnostics: LlcDiagnostics;
  /** Plain-language problems: diverged chains, a negative estimate, chains not levelled off or not local. */
  warnings: string[];
}

export function resolveNBeta(settings: LlcSettings, n: number): number {
  return settings.nBeta ?? n / Math.log(n);
}

const mean = (a: Float32Array) => a.reduce((x, y) => x + y, 0) / a.length;

/** Draws per chain at which the distance from w* is measured (evenly spaced). */
const DISTANCE_SAMPLES = 25;

/** Points kept of each chain's loss trace (averaged in equal blocks), for the trace plot. */
export const TRACE_POINTS = 60;

function downsample(values: Float32Array, points: number): number[] {
  const n = Math.min(points, values.length);
  return Array.from({ length: n }, (_, i) => mean(values.subarray(Math.floor((i * values.length) / n), Math.floor(((i + 1) * values.length) / n))));
}

/**
 * Standard error of the mean of correlated draws by batch means: the draws split into 5 batches,
 * whose means are nearly independent when each batch is longer than the chain's memory. With
 * fewer than 10 draws there is no estimate (Infinity), and nothing short can pass as levelled off.
 */
function batchMeansError(draws: Float32Array): number {
  const b = 5;
  const size = Math.floor(draws.length / b);
  if (size < 2) return Infinity;
  const means = Float32Array.from({ length: b }, (_, i) => mean(draws.subarray(i * size, (i + 1) * size)));
  const m = mean(means);
  return Math.sqrt(means.reduce((acc, v) => acc + (v - m) ** 2, 0) / (b - 1) / b);
}

async function runChain(
  problem: LlcProblem,
  s: LlcSettings,
  nBeta: number,
  seed: number,
  /** The data on the host, when the chains take minibatches (null: full batch). */
  host: HostData | null,
): Promise<{ meanLoss: number; middle: number; last: number; driftNoise: number; distance: number; trace: number[]; finite: boolean }> {
  const rng = createRng(seed);
  const noiseStd = Math.sqrt(s.epsilon);
  let w = problem.center.map((c) => tf.clone(c));
  const kept: tf.Scalar[] = [];
  const distances: tf.Scalar[] = [];
  // The update w ← w + (ε/2)(−nβ∇L − γ(w − w*)) + N(0, ε), folded into
  // w ← (1 − εγ/2)·w + (εγ/2)·w* − (εnβ/2)·∇L + N(0, ε): fewer ops per step, the same arithmetic.
  const decay = 1 - (s.epsilon * s.gamma) / 2;
  const pull = problem.center.map((c) => tf.mul(c, (s.epsilon * s.gamma) / 2));
  const gradScale = (-s.epsilon * nBeta) / 2;
  // The distance from w* is a diagnostic: sampled on about DISTANCE_SAMPLES draws, not every one.
  const distanceEvery = Math.max(1, Math.floor(s.draws / DISTANCE_SAMPLES));
  const batches = host ? new Minibatches(host, s.batchSize, rng) : null;
  let batch = problem.data;
  const lossAndGrads = tf.valueAndGrads((...ps: tf.Tensor[]) => problem.loss(ps, batch));
  try {
    for (let t = 0; t < s.burnIn + s.draws; t++) {
      if (batches) batch = batches.take();
      const { value, grads } = lossAndGrads(w);
      const next = tf.tidy(() =>
        w.map((wi, i) => {
          // tfjs treats seed 0 as "no seed": offset keeps every draw seeded and reproducible.
          const noise = tf.randomNormal(wi.shape, 0, noiseStd, 'float32', rng.int(2 ** 30) + 1);
          return tf.add(tf.add(tf.add(tf.mul(wi, decay), pull[i]), tf.mul(grads[i], gradScale)), noise);
        }),
      );
      tf.dispose([...w, ...grads]);
      if (batches) tf.dispose([...batch]);
      w = next;
      if (t >= s.burnIn) {
        kept.push(value);
        if ((t - s.burnIn) % distanceEvery === 0) distances.push(tf.tidy(() => l2Norm(w.map((wi, i) => tf.sub(wi, problem.center[i])))));
      } else value.dispose();
    }
    const stacked = tf.tidy(() => tf.concat([tf.stack(kept), tf.stack(distances)]));
    const both = (await stacked.data()) as Float32Array;
    stacked.dispose();
    const values = both.subarray(0, kept.length);
    const third = Math.max(1, Math.floor(values.length / 3));
    const middle = values.subarray(third, 2 * third);
    const last = values.subarray(values.length - third);
    return {
      meanLoss: mean(values),
      middle: mean(middle),
      last: mean(last),
      driftNoise: Math.hypot(batchMeansError(middle), batchMeansError(last)),
      distance: mean(both.subarray(kept.length)),
      trace: downsample(values, TRACE_POINTS),
      finite: values.every(Number.isFinite),
    };
  } finally {
    tf.dispose([...w, ...kept, ...distances, ...pull]);
    batches?.dispose();
  }
}

export async function estimateLlc(problem: LlcProblem, settings: LlcSettings, seed: number): Promise<LlcEstimate> {
  const nBeta = resolveNBeta(settings, problem.n);
  const centerLossT = tf.tidy(() => problem.loss(problem.center, problem.data));
  const centerLoss = (await centerLossT.data())[0];
  centerLossT.dispose();
  const centerNormT = l2Norm(problem.center);
  const centerNorm = (await centerNormT.data())[0];
  centerNormT.dispose();
  const perChain: number[] = [];
  const trace: number[][] = [];
  const warnings: string[] = [];
  let drift = 0;
  let levelled = true;
  let distance = 0;
  const host = settings.batchSize < problem.n ? await readHostData(problem.data) : null;
  for (let c = 0; c < settings.chains; c++) {
    const chain = await runChain(problem, settings, nBeta, seed * 1000 + c + 1, host);
    if (!chain.finite) {
      warnings.push(`chain ${c + 1} diverged (its loss became NaN/Inf): lower the step size ε`);
      continue;
    }
    perChain.push(nBeta * (chain.meanLoss - centerLoss));
    trace.push(chain.trace);
    const mid = chain.middle - centerLoss;
    const end = chain.last - centerLoss;
    const change = Math.abs(end - mid);
    drift = Math.max(drift, change / Math.max(Math.abs(end), 1e-12));
    // Levelled off: the change is small, or no larger than the chain's own noise could make it.
    levelled &&= Number.isFinite(chain.driftNoise) && (change <= MAX_DRIFT * Math.abs(end) || change <= 3 * chain.driftNoise);
    // Relative to ‖w*‖, or in absolute terms for a centre at (or near) the origin.
    distance = Math.max(distance, chain.distance / Math.max(centerNorm, 1));
  }
  const k = perChain.length;
  const llc = k > 0 ? perChain.reduce((a, b) => a + b, 0) / k : NaN;
  const stdErr = k > 1 ? Math.sqrt(perChain.reduce((a, v) => a + (v - llc) ** 2, 0) / (k - 1) / k) : 0;
  if (k > 0 && llc < 0)
    warnings.push('the estimate is negative: the sampler found lower loss nearby, so w* is not a local minimum at these settings');
  const chainSpread = k > 1 ? (stdErr * Math.sqrt(k)) / Math.max(Math.abs(llc), 1e-12) : 0;
  const converged = k === settings.chains && levelled && chainSpread <= MAX_CHAIN_SPREAD;
  if (k > 0 && !levelled)
    warnings.push(`not converged: the chains' loss was still moving (${Math.round(100 * drift)}% between the last two thirds of the draws); use more draws`);
  if (k > 1 && chainSpread > MAX_CHAIN_SPREAD) warnings.push(`not converged: the chains disagree (spread ${Math.round(100 * chainSpread)}% of the estimate)`);
  if (distance > MAX_DISTANCE)
    warnings.push(`not local: the chains wandered ${distance.toFixed(2)}× ‖w*‖ from w*; raise γ`);
  return { llc, stdErr, perChain, trace, centerLoss, nBeta, diagnostics: { drift, chainSpread, distance, converged }, warnings };
}
