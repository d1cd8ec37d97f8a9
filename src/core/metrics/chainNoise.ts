/**
 * How much of a chain's movement is noise: the standard error of the mean of a stretch of correlated
 * draws. The noise's memory (integrated autocorrelation time τ) is read from the whole chain after
 * removing its straight-line trend, with Geyer's initial positive sequence (sums of autocorrelation
 * pairs, stopped at the first non-positive pair, kept non-increasing), as MCMC diagnostics do.
 * Detrending matters both ways: a chain still climbing would otherwise look like slow noise and pass
 * as levelled off, and a levelled chain's slow wander is noise the thirds' means inherit.
 */

export const mean = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
};

/** The sample standard deviation (n − 1 in the denominator); 0 for fewer than two values. */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

function lineFit(values: ArrayLike<number>): { slope: number; sxx: number; residuals: Float64Array } {
  const n = values.length;
  const tMean = (n - 1) / 2;
  const vMean = mean(values);
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * (values[t] - vMean);
    sxx += (t - tMean) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, sxx, residuals: Float64Array.from({ length: n }, (_, t) => values[t] - vMean - slope * (t - tMean)) };
}

/** The draws less their least-squares line. */
export const detrend = (values: ArrayLike<number>): Float64Array => lineFit(values).residuals;

/** Integrated autocorrelation time (≥ 1) of draws with mean zero; 1 for white noise. */
export function autocorrelationTime(residuals: ArrayLike<number>): number {
  const n = residuals.length;
  const lagSum = (k: number) => {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += residuals[t] * residuals[t + k];
    return s / n;
  };
  const c0 = lagSum(0);
  if (!(c0 > 0)) return 1;
  let tau = -1;
  let previousPair = Infinity;
  for (let m = 0; 2 * m + 1 < n; m++) {
    const pair = Math.min(previousPair, (lagSum(2 * m) + lagSum(2 * m + 1)) / c0);
    if (!(pair > 0)) break;
    tau += 2 * pair;
    previousPair = pair;
  }
  return Math.max(1, tau);
}

/** The variance one draw contributes to a long mean: the residuals' variance times their memory τ. */
const longRunVariance = (residuals: Float64Array): number => mean(residuals.map((r) => r * r)) * autocorrelationTime(residuals);

/** A chain's noise as both level tests need it, from one line fit and one autocorrelation time. */
export interface LevelNoise {
  /** Standard error of the mean of `stretch` consecutive draws; Infinity for a stretch under 10 draws. */
  stretchError: number;
  /** The straight-line change from the first draw to the last, and its standard error. */
  trend: { change: number; error: number };
}

export function levelNoise(values: ArrayLike<number>, stretch: number): LevelNoise {
  const n = values.length;
  if (n < 10) return { stretchError: Infinity, trend: { change: 0, error: Infinity } };
  const { slope, sxx, residuals } = lineFit(values);
  const variance = longRunVariance(residuals);
  return {
    stretchError: stretch < 10 || n < stretch ? Infinity : Math.sqrt(variance / stretch),
    trend: { change: slope * (n - 1), error: Math.sqrt(variance / sxx) * (n - 1) },
  };
}

/**
 * Standard error of the mean of `length` consecutive draws of the chain `values`. Infinity for a
 * stretch under 10 draws: so short a stretch cannot show that a chain levelled off.
 */
export const stretchMeanError = (values: ArrayLike<number>, length: number): number => levelNoise(values, length).stretchError;

/**
 * The chain's straight-line change from its first draw to its last, and that change's standard error
 * under the chain's own (detrended, correlated) noise: a slope test uses every draw, so it sees a slow
 * climb that two thirds' means, each a third as long, can lose in the noise.
 */
export const trendChange = (values: ArrayLike<number>): { change: number; error: number } => levelNoise(values, values.length).trend;
