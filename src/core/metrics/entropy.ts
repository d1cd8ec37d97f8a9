/**
 * Normalized spectral entropy of a representation (Khanh et al. 2026; docs/science.md, "Spectral entropy"):
 * Σ = the covariance of z over a probe set, eigenvalues λ_k, p_k = λ_k / Σ λ_j,
 * H̃ = −Σ p_k log p_k / log d ∈ [0, 1]: 1 when variance is spread evenly, 0 when it is rank one.
 * tfjs has no eigen-decomposition; eigenvalues.ts computes the spectrum in float64.
 */
import * as tf from '@tensorflow/tfjs';
import { symmetricEigenvalues } from './eigenvalues';

export { symmetricEigenvalues };

/** H̃ from a spectrum; tiny negative eigenvalues from round-off count as zero. */
export function normalizedEntropy(eigenvalues: readonly number[]): number {
  const d = eigenvalues.length;
  if (d < 2) return 0;
  const clipped = eigenvalues.map((v) => Math.max(0, v));
  const total = clipped.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return NaN;
  let h = 0;
  for (const v of clipped) {
    const p = v / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return h / Math.log(d);
}

/**
 * Covariance E[(z − μ)(z − μ)ᵀ] of activations Z (n × d), computed on the backend and read back.
 * Centred, as a covariance is: otherwise a large mean activation (the quadratic network's h² is
 * all positive; a transformer's "=" position starts almost constant) shows up as one huge
 * eigenvalue and the entropy measures the mean, not how the representation spreads.
 */
export async function covariance(z: tf.Tensor2D): Promise<Float32Array> {
  const n = z.shape[0];
  const sigma = tf.tidy(() => {
    const centred = tf.sub(z, tf.mean(z, 0, true));
    // An explicit transpose: tfjs-wasm runs matMul with a transposed operand several times slower.
    return tf.div(tf.matMul(tf.transpose(centred), centred), n);
  });
  const values = (await sigma.data()) as Float32Array;
  sigma.dispose();
  return values;
}

export interface EntropyMeasurement {
  entropy: number;
  /** Largest eigenvalue's share of the total: 1 means rank one. */
  topShare: number;
}

/** Activations that overflowed float32: the measurement is impossible and training has diverged. */
export class NonFiniteActivations extends Error {}

export async function spectralEntropy(z: tf.Tensor2D): Promise<EntropyMeasurement> {
  const d = z.shape[1];
  const sigma = await covariance(z);
  if (!sigma.every(Number.isFinite)) throw new NonFiniteActivations('the hidden activations overflowed (their covariance is not finite)');
  const eig = symmetricEigenvalues(sigma, d);
  const positive = eig.map((v) => Math.max(0, v));
  const total = positive.reduce((a, b) => a + b, 0);
  return { entropy: normalizedEntropy(eig), topShare: total > 0 ? Math.max(...positive) / total : NaN };
}
