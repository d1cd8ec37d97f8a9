import { describe, expect, it } from 'vitest';
import { autocorrelationTime, detrend, stretchMeanError } from '../src/core/metrics/chainNoise';
import { createRng } from '../src/core/rng';
import { summarizeChecks } from '../src/node/llcNoiseReport';

/** AR(1) noise x_t = φ x_{t−1} + e_t: its integrated autocorrelation time is (1 + φ) / (1 − φ). */
function ar1(phi: number, n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  for (let t = 1; t < n; t++) x[t] = phi * x[t - 1] + rng.normal();
  return x;
}

describe('chain noise (standard error of correlated draws)', () => {
  it('reads τ ≈ 1 for white noise and ≈ (1 + φ)/(1 − φ) for AR(1) noise', () => {
    expect(autocorrelationTime(ar1(0, 20_000, 1))).toBeLessThan(1.2);
    const tau = autocorrelationTime(detrend(ar1(0.8, 20_000, 2)));
    expect(tau).toBeGreaterThan(9 * 0.85);
    expect(tau).toBeLessThan(9 * 1.15);
  });

  it('takes a straight-line trend out before measuring the noise, so a climbing chain does not pass as slow noise', () => {
    const noise = ar1(0, 300, 3);
    const climbing = noise.map((v, t) => v + 0.05 * t);
    expect(stretchMeanError(climbing, 100)).toBeCloseTo(stretchMeanError(noise, 100), 6);
    // Without the detrending, the trend would read as noise with a memory of the whole chain.
    expect(autocorrelationTime(climbing.map((v) => v - avg(climbing)))).toBeGreaterThan(20);
  });

  it('scales with the stretch length as 1/√length, and refuses stretches under 10 draws', () => {
    const x = ar1(0.5, 1000, 4);
    expect(stretchMeanError(x, 400)).toBeCloseTo(stretchMeanError(x, 100) / 2, 9);
    expect(stretchMeanError(x, 10)).toBeLessThan(Infinity);
    expect(stretchMeanError(x, 9)).toBe(Infinity);
  });
});

function avg(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}


describe('llc-noise: the convergence check against many chains', () => {
  it('reads a spread ratio of 1 when the errors are right, 2 when they are half the truth, and counts what the check flags', () => {
    const rng = createRng(3);
    const changes = Array.from({ length: 4000 }, () => rng.normal() * 2);
    const right = summarizeChecks(changes, changes.map(() => 2));
    expect(right.ratio).toBeCloseTo(1, 1);
    expect(Math.abs(right.systematic)).toBeLessThan(4);
    expect(right.flagged).toBeLessThan(0.001); // beyond 4.5 σ
    const half = summarizeChecks(changes, changes.map(() => 1));
    expect(half.ratio).toBeCloseTo(2, 1);
    // Beyond 3 × SLOW_WANDER = 4.5 claimed errors = 2.25 real σ: about 2.4% of normal draws.
    expect(half.flagged).toBeGreaterThan(0.015);
    expect(half.flagged).toBeLessThan(0.035);
    const drifting = summarizeChecks(changes.map((c) => c + 1), changes.map(() => 2));
    expect(drifting.systematic).toBeGreaterThan(20);
  });
});
