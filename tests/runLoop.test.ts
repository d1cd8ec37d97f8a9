/** The one run loop, with a sink that records what it was told and in which order. */
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../src/core/config';
import { DEFAULT_LANDSCAPE, type LandscapeSettings } from '../src/core/landscape/slice';
import { DEFAULT_METERS, isMeterStep, type MeterConfig } from '../src/core/meters';
import { classicConfig } from './classic';
import { RunLoop, type RunSink } from '../src/core/runLoop';

const small = (patch: Partial<RunConfig> = {}): RunConfig => ({ ...classicConfig(), p: 11, width: 16, trainFrac: 0.5, evalEvery: 10, steps: 200, ...patch });
const meters: MeterConfig = { ...DEFAULT_METERS, llcEvery: 100, entropyEvery: 20, fourierEvery: 30, llc: { ...DEFAULT_METERS.llc, draws: 4, burnIn: 1, chains: 1 } };
const landscape: LandscapeSettings = { ...DEFAULT_LANDSCAPE, plane: 'random', size: 5, every: 50 };

function recorder() {
  const log: string[] = [];
  const sink: RunSink = {
    onRows: (rows) => rows.forEach((r) => log.push(`row ${r.step}`)),
    onLlc: (r) => log.push(`llc ${r.step}`),
    onEntropy: (r) => log.push(`entropy ${r.step}`),
    onFourier: (r) => log.push(`fourier ${r.step}`),
    onSlice: (s) => log.push(s === null ? 'slice-start' : typeof s === 'string' ? `slice-none` : `slice ${s.step}`),
    onDivergence: (m) => log.push(`diverged: ${m}`),
  };
  return { log, sink };
}

describe('RunLoop', () => {
  it('measures each meter exactly on its cadence, after the rows of that step, and slices on its own', async () => {
    const { log, sink } = recorder();
    const loop = new RunLoop(small(), { meters, landscape, maxSliceShare: 1 }, sink);
    await loop.begin();
    await loop.runTo(200);
    loop.dispose();
    const steps = (kind: string) => log.filter((l) => l.startsWith(`${kind} `)).map((l) => Number(l.split(' ')[1]));
    const expectedEntropy = Array.from({ length: 201 }, (_, s) => s).filter((s) => isMeterStep(s, 20));
    expect(steps('entropy')).toEqual(expectedEntropy);
    expect(steps('fourier')).toEqual(Array.from({ length: 201 }, (_, s) => s).filter((s) => isMeterStep(s, 30)));
    expect(steps('llc')).toEqual(Array.from({ length: 201 }, (_, s) => s).filter((s) => isMeterStep(s, 100)));
    expect(steps('slice')).toEqual([0, 50, 100, 150, 200]);
    // A meter's step has its metric row before the meter reading.
    for (const s of expectedEntropy) expect(log.indexOf(`row ${s}`)).toBeLessThan(log.indexOf(`entropy ${s}`));
    // Every slice is announced first (the worker flushes its rows then).
    log.forEach((l, i) => l.startsWith('slice ') && expect(log[i - 1]).toBe('slice-start'));
  });

  it('trains through the meters\' steps in one advance: a cadence does not cut a chunk short', async () => {
    const { log, sink } = recorder();
    const loop = new RunLoop(small(), { meters, landscape, maxSliceShare: 1 }, sink);
    await loop.begin();
    await loop.advance(120);
    loop.dispose();
    expect(loop.step).toBe(120);
    expect(log.filter((l) => l.startsWith('entropy ')).map((l) => Number(l.split(' ')[1]))).toEqual(Array.from({ length: 121 }, (_, s) => s).filter((s) => isMeterStep(s, 20)));
    expect(log).toContain('slice 100');
  });

  it('never measures the same step twice, even when asked to advance to where it is', async () => {
    const { log, sink } = recorder();
    const loop = new RunLoop(small(), { meters, landscape: { ...landscape, every: 0 }, maxSliceShare: 1 }, sink);
    await loop.begin();
    await loop.runTo(20);
    await loop.advance(20);
    await loop.advance(20);
    loop.dispose();
    expect(log.filter((l) => l === 'entropy 20')).toHaveLength(1);
  });

  it('stops every reading of the weights once training diverges', async () => {
    const { log, sink } = recorder();
    const loop = new RunLoop(small({ lr: 1, wd: 10 }), { meters: { ...meters, entropyEvery: 1 }, landscape: { ...landscape, every: 1 }, maxSliceShare: 1 }, sink);
    await loop.begin();
    await loop.runTo(200);
    loop.dispose();
    expect(loop.divergence).toMatch(/diverged/);
    const lastRow = Math.max(...log.filter((l) => l.startsWith('row ')).map((l) => Number(l.split(' ')[1])));
    const measured = log.filter((l) => /^(entropy|llc|slice) \d/.test(l)).map((l) => Number(l.split(' ')[1]));
    expect(Math.max(...measured)).toBeLessThanOrEqual(lastRow);
    expect(loop.step).toBeLessThan(200);
    expect(log.filter((l) => l.startsWith('diverged: '))).toEqual([`diverged: ${loop.divergence}`]);
  });
});
