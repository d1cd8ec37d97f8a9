import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/core/presets';
import { fasterBackend, probeKey, speedsOf } from '../src/ui/backendProbe';

const speeds = (wasm: number | null, webgpu: number | null, webgl: number | null = 10) => [
  { backend: 'webgpu' as const, stepsPerSec: webgpu, note: '' },
  { backend: 'webgl' as const, stepsPerSec: webgl, note: '' },
  { backend: 'wasm' as const, stepsPerSec: wasm, note: '' },
];

describe('backend by measured speed', () => {
  it('moves to a backend measured clearly faster, and says by how much', () => {
    expect(fasterBackend(speeds(100, 250), 'wasm')).toEqual({ backend: 'webgpu', why: 'Measured on this network: WebGPU trains it 2.5× faster than WebAssembly.' });
  });

  it('stays where it is when the best is this one, within the margin, or nothing ran elsewhere', () => {
    expect(fasterBackend(speeds(300, 0.5), 'wasm')).toBeNull();
    expect(fasterBackend(speeds(100, 110), 'wasm')).toBeNull();
    expect(fasterBackend(speeds(100, null, null), 'wasm')).toBeNull();
    // The current backend's own time is unknown: no basis for moving.
    expect(fasterBackend(speeds(null, 50), 'wasm')).toBeNull();
  });

  it('keeps only one-run-at-a-time timings, and measures again only when the network changes', () => {
    const candidates = [
      { backend: 'wasm' as const, mode: 'sequential' as const, rate: 300, note: 'one run at a time' },
      { backend: 'wasm' as const, mode: 'batched' as const, rate: 40, note: 'timed on 1 of 1 runs' },
    ];
    expect(speedsOf(candidates)).toEqual([{ backend: 'wasm', stepsPerSec: 300, note: 'one run at a time' }]);
    const c = defaultConfig();
    expect(probeKey({ ...c, lr: 0.1, wd: 0, seed: 4 })).toBe(probeKey(c));
    for (const patch of [{ width: 128 }, { p: 53 }, { model: 'mlp' as const }, { trainFrac: 0.6 }]) expect(probeKey({ ...c, ...patch })).not.toBe(probeKey(c));
  });
});
