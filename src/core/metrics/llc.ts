/**
 * Local learning coefficient (LLC) by SGLD, the estimator of Lau et al. (2023) as in devinterp's
 * `estimate_learning_coeff` (docs/science.md, "LLC"). From the current weights w*, each chain runs
 *   w ← w + (ε/2)·( −nβ·∇L_m(w) − γ(w − w*) ) + N(0, ε)
 * and the estimate is λ̂ = nβ · ( mean over draws of L_m(w_t) − L_n(w*) ).
 * It is an estimate: it moves with ε, γ and nβ, so values compare only at fixed settings.
 * The live weights are never touched: chains run on copies.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../rng';
import type { LlcSettings } from '../meterConfig';

export { DEFAULT_LLC_SETTINGS, type LlcSettings } from '../meterConfig';

export interface LlcProblem {
  /** The weights w* the estimate is local to (not modified). */
  center: readonly tf.Tensor[];
  /** Number of training samples n. */
  n: number;
  /** Mean loss over the given rows of the training data (all rows when null), at `params`. */
  loss(params: readonly tf.Tensor[], rows: tf.Tensor1D | null): tf.Scalar;
}

export interface LlcEstimate {
  /** Mean of the per-chain estimates. */
  llc: number;
  /** Standard error of the mean across chains (0 with one chain). */
  stdErr: number;
  perChain: number[];
  /** L_n(w*), the full training loss at the centre. */
  centerLoss: number;
  nBeta: number;
  /** Plain-language problems: diverged chains, a negative estimate. */
  warnings: string[];
}

export function resolveNBeta(settings: LlcSettings, n: number): number {
  return settings.nBeta ?? n / Math.log(n);
}

async function runChain(
  problem: LlcProblem,
  s: LlcSettings,
  nBeta: number,
  seed: number,
): Promise<{ meanLoss: number; finite: boolean }> {
  const rng = createRng(seed);
  const full = s.batchSize >= problem.n;
  const noiseStd = Math.sqrt(s.epsilon);
  let w = problem.center.map((c) => tf.clone(c));
  const kept: tf.Scalar[] = [];
  let rowsTensor: tf.Tensor1D | null = null;
  const lossAndGrads = tf.valueAndGrads((...ps: tf.Tensor[]) => problem.loss(ps, rowsTensor));
  try {
    for (let t = 0; t < s.burnIn + s.draws; t++) {
      rowsTensor = full ? null : tf.tensor1d(Int32Array.from({ length: s.batchSize }, () => rng.int(problem.n)), 'int32');
      const { value, grads } = lossAndGrads(w);
      const next = tf.tidy(() =>
        w.map((wi, i) => {
          const drift = tf.add(tf.mul(grads[i], -nBeta), tf.mul(tf.sub(wi, problem.center[i]), -s.gamma));
          // tfjs treats seed 0 as "no seed": offset keeps every draw seeded and reproducible.
          const noise = tf.randomNormal(wi.shape, 0, noiseStd, 'float32', rng.int(2 ** 30) + 1);
          return tf.add(tf.add(wi, tf.mul(drift, s.epsilon / 2)), noise);
        }),
      );
      tf.dispose([...w, ...grads]);
      rowsTensor?.dispose();
      w = next;
      if (t >= s.burnIn) kept.push(value);
      else value.dispose();
    }
    const stacked = tf.stack(kept);
    const values = await stacked.data();
    stacked.dispose();
    let sum = 0;
    let finite = true;
    for (const v of values) {
      if (!Number.isFinite(v)) finite = false;
      sum += v;
    }
    return { meanLoss: sum / values.length, finite };
  } finally {
    tf.dispose([...w, ...kept]);
  }
}

export async function estimateLlc(problem: LlcProblem, settings: LlcSettings, seed: number): Promise<LlcEstimate> {
  const nBeta = resolveNBeta(settings, problem.n);
  const centerLossT = tf.tidy(() => problem.loss(problem.center, null));
  const centerLoss = (await centerLossT.data())[0];
  centerLossT.dispose();
  const perChain: number[] = [];
  const warnings: string[] = [];
  for (let c = 0; c < settings.chains; c++) {
    const { meanLoss, finite } = await runChain(problem, settings, nBeta, seed * 1000 + c + 1);
    if (!finite) {
      warnings.push(`chain ${c + 1} diverged (its loss became NaN/Inf): lower the step size ε`);
      continue;
    }
    perChain.push(nBeta * (meanLoss - centerLoss));
  }
  const k = perChain.length;
  const llc = k > 0 ? perChain.reduce((a, b) => a + b, 0) / k : NaN;
  const stdErr = k > 1 ? Math.sqrt(perChain.reduce((a, v) => a + (v - llc) ** 2, 0) / (k - 1) / k) : 0;
  if (k > 0 && llc < 0)
    warnings.push('the estimate is negative: the sampler found lower loss nearby, so w* is not a local minimum at these settings');
  return { llc, stdErr, perChain, centerLoss, nBeta, warnings };
}
