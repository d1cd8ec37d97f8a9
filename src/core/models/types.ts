import type * as tf from '@tensorflow/tfjs';
import type { ModelKind } from '../config';

/**
 * A model maps one-hot inputs X = [e_a; e_b] (n × 2p) to logits (n × p).
 * The embedding lookup is written as a product with X because the wasm backend cannot
 * differentiate tf.gather (no UnsortedSegmentSum kernel); a matmul's gradient runs everywhere.
 */
export interface Model {
  readonly kind: ModelKind;
  /** Trainable parameters, in a fixed order (the optimizer and exports rely on it). */
  readonly params: tf.Variable[];
  logits(x: tf.Tensor2D): tf.Tensor2D;
  /** Penultimate-layer activations (n × width), the representation the meters look at. */
  hidden(x: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}
