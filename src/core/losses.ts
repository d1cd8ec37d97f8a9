import * as tf from '@tensorflow/tfjs';

/**
 * log softmax, precise for confident rows. With s = x − max, log Σ exp(s) = log1p(r), r the sum over
 * the entries below the max (plus one per tie). The usual x − logSumExp(x) rounds max + log Σ… to
 * float32's spacing at the logits' size (2.4e-6 at 24), and log(1 + r) rounds r to 6e-8: once the
 * network has memorized, each row's loss is about that size, and the loss and the LLC read from it
 * were rounding noise. It costs about twice the usual form's time (0.8 vs 0.4 ms on 662 × 47, wasm).
 */
export function logProbabilities(logits: tf.Tensor, axis = 1): tf.Tensor {
  return tf.tidy(() => {
    const shifted = tf.sub(logits, tf.max(logits, axis, true));
    const below = tf.sum(tf.mul(tf.exp(shifted), tf.cast(tf.less(shifted, 0), 'float32')), axis, true);
    const ties = tf.sub(tf.sum(tf.cast(tf.equal(shifted, 0), 'float32'), axis, true), 1);
    return tf.sub(shifted, tf.log1p(tf.add(below, ties)));
  });
}

/** The usual log softmax: enough for a training step's gradient, whose wrong-class terms it keeps precise. */
const fastLogProbabilities = (logits: tf.Tensor): tf.Tensor => tf.tidy(() => tf.sub(logits, tf.logSumExp(logits, 1, true)));

/**
 * Mean softmax cross-entropy with a hand-written gradient, (softmax − y) / n:
 * one fused backward instead of differentiating logSumExp op by op.
 */
function crossEntropyWith(logProbsOf: (logits: tf.Tensor) => tf.Tensor): (logits: tf.Tensor, targets: tf.Tensor) => tf.Scalar {
  return tf.customGrad(((logits: tf.Tensor, targets: tf.Tensor, save: tf.GradSaveFunc) => {
    const n = logits.shape[0]!;
    // customGrad hands the backward only what is saved here; intermediates stay inside tidy.
    const logProbs = logProbsOf(logits);
    save([logProbs, targets]);
    const value = tf.tidy(() => tf.div(tf.neg(tf.sum(tf.mul(targets, logProbs))), n));
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [lp, y] = saved;
      return tf.tidy(() => [tf.mul(tf.div(tf.sub(tf.exp(lp), y), n), dy), tf.zerosLike(y)]);
    };
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (logits: tf.Tensor, targets: tf.Tensor) => tf.Scalar;
}

/** Cross-entropy as every reported loss and the LLC measure it: precise down to float32's smallest losses. */
export const crossEntropy = crossEntropyWith(logProbabilities);
/**
 * Cross-entropy for the training step, which reads only its gradient: the usual log softmax, twice as
 * fast. The presets were tuned with it; only the right class's term of a memorized row rounds.
 */
export const trainingCrossEntropy = crossEntropyWith(fastLogProbabilities);

/** Mean squared error over all entries, against targets already centred (one-hot − 1/p). */
export function meanSquaredError(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(tf.sub(logits, targets)));
}

export type LossKind = 'ce' | 'mse';
export type LossFn = (logits: tf.Tensor, targets: tf.Tensor) => tf.Scalar;

/** A run's loss as it is reported and measured: cross-entropy, or MSE on centred targets (Cullen et al.). */
export const lossFn = (kind: LossKind): LossFn => (kind === 'mse' ? meanSquaredError : crossEntropy);
/** The same loss for the training step's gradient. */
export const trainingLossFn = (kind: LossKind): LossFn => (kind === 'mse' ? meanSquaredError : trainingCrossEntropy);

/**
 * Each row's loss, whose mean is `lossFn`: the LLC sampler reads the centre's loss on the very rows
 * of each minibatch from these, so the batch-to-batch spread of the data cancels in its estimate.
 */
export function rowLosses(kind: LossKind, logits: tf.Tensor, targets: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() =>
    kind === 'mse'
      ? (tf.mean(tf.square(tf.sub(logits, targets)), 1) as tf.Tensor1D)
      : (tf.neg(tf.sum(tf.mul(targets, logProbabilities(logits)), 1)) as tf.Tensor1D),
  );
}
