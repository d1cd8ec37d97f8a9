import * as tf from '@tensorflow/tfjs';

/**
 * A trainable variable from an initial tensor. tf.variable keeps its own copy and leaves the
 * initial tensor alive; building it inside tidy releases that tensor.
 */
export function variableFrom(make: () => tf.Tensor, trainable = true): tf.Variable {
  return tf.tidy(() => tf.variable(make(), trainable));
}
