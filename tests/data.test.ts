import { describe, expect, it } from 'vitest';
import { allPairs, applyOp, makeDataset, trainSize } from '../src/core/data';
import { createRng, shuffleInPlace } from '../src/core/rng';

const key = (a: number, b: number) => `${a},${b}`;

describe('modular arithmetic datasets', () => {
  it('computes each operation mod p', () => {
    expect(applyOp('add', 5, 4, 7)).toBe(2);
    expect(applyOp('sub', 2, 5, 7)).toBe(4);
    expect(applyOp('mul', 3, 5, 7)).toBe(1);
    // 3 ÷ 5 mod 7 = 3 · 3 = 2, since 5 · 3 = 15 ≡ 1.
    expect(applyOp('div', 3, 5, 7)).toBe(2);
    for (let b = 1; b < 11; b++) expect(applyOp('mul', applyOp('div', 4, b, 11), b, 11)).toBe(4);
  });

  it('splits all pairs into disjoint train and test sets of the right sizes', () => {
    const ds = makeDataset({ task: 'add', p: 23, trainFrac: 0.3, seed: 7 });
    const total = 23 * 23;
    expect(ds.train.a.length).toBe(Math.round(0.3 * total));
    expect(ds.train.a.length + ds.test.a.length).toBe(total);
    const train = new Set(Array.from(ds.train.a, (a, i) => key(a, ds.train.b[i])));
    const test = new Set(Array.from(ds.test.a, (a, i) => key(a, ds.test.b[i])));
    expect(train.size).toBe(ds.train.a.length);
    expect(test.size).toBe(ds.test.a.length);
    for (const k of test) expect(train.has(k)).toBe(false);
    ds.train.label.forEach((y, i) => expect(y).toBe((ds.train.a[i] + ds.train.b[i]) % 23));
  });

  it('skips b = 0 for division', () => {
    const ds = makeDataset({ task: 'div', p: 13, trainFrac: 0.5, seed: 1 });
    expect(ds.train.a.length + ds.test.a.length).toBe(13 * 12);
    expect([...ds.train.b, ...ds.test.b]).not.toContain(0);
  });

  it('is determined by the seed', () => {
    const a = makeDataset({ task: 'mul', p: 17, trainFrac: 0.4, seed: 3 });
    const b = makeDataset({ task: 'mul', p: 17, trainFrac: 0.4, seed: 3 });
    const c = makeDataset({ task: 'mul', p: 17, trainFrac: 0.4, seed: 4 });
    expect(Array.from(a.train.a)).toEqual(Array.from(b.train.a));
    expect(Array.from(a.train.b)).toEqual(Array.from(b.train.b));
    expect(Array.from(a.train.a)).not.toEqual(Array.from(c.train.a));
  });

  it('keeps both splits non-empty at the extremes', () => {
    expect(trainSize(10, 0.0001)).toBe(1);
    expect(trainSize(10, 0.9999)).toBe(9);
  });

  it('shuffles to a permutation, reproducibly', () => {
    const items = allPairs('add', 5).map(([a, b]) => key(a, b));
    const s1 = shuffleInPlace([...items], createRng(9));
    const s2 = shuffleInPlace([...items], createRng(9));
    expect(s1).toEqual(s2);
    expect([...s1].sort()).toEqual([...items].sort());
    expect(s1).not.toEqual(items);
  });

  it('draws normals with mean 0 and variance 1', () => {
    const rng = createRng(5);
    const xs = Array.from({ length: 20000 }, () => rng.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });
});
