import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../src/core/config';
import { classicConfig } from './classic';
import { BatchedQuadratic, batchRefusal } from '../src/core/sweep/batchedQuadratic';
import { Trainer } from '../src/core/trainer';
import { AXIS_SETS, longestFirst, outcomeOf, sweepConfigs } from '../src/core/sweep/grid';
import { runSweep } from '../src/core/sweep/runSweep';
import { parseSweepArgs } from '../src/node/sweepReport';
import { SweepRequestSchema } from '../src/worker/sweepProtocol';
import { measureCandidates } from '../src/worker/measureSweep';

const small = (patch: Partial<RunConfig> = {}): RunConfig => ({ ...classicConfig(), p: 11, width: 16, trainFrac: 0.5, steps: 200, ...patch });
// Different splits (sizes too), seeds, learning rates and weight decays in one batch.
const configs = [small(), small({ trainFrac: 0.3, seed: 2, wd: 0.1 }), small({ trainFrac: 0.7, seed: 3, lr: 0.03, wd: 3 })];

async function singleRun(config: RunConfig, steps: number) {
  const trainer = new Trainer(config);
  for (let i = 0; i < steps; i++) trainer.trainStep();
  const row = await trainer.evaluate();
  const params = await trainer.readParams();
  trainer.dispose();
  return { row, params };
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('batched training', () => {
  // Also with label smoothing (shared by a batch) and each network's own initial scale.
  const smoothed = [small({ labelSmoothing: 0.1, initScale: 3 }), small({ labelSmoothing: 0.1, seed: 2, trainFrac: 0.3 })];
  it.each([
    ['plain', configs],
    ['smoothed', smoothed],
  ])('trains each network exactly as its own single run would (weights after 40 steps, accuracies): %s', async (_, configs) => {
    const batch = new BatchedQuadratic(configs);
    for (let i = 0; i < 40; i++) batch.trainStep();
    const evals = await batch.evaluate();
    for (const [n, config] of configs.entries()) {
      const single = await singleRun(config, 40);
      const params = await batch.readParams(n);
      expect(maxAbsDiff(params[0], single.params[0])).toBeLessThan(1e-4);
      expect(maxAbsDiff(params[1], single.params[1])).toBeLessThan(1e-4);
      expect(evals[n].trainAcc).toBeCloseTo(single.row.trainAcc, 6);
      expect(evals[n].testAcc).toBeCloseTo(single.row.testAcc, 6);
      expect(evals[n].weightNorm).toBeCloseTo(single.row.weightNorm, 3);
    }
    batch.dispose();
  });

  it('keeps the remaining networks unchanged when finished ones leave the batch', async () => {
    const batch = new BatchedQuadratic(configs);
    for (let i = 0; i < 10; i++) batch.trainStep();
    batch.keep([2]);
    for (let i = 0; i < 10; i++) batch.trainStep();
    const single = await singleRun(configs[2], 20);
    expect(maxAbsDiff((await batch.readParams(0))[0], single.params[0])).toBeLessThan(1e-4);
    batch.dispose();
  });

  it('holds the tensor count flat over steps and evaluations, and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const batch = new BatchedQuadratic(configs);
    batch.trainStep();
    await batch.evaluate();
    const during = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) batch.trainStep();
    await batch.evaluate();
    expect(tf.memory().numTensors).toBe(during);
    batch.keep([0, 2]);
    batch.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses runs that cannot share one computation', () => {
    expect(batchRefusal([small(), small({ width: 32 })])).toContain('must share width');
    expect(batchRefusal([small({ model: 'mlp' })])).toContain('quadratic network');
    expect(batchRefusal([small(), small({ seed: 9, trainFrac: 0.2, lr: 0.1, wd: 0 })])).toBeNull();
  });
});

