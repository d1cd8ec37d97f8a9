/** A one-hidden-layer ReLU MLP on the concatenated one-hot input, for comparison. */
import * as tf from '@tensorflow/tfjs';
import { dense, embed } from '../ops';
import { normalArray, type Rng } from '../rng';
import { modelFrom, type Model } from './types';
import { variableFrom } from './variable';

export function createMlp(p: number, width: number, rng: Rng): Model {
  // With one-hot inputs the fan-in that matters is 2, so the first layer starts at unit scale.
  const w1 = variableFrom(() => tf.tensor2d(normalArray(rng, 2 * p * width, 1), [2 * p, width]));
  const b1 = variableFrom(() => tf.zeros([width]));
  const w2 = variableFrom(() => tf.tensor2d(normalArray(rng, width * p, 1 / Math.sqrt(width)), [width, p]));
  const hidden = ([W1, B1]: readonly tf.Tensor[], x: tf.Tensor2D) => tf.relu(tf.add(embed(x, W1 as tf.Tensor2D), B1)) as tf.Tensor2D;
  return modelFrom('mlp', [w1, b1, w2], {
    hidden,
    logits: (ps, x) => dense(hidden(ps, x), ps[2] as tf.Tensor2D),
  });
}
