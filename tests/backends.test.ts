/**
 * Every kernel the models use must run on each Node backend and agree with the CPU backend.
 * WebGPU runs on SwiftShader through the `webgpu` package (docs/architecture.md, "Backends").
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '../src/core/config';
import { classicConfig } from './classic';
import { Trainer, type MetricRow } from '../src/core/trainer';
import { useNodeBackend, type NodeBackend } from '../src/node/backend';

const config = (model: RunConfig['model']): RunConfig => ({ ...classicConfig(), model, p: 7, width: 8, trainFrac: 0.5, evalEvery: 2 });

async function trainOn(backend: NodeBackend, model: RunConfig['model']): Promise<MetricRow> {
  await useNodeBackend(backend);
  const t = new Trainer(config(model));
  const rows = await t.advance(4);
  t.dispose();
  return rows.at(-1)!;
}

afterAll(() => tf.setBackend('cpu'));

describe.each(['quadratic', 'mlp', 'transformer'] as const)('%s model across backends', (model) => {
  it.each(['wasm', 'webgpu'] as const)('trains on %s and matches cpu', async (backend) => {
    const reference = await trainOn('cpu', model);
    const got = await trainOn(backend, model);
    expect(tf.getBackend()).toBe(backend);
    expect(got.step).toBe(4);
    for (const k of ['trainLoss', 'testLoss', 'weightNorm'] as const) expect(got[k]).toBeCloseTo(reference[k], 3);
  });
});