describe('sweep grid', () => {
  const spec = { base: small({ steps: 300 }), x: { key: 'wd' as const, values: [0, 1] }, y: { key: 'trainFrac' as const, values: [0.3, 0.7] } };

  it('classifies outcomes by when test accuracy reached 95% relative to the fit', () => {
    expect(outcomeOf({ fitStep: null, grokStep: null })).toBe('no-fit');
    expect(outcomeOf({ fitStep: 50, grokStep: null })).toBe('memorized');
    expect(outcomeOf({ fitStep: 50, grokStep: 140 })).toBe('generalized');
    expect(outcomeOf({ fitStep: 50, grokStep: 150 })).toBe('grokked');
  });

  it('builds one valid config per cell, row by row, and refuses an invalid one or equal axes', () => {
    const configs = sweepConfigs(spec);
    expect(configs.map((c) => [c.wd, c.trainFrac])).toEqual([[0, 0.3], [1, 0.3], [0, 0.7], [1, 0.7]]);
    expect(() => sweepConfigs({ ...spec, x: { key: 'wd', values: [-1] } })).toThrow('weight decay');
    expect(() => sweepConfigs({ ...spec, y: { key: 'wd', values: [1] } })).toThrow('axes must differ');
  });

  it('gives the same cells batched and one run after another', async () => {
    const run = (mode: 'batched' | 'sequential') => runSweep(spec, { mode, steps: 300, onCell: () => {} });
    const [batched, sequential] = [await run('batched'), await run('sequential')];
    // Both evaluate on the same schedule; the events agree within one evaluation.
    for (const [i, b] of batched.entries()) {
      const s = sequential[i];
      expect([b.x, b.y, b.outcome]).toEqual([s.x, s.y, s.outcome]);
      for (const k of ['fitStep', 'grokStep'] as const) expect(Math.abs((b[k] ?? -1) - (s[k] ?? -1))).toBeLessThanOrEqual(10);
    }
    expect(batched.find((c) => c.x === 0 && c.y === 0.3)?.outcome).toBe('memorized');
  });

  it('does not time again a backend the page found far too slow, and times the others', async () => {
    const configs = sweepConfigs(spec);
    const known = [
      { backend: 'webgpu' as const, stepsPerSec: 0.5, lowerBound: true, note: 'its first step alone, 2000 ms' },
      { backend: 'cpu' as const, stepsPerSec: 900, note: 'one run at a time' },
    ];
    const out = await measureCandidates(configs, true, ['webgpu', 'cpu'], known);
    expect(out.filter((c) => c.backend === 'webgpu')).toEqual([
      { backend: 'webgpu', mode: 'sequential', rate: 0.5, lowerBound: true, note: 'timed by the page on its own run: its first step alone, 2000 ms' },
      { backend: 'webgpu', mode: 'batched', rate: null, lowerBound: false, note: "not timed: one step took 2000 ms on the page's run" },
    ]);
    // A backend fast enough on the page's run is timed on the grid's own runs, both ways.
    const cpu = out.filter((c) => c.backend === 'cpu');
    expect(cpu.map((c) => c.mode)).toEqual(['sequential', 'batched']);
    expect(cpu.every((c) => c.rate! > 0 && !c.note.includes('page'))).toBe(true);
  });

  it('hands out the runs expected to take longest first: the smallest values of both axes', () => {
    const grid = { base: small(), ...AXIS_SETS['wd-trainFrac'] };
    const order = longestFirst(grid);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 36 }, (_, i) => i));
    const at = (i: number) => [grid.x.values[i % 6], grid.y.values[Math.floor(i / 6)]];
    expect(at(order[0])).toEqual([0, 0.2]);
    expect(order.slice(1, 3).map(at)).toEqual([[0.1, 0.2], [0, 0.3]]);
    expect(at(order.at(-1)!)).toEqual([4, 0.7]);
    // Ranked by value, not by position: an axis listed high to low is ordered the same way.
    const reversed = { ...grid, x: { ...grid.x, values: [...grid.x.values].reverse() } };
    expect(reversed.x.values[longestFirst(reversed)[0] % 6]).toBe(0);
  });

  it('reads the CLI axes in the order given and refuses a single list', () => {
    const args = parseSweepArgs(['--train-frac', '0.2,0.5', '--wd', '0.1,1', '--steps', '100']);
    expect([args.spec.x, args.spec.y]).toEqual([{ key: 'trainFrac', values: [0.2, 0.5] }, { key: 'wd', values: [0.1, 1] }]);
    expect(args.spec.base.steps).toBe(100);
    expect(() => parseSweepArgs(['--wd', '0.1,1'])).toThrow('exactly two');
    expect(() => parseSweepArgs(['--wd', '0.1,x', '--lr', '0.1,0.2'])).toThrow('must be numbers');
  });
});

describe('sweep worker messages', () => {
  it('accepts a start with a valid grid and refuses malformed ones, naming the field', () => {
    const spec = { base: small(), x: { key: 'wd', values: [0, 1] }, y: { key: 'trainFrac', values: [0.3] } };
    expect(SweepRequestSchema.safeParse({ type: 'start', spec, use: { backend: 'wasm', mode: 'sequential' }, only: [0, 1] }).success).toBe(true);
    const bad = (m: unknown) => {
      const r = SweepRequestSchema.safeParse(m);
      return r.success ? null : r.error.issues[0].path.join('.');
    };
    expect(bad({ type: 'measure', spec: { ...spec, x: { key: 'width', values: [1] } } })).toBe('spec.x.key');
    expect(bad({ type: 'measure', spec: { ...spec, y: { key: 'wd', values: Array(9).fill(1) } } })).toBe('spec.y.values');
    expect(bad({ type: 'start', spec, use: { backend: 'tpu', mode: 'sequential' }, only: [] })).toBe('use.backend');
    expect(bad({ type: 'go' })).toBe('type');
  });
});
