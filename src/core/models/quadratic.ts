/**
 * The quadratic network of Gromov (2023) and Cullen et al. (2026):
 * h = W_a[a] + W_b[b], logits = V (h ⊙ h), no biases.
 */
import * as tf from '@tensorflow/tfjs';
import { dense, embed } from '../ops';
import { normalArray, type Rng } from '../rng';
import { modelFrom, type Model } from './types';
import { variableFrom } from './variable';

export function createQuadratic(p: number, width: number, rng: Rng): Model {
  // N(0, 1/fan-in) for both layers, as in the measurements in docs/science.md ("The quadratic network").
  const w = variableFrom(() => tf.tensor2d(normalArray(rng, 2 * p * width, 1 / Math.sqrt(2 * p)), [2 * p, width]));
  // Stored as V^T (width × p) so the forward pass is a plain matmul.
  const vT = variableFrom(() => tf.tensor2d(normalArray(rng, width * p, 1 / Math.sqrt(width)), [width, p]));
  const hidden = ([W]: readonly tf.Tensor[], x: tf.Tensor2D) => tf.square(embed(x, W as tf.Tensor2D)) as tf.Tensor2D;
  return modelFrom('quadratic', [w, vT], {
    hidden,
    logits: (ps, x) => dense(hidden(ps, x), ps[1] as tf.Tensor2D),
  });
}
