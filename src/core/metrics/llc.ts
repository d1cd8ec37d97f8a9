/**
 * Local learning coefficient (LLC) by SGLD, the estimator of Lau et al. (2023) as in devinterp's
 * `estimate_learning_coeff` (docs/science.md, "LLC"). From the current weights w*, each chain runs
 *   w ← w + (ε/2)·( −nβ·∇L_m(w) − γ(w − w*) ) + N(0, ε)
 * and the estimate is λ̂ = nβ · mean over draws of ( L_m(w_t) − L_m(w*) ), each draw's loss less the
 * centre's on the same minibatch m. Its expectation is devinterp's nβ·(E L_m(w_t) − L_n(w*)), but the
 * batch-to-batch spread of the data, which nβ multiplies (at n = 2,000 a one-in-a-hundred wobble of
 * the loss moves λ̂ by 2.6), cancels in each difference; the centre's per-row losses are computed once.
 * It is an estimate: it moves with ε, γ and nβ, so values compare only at fixed settings.
 * The live weights are never touched: chains run on copies.
 */
import * as tf from '@tensorflow/tfjs';
import { l2Norm } from '../ops';
import { createRng } from '../rng';
import { levelNoise, mean, sampleSd } from './chainNoise';
import { Minibatches, readHostData, type HostData } from './minibatches';
import { LEVEL_ERRORS, MAX_CHAIN_SPREAD, MAX_DISTANCE, MAX_DRIFT, SLOW_WANDER, type LlcSettings } from '../meterConfig';

export { LEVEL_ERRORS, MAX_CHAIN_SPREAD, MAX_DISTANCE, MAX_DRIFT, SLOW_WANDER };

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
  /** Each row's loss at `params` (their mean is `loss`). */
  rowLosses(params: readonly tf.Tensor[], data: readonly tf.Tensor[]): tf.Tensor1D;
}

/**
 * Whether the chains had levelled off when the estimate was taken, and how far they wandered.
 * An estimate from chains still climbing measures how far they got, not the basin.
 */
export interface LlcDiagnostics {
  /** Largest relative change between a chain's estimate from the middle third and the last third of its draws. */
  drift: number;
  /** The chains' mean change along a straight line through all their kept draws, relative to their level. */
  trend: number;
  /** Spread of the per-chain estimates relative to their mean (0 with one chain). */
  chainSpread: number;
  /** Mean distance of the draws from w*, relative to ‖w*‖ (absolute when ‖w*‖ < 1): near 1, the chain is not local. */
  distance: number;
  /**
   * Every chain levelled off (its last third within MAX_DRIFT of its middle third, or within three
   * standard errors of its own noise, widened by SLOW_WANDER), so did their mean (its trend across
   * the draws, by the same rule), and the chains agree (chainSpread ≤ MAX_CHAIN_SPREAD).
   */
  converged: boolean;
}

export interface ChainCheck {
  /** Last third's mean loss less the middle third's, and its standard error. */
  change: number;
  error: number;
  /** The straight-line change across the kept draws, and its standard error. */
  trendChange: number;
  trendError: number;
}

export interface LlcEstimate {
  /** Mean of the per-chain estimates. */
  llc: number;
  /** Standard error of the mean across chains (0 with one chain). */
  stdErr: number;
  perChain: number[];
  /**
   * Each chain's loss over its draws after burn-in (block-averaged), to see whether it levelled off:
   * L_n(w*) + L_m(w_t) − L_m(w*), the draw's loss with the minibatch's own spread taken out.
   */
  trace: number[][];
  /** L_n(w*), the full training loss at the centre. */
  centerLoss: number;
  nBeta: number;
  diagnostics: LlcDiagnostics;
  /** Each chain's two level tests as the chain measured them (before SLOW_WANDER): `llc-noise` checks them against many chains. */
  chainChecks: ChainCheck[];
  /** Plain-language problems: diverged chains, a negative estimate, chains not levelled off or not local. */
  warnings: string[];
}

export function resolveNBeta(settings: LlcSettings, n: number): number {
  return settings.nBeta ?? n / Math.log(n);
}


/** Draws per chain at which the distance from w* is measured (evenly spaced). */
const DISTANCE_SAMPLES = 25;

/** Points kept of each chain's loss trace (averaged in equal blocks), for the trace plot. */
export const TRACE_POINTS = 60;

function downsample(values: Float32Array, points: number): number[] {
  const n = Math.min(points, values.length);
  return Array.from({ length: n }, (_, i) => mean(values.subarray(Math.floor((i * values.length) / n), Math.floor(((i + 1) * values.length) / n))));
}

