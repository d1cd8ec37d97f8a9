import * as tf from '@tensorflow/tfjs';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { normalizedEntropy, spectralEntropy, symmetricEigenvalues } from '../src/core/metrics/entropy';
import { createRng, normalArray } from '../src/core/rng';

/** A random orthogonal matrix (Gram–Schmidt on Gaussian columns), row-major d × d. */
function orthogonal(d: number, seed: number): number[][] {
  const rng = createRng(seed);
  const q: number[][] = [];
  while (q.length < d) {
    let v = Array.from({ length: d }, () => rng.normal());
    for (const u of q) {
      const dot = u.reduce((s, ui, i) => s + ui * v[i], 0);
      v = v.map((vi, i) => vi - dot * u[i]);
    }
    const norm = Math.hypot(...v);
    q.push(v.map((vi) => vi / norm));
  }
  return q;
}

/** Q diag(λ) Qᵀ, row-major: a symmetric matrix with a known spectrum. */
function withSpectrum(lambdas: number[], seed: number): number[] {
  const d = lambdas.length;
  const q = orthogonal(d, seed);
  const out: number[] = [];
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) out.push(lambdas.reduce((s, l, k) => s + q[k][i] * l * q[k][j], 0));
  return out;
}

describe('symmetric eigen-solver', () => {
  it.each([
    [[5, 3, 1, 0.5]],
    [[10, 10, 1e-3, 2, 7, 0]],
    [Array.from({ length: 40 }, (_, i) => (i + 1) ** 2 / 100)],
  ])('recovers a known spectrum %#', (lambdas) => {
    const got = symmetricEigenvalues(withSpectrum(lambdas, 3), lambdas.length).sort((a, b) => a - b);
    const want = [...lambdas].sort((a, b) => a - b);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 8));
  });

  it.each([1, 2, 7, 96, 130])('agrees with ml-matrix\'s full decomposition on a random symmetric d × d matrix, d = %i', (d) => {
    let x = d;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const m = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) m[i * d + j] = m[j * d + i] = rand();
    const rows = Array.from({ length: d }, (_, i) => Array.from(m.subarray(i * d, (i + 1) * d)));
    const want = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.sort((a, b) => a - b);
    const got = symmetricEigenvalues(m, d).sort((a, b) => a - b);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 9));
  });

  it('handles a diagonal matrix and repeated eigenvalues', () => {
    expect(symmetricEigenvalues([3, 0, 0, 0, 1, 0, 0, 0, 3], 3).sort()).toEqual([1, 3, 3]);
  });
});

describe('normalized spectral entropy', () => {
  it('is 1 for an even spectrum and 0 for rank one', () => {
    expect(normalizedEntropy([2, 2, 2, 2])).toBeCloseTo(1, 12);
    expect(normalizedEntropy([3, 0, 0, 0])).toBe(0);
  });

  it('matches −Σ p log p / log d by hand', () => {
    // p = (1/2, 1/4, 1/4, 0): H = (½ ln 2 + ½ ln 4) = 1.5 ln 2, over ln 4 → 0.75.
    expect(normalizedEntropy([2, 1, 1, 0])).toBeCloseTo(0.75, 12);
  });

  it('treats round-off negatives as zero and a zero matrix as undefined', () => {
    expect(normalizedEntropy([1, -1e-12])).toBe(0);
    expect(Number.isNaN(normalizedEntropy([0, 0, 0]))).toBe(true);
  });

  it('of activations with a known covariance', async () => {
    // z = μ + u · diag(s) with standard normal u: Cov(z) ≈ diag(s²), whatever the mean μ.
    const rng = createRng(11);
    const n = 4000;
    const s = [3, 1, 1, 0.5];
    const u = normalArray(rng, n * s.length, 1).map((v, i) => 10 + v * s[i % s.length]);
    const z = tf.tensor2d(u, [n, s.length]);
    const { entropy, topShare } = await spectralEntropy(z);
    const expected = normalizedEntropy(s.map((x) => x * x));
    expect(entropy).toBeCloseTo(expected, 1);
    expect(topShare).toBeCloseTo(9 / 11.25, 1);
    z.dispose();
  });
});
