/**
 * Models whose learning coefficient is known exactly, to validate the LLC estimator:
 * - linear regression with d parameters (regular): λ = d/2;
 * - y = (a² + b²)·x at the true parameter (0, 0) (singular: the Hessian vanishes): λ = 1/2,
 *   since K(w) ∝ |w|⁴ in 2 dimensions gives λ = 2/4.
 * Data are seeded; the centre is the exact minimiser of the training loss. The estimator runs at the
 * live defaults unless settings are given, so a check says how far the live meter can be trusted.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, normalArray } from '../rng';
import { LLC_LIMITS } from '../meterConfig';
import { DEFAULT_LLC_SETTINGS, estimateLlc, type LlcEstimate, type LlcProblem, type LlcSettings } from './llc';

export const CHECK_MODELS = ['linear', 'singular'] as const;
export type CheckModel = (typeof CHECK_MODELS)[number];

/**
 * Settings that resolve these small models at any input scale used here: full batch, a step small
 * against the temperature (ε·nβ ≈ 0.08 at n = 2,000), weak localization and long chains. The live
 * defaults trade that for speed and locality on the networks: γ = 100 against curvatures of a few
 * hundred, and 2 × 200 minibatch draws; `llc-check` without flags shows what that costs.
 */
export const REFERENCE_SETTINGS: LlcSettings = {
  epsilon: 3e-4,
  gamma: 1,
  nBeta: null,
  chains: 4,
  draws: 2000,
  burnIn: 300,
  batchSize: LLC_LIMITS.batchSize.max,
};

/**
 * The standard deviation of each check's inputs x. A localized estimator reads a basin's λ only
 * where the basin, at the chain's temperature, is stiffer than the pull back to w*: a direction of
 * curvature h counts about h / (h + γ) of its share, while the discrete step inflates it by about
 * 1 / (1 − εh/4). Linear regression at x ~ N(0, 1) has h = nβ = n / log n ≈ 263 per direction at
 * n = 2,000. The singular model's valley has no curvature at w*, only A·|w|⁴ with A = nβσ²/2: the
 * chains reach |w|² ≈ 1/√(πA), where its radial curvature is about 6.8·√A. σ = 8 puts that at
 * √(4γ/ε) = 632 for the live γ and ε, where the pull's cut and the step's inflation balance to first
 * order. There the live meter reads 0.40–0.58 for the true 0.5 (mean 0.48, seeds 1–6); at σ = 1 the
 * valley is much flatter than γ and it reads 0.07–0.14. So the check says: the live meter counts a
 * singular direction right when it is about as stiff as the basin's regular ones, and undercounts
 * one much flatter than γ / nβ.
 */
export const CHECK_X_SCALE: Readonly<Record<CheckModel, number>> = { linear: 1, singular: 8 };

export interface CheckResult {
  model: CheckModel;
  d: number;
  n: number;
  seed: number;
  /** The inputs' standard deviation. */
  xScale: number;
  theory: number;
  estimate: LlcEstimate;
  settings: LlcSettings;
}

/** Least squares by the normal equations (d is small): the centre must be the exact minimiser. */
function leastSquares(x: Float64Array, y: Float64Array, n: number, d: number): Float64Array {
  const a = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d + 1 }, (_, j) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += x[k * d + i] * (j < d ? x[k * d + j] : y[k]);
      return s;
    }),
  );
  for (let c = 0; c < d; c++) {
    let pivot = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let j = c; j <= d; j++) a[r][j] -= f * a[c][j];
    }
  }
  return Float64Array.from({ length: d }, (_, i) => a[i][d] / a[i][i]);
}

type Params = readonly tf.Tensor[];

/** A problem's per-row losses and their mean, from one formula. */
function withMean(rows: (params: Params, data: Params) => tf.Tensor): Pick<LlcProblem, 'loss' | 'rowLosses'> {
  return {
    rowLosses: (params, data) => tf.tidy(() => rows(params, data) as tf.Tensor1D),
    loss: (params, data) => tf.tidy(() => tf.mean(rows(params, data)) as tf.Scalar),
  };
}

function linearProblem(d: number, n: number, seed: number, xScale: number): { problem: LlcProblem; dispose: () => void } {
  const rng = createRng(seed);
  const x = Float64Array.from(normalArray(rng, n * d, xScale));
  const wTrue = normalArray(rng, d, 1);
  const y = Float64Array.from({ length: n }, (_, k) => {
    let s = rng.normal();
    for (let i = 0; i < d; i++) s += x[k * d + i] * wTrue[i];
    return s;
  });
  const X = tf.tensor2d(Float32Array.from(x), [n, d]);
  const Y = tf.tensor2d(Float32Array.from(y), [n, 1]);
  const center = [tf.tensor2d(Float32Array.from(leastSquares(x, y, n, d)), [d, 1])];
  return {
    problem: {
      center,
      n,
      data: [X, Y],
      // Negative log-likelihood per sample with unit noise, up to a constant: ½ (y − x·w)².
      ...withMean(([w], [xs, ys]) => tf.mul(tf.square(tf.sub(ys, tf.matMul(xs as tf.Tensor2D, w as tf.Tensor2D))), 0.5).reshape([-1])),
    },
    dispose: () => tf.dispose([X, Y, ...center]),
  };
}

function singularProblem(n: number, seed: number, xScale: number): { problem: LlcProblem; dispose: () => void } {
  const rng = createRng(seed);
  const X = tf.tensor1d(normalArray(rng, n, xScale));
  const center = [tf.zeros([2])];
  return {
    problem: {
      center,
      n,
      data: [X],
      // y = 0 (the truth at a = b = 0), prediction (a² + b²)·x: loss ½ mean(((a² + b²) x)²).
      ...withMean(([w], [xs]) => tf.mul(tf.square(tf.mul(xs, tf.sum(tf.square(w)))), 0.5)),
    },
    dispose: () => tf.dispose([X, ...center]),
  };
}

export async function runLlcCheck(
  model: CheckModel,
  options: { d?: number; n?: number; seed?: number; xScale?: number; settings?: Partial<LlcSettings> } = {},
): Promise<CheckResult> {
  const n = options.n ?? 2000;
  const d = model === 'linear' ? (options.d ?? 4) : 2;
  const seed = options.seed ?? 1;
  const settings = { ...DEFAULT_LLC_SETTINGS, ...options.settings };
  const xScale = options.xScale ?? CHECK_X_SCALE[model];
  const { problem, dispose } = model === 'linear' ? linearProblem(d, n, seed, xScale) : singularProblem(n, seed, xScale);
  try {
    const estimate = await estimateLlc(problem, settings, seed);
    return { model, d, n, seed, xScale, theory: model === 'linear' ? d / 2 : 0.5, estimate, settings };
  } finally {
    dispose();
  }
}