async function runChain(
  problem: LlcProblem,
  s: LlcSettings,
  nBeta: number,
  seed: number,
  /** The data on the host, when the chains take minibatches (null: full batch). */
  host: HostData | null,
  centerLoss: number,
): Promise<{ meanLoss: number; middle: number; last: number; driftNoise: number; trend: { change: number; error: number }; distance: number; trace: number[]; finite: boolean }> {
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
  // The centre's loss on each kept draw's minibatch, subtracted from the draw's loss once both are read.
  const baselines = new Float32Array(s.draws).fill(centerLoss);
  const lossAndGrads = tf.valueAndGrads((...ps: tf.Tensor[]) => problem.loss(ps, batch));
  try {
    for (let t = 0; t < s.burnIn + s.draws; t++) {
      let baseline = centerLoss;
      if (batches) ({ rows: batch, centerLoss: baseline } = batches.take());
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
        baselines[kept.length] = baseline;
        kept.push(value);
        if ((t - s.burnIn) % distanceEvery === 0) distances.push(tf.tidy(() => l2Norm(w.map((wi, i) => tf.sub(wi, problem.center[i])))));
      } else value.dispose();
    }
    const stacked = tf.tidy(() => tf.concat([tf.stack(kept), tf.stack(distances)]));
    const both = (await stacked.data()) as Float32Array;
    stacked.dispose();
    // Each draw's loss less the centre's on its batch, plus L_n(w*): the chain's loss level, without the batches' spread.
    const values = both.subarray(0, kept.length).map((v, i) => v - baselines[i] + centerLoss);
    const third = Math.max(1, Math.floor(values.length / 3));
    const middle = values.subarray(third, 2 * third);
    const last = values.subarray(values.length - third);
    const noise = levelNoise(values, third);
    return {
      meanLoss: mean(values),
      middle: mean(middle),
      last: mean(last),
      driftNoise: Math.SQRT2 * noise.stretchError,
      trend: noise.trend,
      distance: mean(both.subarray(kept.length)),
      trace: downsample(values, TRACE_POINTS),
      finite: values.every(Number.isFinite),
    };
  } finally {
    tf.dispose([...w, ...kept, ...distances, ...pull]);
    batches?.dispose();
  }
}

async function readCenterRows(problem: LlcProblem): Promise<HostData> {
  const rows = problem.rowLosses(problem.center, problem.data);
  try {
    return await readHostData(problem.data, rows);
  } finally {
    rows.dispose();
  }
}

/** A change of a chain's loss level counts as levelled off when under MAX_DRIFT of the level, or within LEVEL_ERRORS standard errors of noise widened by SLOW_WANDER. */
function isSmall(change: number, noise: number, level: number): boolean {
  return Number.isFinite(noise) && (change <= MAX_DRIFT * Math.abs(level) || change <= LEVEL_ERRORS * SLOW_WANDER * noise);
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
  const chainChecks: ChainCheck[] = [];
  const trace: number[][] = [];
  const warnings: string[] = [];
  let drift = 0;
  let levelled = true;
  const trends: { change: number; error: number }[] = [];
  const levels: number[] = [];
  let distance = 0;
  const host = settings.batchSize < problem.n ? await readCenterRows(problem) : null;
  for (let c = 0; c < settings.chains; c++) {
    const chain = await runChain(problem, settings, nBeta, seed * 1000 + c + 1, host, centerLoss);
    if (!chain.finite) {
      warnings.push(`chain ${c + 1} diverged (its loss became NaN/Inf): lower the step size ε`);
      continue;
    }
    perChain.push(nBeta * (chain.meanLoss - centerLoss));
    trace.push(chain.trace);
    const mid = chain.middle - centerLoss;
    const end = chain.last - centerLoss;
    chainChecks.push({ change: end - mid, error: chain.driftNoise, trendChange: chain.trend.change, trendError: chain.trend.error });
    const change = Math.abs(end - mid);
    drift = Math.max(drift, change / Math.max(Math.abs(end), 1e-12));
    levelled &&= isSmall(change, chain.driftNoise, end);
    trends.push(chain.trend);
    levels.push(end);
    // Relative to ‖w*‖, or in absolute terms for a centre at (or near) the origin.
    distance = Math.max(distance, chain.distance / Math.max(centerNorm, 1));
  }
  const k = perChain.length;
  // All chains start at w*: a climb not yet over shows in each, so their trends are averaged, and a
  // slow climb that one chain's noise hides stands out (the noise falls as 1/√chains, the climb does not).
  const pooledTrend = Math.abs(trends.reduce((a, t) => a + t.change, 0)) / Math.max(k, 1);
  const pooledNoise = Math.hypot(...trends.map((t) => t.error)) / Math.max(k, 1);
  const level = k > 0 ? mean(levels) : 0;
  const trend = k > 0 ? pooledTrend / Math.max(Math.abs(level), 1e-12) : 0;
  levelled &&= k === 0 || isSmall(pooledTrend, pooledNoise, level);
  const llc = k > 0 ? mean(perChain) : NaN;
  const spread = sampleSd(perChain);
  const stdErr = spread / Math.sqrt(Math.max(k, 1));
  if (k > 0 && llc < 0)
    warnings.push('the estimate is negative: the sampler found lower loss nearby, so w* is not a local minimum at these settings');
  const chainSpread = k > 1 ? spread / Math.max(Math.abs(llc), 1e-12) : 0;
  const converged = k === settings.chains && levelled && chainSpread <= MAX_CHAIN_SPREAD;
  if (k > 0 && !levelled)
    warnings.push(
      `not converged: the chains' loss was still moving (${Math.round(100 * drift)}% between the last two thirds of the draws, a trend of ${Math.round(100 * trend)}% across them); use more draws`,
    );
  if (k > 1 && chainSpread > MAX_CHAIN_SPREAD) warnings.push(`not converged: the chains disagree (spread ${Math.round(100 * chainSpread)}% of the estimate)`);
  if (distance > MAX_DISTANCE)
    warnings.push(`not local: the chains wandered ${distance.toFixed(2)}× ‖w*‖ from w*; raise γ`);
  return { llc, stdErr, perChain, trace, centerLoss, nBeta, diagnostics: { drift, trend, chainSpread, distance, converged }, chainChecks, warnings };
}
