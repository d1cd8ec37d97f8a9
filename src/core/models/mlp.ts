/** A one-hidden-layer ReLU MLP on the concatenated one-hot input, for comparison. */
import * as tf from '@tensorflow/tfjs';
import { normalArray, type Rng } from '../rng';
import type { Model } from './types';
import { variableFrom } from './variable';

export function createMlp(p: number, width: number, rng: Rng): Model {
  // He-style scale for the ReLU layer (with one-hot inputs the fan-in that matters is 2), 1/√fan-in after it.
  const w1 = variableFrom(() => tf.tensor2d(normalArray(rng, 2 * p * width, 1), [2 * p, width]));
  const b1 = variableFrom(() => tf.zeros([width]));
  const w2 = variableFrom(() => tf.tensor2d(normalArray(rng, width * p, 1 / Math.sqrt(width)), [width, p]));
  const hidden = (x: tf.Tensor2D) => tf.relu(tf.add(tf.matMul(x, w1), b1)) as tf.Tensor2D;
  return {
    kind: 'mlp',
    params: [w1, b1, w2],
    hidden,
    logits: (x) => tf.matMul(hidden(x), w2),
    dispose: () => tf.dispose([w1, b1, w2]),
  };
}
