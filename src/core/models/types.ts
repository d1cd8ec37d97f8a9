import type * as tf from '@tensorflow/tfjs';
import type { ModelKind } from '../config';

/** A forward pass with any parameter values in the model's `params` order. */
export type Forward = (params: readonly tf.Tensor[], x: tf.Tensor2D) => tf.Tensor2D;

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
   * Logits (n × p) with any parameter values: the live weights for training, perturbed copies for
   * the LLC sampler and the loss landscape.
   */
  apply: Forward;
  /**
   * Penultimate-layer activations (n × d), the representation the spectral-entropy meter reads.
   * Separate from `apply` because a model may reach its logits without forming them.
   */
  represent: Forward;
  logits(x: tf.Tensor2D): tf.Tensor2D;
  hidden(x: tf.Tensor2D): tf.Tensor2D;
  /** Training logits with the representations mixed (config.mixRepresentations); only where the intervention is defined. */
  mixedLogits?: (x: tf.Tensor2D, mix: RepresentationMix) => tf.Tensor2D;
  dispose(): void;
}

/**
 * Khanh et al.'s intervention: z_i → (1 − alpha)·z_i + alpha·z_{(i + shift) mod n}. A shift of the
 * batch, not a gather: a gather's gradient needs UnsortedSegmentSum, which the wasm backend lacks,
 * and the training pairs are already in a seeded random order, so a fresh shift each step pairs each
 * sample with a different random partner.
 */
export interface RepresentationMix {
  shift: number;
  alpha: number;
}

export interface ModelPasses {
  logits: Forward;
  hidden: Forward;
  mixed?: (params: readonly tf.Tensor[], x: tf.Tensor2D, mix: RepresentationMix) => tf.Tensor2D;
}

/** Builds the Model object around its functional forward passes. */
export function modelFrom(kind: ModelKind, params: tf.Variable[], passes: ModelPasses): Model {
  return {
    kind,
    params,
    apply: passes.logits,
    represent: passes.hidden,
    logits: (x) => passes.logits(params, x),
    hidden: (x) => passes.hidden(params, x),
    mixedLogits: passes.mixed && ((x, mix) => passes.mixed!(params, x, mix)),
    dispose: () => params.forEach((p) => p.dispose()),
  };
}
