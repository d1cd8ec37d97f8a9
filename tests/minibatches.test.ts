import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Minibatches, readHostData } from '../src/core/metrics/minibatches';
import { createRng } from '../src/core/rng';

/** Rows i of a 10 × 2 matrix hold (i, 10 + i); a 1-D tensor holds i: each batch says which rows it took. */
async function setup() {
  const n = 10;
  const matrix = tf.tensor2d(Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? k / 2 : 10 + (k - 1) / 2)), [n, 2]);
  const vector = tf.tensor1d(Float32Array.from({ length: n }, (_, i) => i));
  // The centre's loss on row i is i², so a batch's centre loss says which rows it averaged.
  const centerRows = tf.tensor1d(Float32Array.from({ length: n }, (_, i) => i * i));
  const host = await readHostData([matrix, vector], centerRows);
  tf.dispose([matrix, vector, centerRows]);
  return host;
}

async function epochs(seed: number, count: number): Promise<number[][]> {
  const host = await setup();
  const batches = new Minibatches(host, 3, createRng(seed));
  const out: number[][] = [];
  for (let e = 0; e < count; e++) {
    const rows: number[] = [];
    for (let k = 0; k < 3; k++) {
      const { rows: [m, v], centerLoss } = batches.take();
      const [mv, vv] = [Array.from(await m.data()), Array.from(await v.data())];
      expect(m.shape).toEqual([3, 2]);
      // Both tensors take the same rows, and a row keeps its values together.
      expect(mv.filter((_, i) => i % 2 === 0)).toEqual(vv);
      expect(mv.filter((_, i) => i % 2 === 1)).toEqual(vv.map((i) => 10 + i));
      expect(centerLoss).toBeCloseTo(vv.reduce((a, i) => a + i * i, 0) / 3, 5);
      rows.push(...vv);
      tf.dispose([m, v]);
    }
    out.push(rows);
  }
  batches.dispose();
  return out;
}

describe('SGLD minibatches', () => {
  it('take each row at most once per epoch, in a fresh order each epoch, the same for the same seed, and leave no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const a = await epochs(1, 3);
    expect(tf.memory().numTensors).toBe(before);
    for (const rows of a) expect(new Set(rows).size).toBe(9);
    expect(a[0]).not.toEqual(a[1]);
    expect(await epochs(1, 3)).toEqual(a);
    expect(await epochs(2, 3)).not.toEqual(a);
  });
});
