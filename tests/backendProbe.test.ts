import { describe, expect, it } from 'vitest';
import { classicConfig } from './classic';
import { fasterBackend, probeKey, speedsOf } from '../src/ui/backendProbe';

const speeds = (wasm: number | null, webgpu: number | null, webgl: number | null = 10) => [
  { backend: 'webgpu' as const, stepsPerSec: webgpu, note: '' },
  { backend: 'webgl' as const, stepsPerSec: webgl, note: '' },
  { backend: 'wasm' as const, stepsPerSec: wasm, note: '' },
];

describe('backend by measured speed', () => {
  it('moves to a backend measured clearly faster, and says by how much', () => {
    expect(fasterBackend(speeds(100, 250), 'wasm')).toEqual({ backend: 'webgpu', why: 'Measured on this network: WebGPU trains it 2.5× faster than WebAssembly.' });
    // A floor that already beats this backend's full timing is faster still.
    expect(fasterBackend([{ backend: 'wasm', stepsPerSec: 100, note: '' }, { backend: 'webgpu', stepsPerSec: 250, lowerBound: true, note: '' }], 'wasm')?.backend).toBe('webgpu');
  });

  it('stays where it is when the best is this one, within the margin, or nothing ran elsewhere', () => {
    expect(fasterBackend(speeds(300, 0.5), 'wasm')).toBeNull();
    expect(fasterBackend(speeds(100, 110), 'wasm')).toBeNull();
    expect(fasterBackend(speeds(100, null, null), 'wasm')).toBeNull();
    // The current backend's own time is unknown: no basis for moving.
    expect(fasterBackend(speeds(null, 50), 'wasm')).toBeNull();
    // Only its slow first step was timed (a busy machine): a floor, no basis for moving either.
    expect(fasterBackend([{ backend: 'wasm', stepsPerSec: 0.6, lowerBound: true, note: '' }, { backend: 'webgl', stepsPerSec: 0.8, lowerBound: true, note: '' }], 'wasm')).toBeNull();
    expect(fasterBackend([{ backend: 'wasm', stepsPerSec: 0.6, lowerBound: true, note: '' }, { backend: 'webgl', stepsPerSec: 5, note: '' }], 'wasm')).toBeNull();
  });

  it('keeps only one-run-at-a-time timings, and measures again only when the network changes', () => {
    const candidates = [
      { backend: 'wasm' as const, mode: 'sequential' as const, rate: 300, note: 'one run at a time' },
      { backend: 'wasm' as const, mode: 'batched' as const, rate: 40, note: 'timed on 1 of 1 runs' },
    ];
    expect(speedsOf(candidates)).toEqual([{ backend: 'wasm', stepsPerSec: 300, note: 'one run at a time' }]);
    const c = classicConfig();
    expect(probeKey({ ...c, lr: 0.1, wd: 0, seed: 4 })).toBe(probeKey(c));
    for (const patch of [{ width: 128 }, { p: 53 }, { model: 'mlp' as const }, { trainFrac: 0.6 }]) expect(probeKey({ ...c, ...patch })).not.toBe(probeKey(c));
  });
});
