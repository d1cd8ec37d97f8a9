/** The cost estimate that warns about, or refuses, configurations too heavy for a tab. */
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../src/core/cost';
import { findPreset, PRESETS } from '../src/core/presets';

const preset = (id: string) => findPreset(id)!.config;

describe('cost of a configuration', () => {
  it('says nothing about the presets', () => {
    for (const p of PRESETS) expect(estimateCost(p.config, 25), p.id).toMatchObject({ refused: false, warning: null });
  });

  it('counts parameters exactly', () => {
    expect(estimateCost(preset('classic'), 25).params).toBe(3 * 47 * 96);
  });

  it('refuses a transformer at p 211, width 2048 before it aborts the worker', () => {
    const c = estimateCost({ ...preset('transformer'), p: 211, width: 2048 }, 25);
    expect(c.refused).toBe(true);
    expect(c.warning).toMatch(/would need about \d+\.\d GB of memory, more than a browser tab can give it/);
  });

  it('warns that width 2048 makes each entropy measurement take over a minute, and how to avoid it', () => {
    const c = estimateCost({ ...preset('classic'), width: 2048 }, 25);
    expect(c.refused).toBe(false);
    expect(c.warning).toMatch(/spectral-entropy measurement about \d+ s \(a 2048 × 2048 eigen-decomposition; entropy-every 0 turns it off\)/);
    expect(estimateCost({ ...preset('classic'), width: 2048 }, 0).warning).toBeNull();
  });

  it('warns about slow steps at p 211', () => {
    expect(estimateCost({ ...preset('classic'), p: 211 }, 25).warning).toMatch(/each training step about \d+ ms/);
  });
});
