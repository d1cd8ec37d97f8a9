import type * as tf from '@tensorflow/tfjs';
import type { ModelKind } from '../config';

export interface ModelOutput {
  logits: tf.Tensor2D;
  /** Penultimate-layer activations (n × d), the representation the spectral-entropy meter reads. */
  hidden: tf.Tensor2D;
}

/**
 * A model maps one-hot inputs X = [e_a; e_b] (n × 2p) to logits (n × p).
 * The embedding lookup is written as a product with X because the wasm backend cannot
 * differentiate tf.gather (no UnsortedSegmentSum kernel); a matmul's gradient runs everywhere.
 */
export interface Model {
  readonly kind: ModelKind;
  /** Trainable parameters, in a fixed order (the optimizer, the meters and exports rely on it). */
  readonly params: tf.Variable[];
  /**
   * The forward pass with any parameter values in `params` order: the live weights for training,
   * perturbed copies for the LLC sampler and the loss landscape.
   */
  apply(params: readonly tf.Tensor[], x: tf.Tensor2D): ModelOutput;
  logits(x: tf.Tensor2D): tf.Tensor2D;
  hidden(x: tf.Tensor2D): tf.Tensor2D;
  /**
   * Logits (G × n × p) for G parameter sets at once: each parameter has a leading dimension G.
   * For evaluation only (the loss landscape's grid); no custom gradients.
   */
  applyBatch?(params: readonly tf.Tensor[], x: tf.Tensor2D): tf.Tensor3D;
  dispose(): void;
}

/** Builds the Model object around a functional forward pass. */
export function modelFrom(kind: ModelKind, params: tf.Variable[], apply: Model['apply'], applyBatch?: Model['applyBatch']): Model {
  return {
    kind,
    params,
    apply,
    applyBatch,
    logits: (x) => apply(params, x).logits,
    hidden: (x) => apply(params, x).hidden,
    dispose: () => params.forEach((p) => p.dispose()),
  };
}
