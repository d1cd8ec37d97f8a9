import * as tf from '@tensorflow/tfjs';

/**
 * Mean softmax cross-entropy with a hand-written gradient, (softmax − y) / n:
 * one fused backward instead of differentiating logSumExp op by op.
 */
export const crossEntropy = tf.customGrad(((logits: tf.Tensor, targets: tf.Tensor, save: tf.GradSaveFunc) => {
  const n = logits.shape[0]!;
  // customGrad hands the backward only what is saved here; intermediates stay inside tidy.
  const logProbs = tf.tidy(() => tf.sub(logits, tf.logSumExp(logits, 1, true)));
  save([logProbs, targets]);
  const value = tf.tidy(() => tf.div(tf.neg(tf.sum(tf.mul(targets, logProbs))), n));
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [lp, y] = saved;
    return tf.tidy(() => [tf.mul(tf.div(tf.sub(tf.exp(lp), y), n), dy), tf.zerosLike(y)]);
  };
  return { value, gradFunc };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (logits: tf.Tensor, targets: tf.Tensor) => tf.Scalar;

/** Mean squared error over all entries, against targets already centred (one-hot − 1/p). */
export function meanSquaredError(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(tf.sub(logits, targets)));
}

export type LossFn = (logits: tf.Tensor, targets: tf.Tensor) => tf.Scalar;

/** The training loss of a run: cross-entropy, or MSE on centred targets (Cullen et al.). */
export const lossFn = (kind: 'ce' | 'mse'): LossFn => (kind === 'mse' ? meanSquaredError : crossEntropy);
