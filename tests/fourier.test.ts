import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../src/node/backend';
import { accuracyWithFirst } from '../src/core/ablation';
import { cosineFit, embeddingTables, fourierRow, withoutFrequencies } from '../src/core/fourier';
import { findPreset } from '../src/core/presets';
import { createRng, normalArray } from '../src/core/rng';
import { Trainer } from '../src/core/trainer';

const p = 23;

/** A p × width table whose column c is cos(2π·k_c·a/p + φ_c). */
function cosineTable(freqOf: (c: number) => number, width: number): Float32Array {
  const t = new Float32Array(p * width);
  for (let a = 0; a < p; a++) for (let c = 0; c < width; c++) t[a * width + c] = Math.cos((2 * Math.PI * freqOf(c) * a) / p + 0.3 * c);
  return t;
}

describe('Fourier view of the embeddings', () => {
  it('fits a cosine at a given frequency: exact for a pure one, partial with another frequency mixed in', () => {
    const pure = Array.from({ length: p }, (_, a) => 0.2 + 1.5 * Math.cos((2 * Math.PI * 4 * a) / p + 0.7));
    const fit = cosineFit(pure, 4);
    expect(fit.mean).toBeCloseTo(0.2, 10);
    expect(fit.amplitude).toBeCloseTo(1.5, 10);
    expect(fit.phase).toBeCloseTo(0.7, 10);
    expect(fit.explained).toBeCloseTo(1, 10);
    fit.fitted.forEach((v, a) => expect(v).toBeCloseTo(pure[a], 10));
    // Equal power at frequencies 4 and 9: the cosine at 4 explains half the variance.
    const mixed = pure.map((v, a) => v + 1.5 * Math.cos((2 * Math.PI * 9 * a) / p));
    expect(cosineFit(mixed, 4).explained).toBeCloseTo(0.5, 10);
  });

  it('finds one key frequency in a pure cosine embedding, every unit on it', () => {
    const row = fourierRow(0, [cosineTable(() => 3, 8)], p, 8);
    expect(row.keyFrequencies).toEqual([3]);
    expect(row.power[2]).toBeCloseTo(1, 10);
    expect(row.top5Share).toBeCloseTo(1, 10);
    expect(row.unitFrequency).toEqual(Array(8).fill(3));
    expect(row.topFrequencyShare).toBeCloseTo(1, 10);
  });

  it('splits units between two frequencies, and names both as key', () => {
    const row = fourierRow(0, [cosineTable((c) => (c % 2 ? 7 : 2), 10)], p, 10);
    expect(row.keyFrequencies.sort((a, b) => a - b)).toEqual([2, 7]);
    expect(row.power[1]).toBeCloseTo(0.5, 6);
    expect(row.unitFrequency.slice(0, 4)).toEqual([2, 7, 2, 7]);
  });

  it('finds power spread out, few key frequencies and low unit shares, in random weights', () => {
    const width = 64;
    const rng = createRng(5);
    const row = fourierRow(0, [Float32Array.from(normalArray(rng, p * width, 1)), Float32Array.from(normalArray(rng, p * width, 1))], p, width);
    expect(row.power.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
    expect(Math.max(...row.power)).toBeLessThan(0.2);
    expect(row.top5Share).toBeLessThan(0.5);
    expect(row.topFrequencyShare).toBeLessThan(0.5);
  });

  it('reads the a and b tables of the quadratic net and the token rows of the transformer', () => {
    const width = 2;
    const first = Float32Array.from({ length: (2 * p) * width }, (_, i) => i);
    const [ta, tb] = embeddingTables('quadratic', p, first, width);
    expect([ta.length, tb.length, ta[0], tb[0]]).toEqual([p * width, p * width, 0, p * width]);
    const token = embeddingTables('transformer', p, Float32Array.from({ length: (p + 1) * width }, (_, i) => i), width);
    expect(token).toHaveLength(1);
    expect(token[0].length).toBe(p * width);
  });
});

describe('ablating frequencies', () => {
  it('removes exactly the named frequencies from each table and keeps the rest', () => {
    const width = 6;
    const mixed = (c: number) => (a: number) => Math.cos((2 * Math.PI * 3 * a) / p + c) + 0.5 * Math.sin((2 * Math.PI * 7 * a) / p) + 0.25;
    const table = new Float32Array(2 * p * width);
    for (let a = 0; a < 2 * p; a++) for (let c = 0; c < width; c++) table[a * width + c] = mixed(c)(a % p);
    const out = withoutFrequencies('quadratic', p, table, width, [3]);
    const after = fourierRow(0, embeddingTables('quadratic', p, out, width), p, width);
    expect(after.power[2]).toBeLessThan(1e-9);
    expect(after.power[6]).toBeCloseTo(1, 6);
    // The constant (not a frequency) and the other frequency are untouched.
    for (let a = 0; a < p; a++) expect(out[a * width] - table[a * width]).toBeCloseTo(-Math.cos((2 * Math.PI * 3 * a) / p), 5);
    expect(table[0]).toBeCloseTo(mixed(0)(0), 5);
  });
});

describe('Fourier view of a real run', () => {
  // Real presets, on the backend the CLI uses (the pure-JS one would take minutes).
  beforeAll(() => useNodeBackend('wasm'));
  afterAll(() => tf.setBackend('cpu'));
  // Measured (npm run cli-style, wasm, seed 1): each quadratic unit's power gathers on one frequency
  // as the network groks (0.19 at the fit, 0.72 at 95% test); without weight decay it stays at 0.20.
  it('puts each unit on one frequency as the classic network groks, and not on the no-decay control', async () => {
    const shareAt = async (id: string, steps: number[]) => {
      const config = findPreset(id)!.config;
      const trainer = new Trainer(config);
      const shares: number[] = [];
      for (const s of steps) {
        await trainer.advance(s);
        shares.push(fourierRow(s, embeddingTables(config.model, config.p, await trainer.readEmbedding(), config.width), config.p, config.width).topFrequencyShare);
      }
      trainer.dispose();
      return shares;
    };
    const [fit, grok] = await shareAt('classic', [50, 1140]);
    // Evaluation with the embeddings as they are reproduces the trainer's accuracy; without every
    // frequency (only the constant left) the network answers at chance.
    {
      const config = findPreset('classic')!.config;
      const trainer = new Trainer(config);
      await trainer.advance(1140);
      const row = await trainer.evaluate();
      const first = await trainer.readEmbedding();
      expect(await accuracyWithFirst(trainer, first)).toEqual({ trainAcc: row.trainAcc, testAcc: row.testAcc });
      const all = Array.from({ length: 23 }, (_, i) => i + 1);
      const none = await accuracyWithFirst(trainer, withoutFrequencies(config.model, config.p, first, config.width, all));
      expect(none.testAcc).toBeLessThan(0.1);
      expect(await trainer.readEmbedding()).toEqual(first);
      trainer.dispose();
    }
    expect(fit).toBeLessThan(0.3);
    expect(grok).toBeGreaterThan(0.6);
    const [, control] = await shareAt('no-decay', [50, 1140]);
    expect(control).toBeLessThan(0.3);
  }, 120_000);
});
