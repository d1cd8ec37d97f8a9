/** Signed leads against hand-worked series. */
import { describe, expect, it } from 'vitest';
import { computeLeads, llcSignal, restrictedSignal, summarize } from '../src/core/leads';

import { leadsOf } from './leadsOf';
const rows = [0, 100, 200, 300, 400, 500, 600].map((step, i) => ({ step, trainAcc: i > 0 ? 1 : 0.1, testAcc: [0.02, 0.02, 0.03, 0.15, 0.55, 0.9, 0.97][i] }));

describe('leads', () => {
  it('finds the LLC signal at half the peak reached after memorizing, not before', () => {
    const llc = [
      { step: 0, llc: 100 }, // before the fit step: ignored even though later values are below half of it
      { step: 100, llc: 40 },
      { step: 200, llc: 30 },
      { step: 250, llc: 20 },
      { step: 300, llc: 10 },
    ].map((r) => ({ ...r, converged: true }));
    expect(llcSignal(llc, 100)).toBe(250);
    expect(llcSignal(llc, null)).toBeNull();
  });

  it('counts converged estimates only, for the peak and for the signal', () => {
    const llc = [
      { step: 100, llc: 90, converged: false }, // a peak from chains still moving does not set the bar
      { step: 150, llc: 40, converged: true },
      { step: 200, llc: 15, converged: false }, // below half, but not converged
      { step: 250, llc: 20, converged: true },
      { step: 300, llc: 5 }, // an old record without diagnostics: not counted
    ];
    expect(llcSignal(llc, 100)).toBe(250);
  });

  it('gives each lead as event − signal, negative when the meter came late', () => {
    const l = leadsOf(rows, [{ step: 100, llc: 40, converged: true }, { step: 450, llc: 10, converged: true }], [{ step: 150, entropy: 0.5 }], 100, 0.609);
    expect(l.events).toEqual({ rise: 300, half: 400, grok: 600, full: null, llcSignal: 450, entropySignal: 150, restrictedSignal: null });
    expect(l.llc).toEqual({ toRise: -150, toHalf: -50, toGrok: 150, toFull: null });
    expect(l.entropy).toEqual({ toRise: 150, toHalf: 250, toGrok: 450, toFull: null });
    const full = leadsOf([...rows, { step: 700, trainAcc: 1, testAcc: 0.995 }], [], [{ step: 150, entropy: 0.5 }], 100, 0.609);
    expect(full.events.full).toBe(700);
    expect(full.entropy.toFull).toBe(550);
  });

  it('fires the restricted-loss signal at half the chance loss, after memorizing only', () => {
    // Chance loss at p = 50 is log 50 ≈ 3.91: the signal needs ≤ 1.96.
    const progress = [
      { step: 50, restrictedLoss: 1 }, // before the fit: not counted
      { step: 100, restrictedLoss: 3.9 },
      { step: 200, restrictedLoss: 1.9 },
      { step: 300, restrictedLoss: 0.5 },
    ];
    const l = computeLeads({ metrics: rows, llc: [], entropy: [], progress }, { p: 50, chanceLoss: Math.log(50), fitStep: 100, threshold: 0.609 });
    expect(l.events.restrictedSignal).toBe(200);
    expect(l.restricted).toEqual({ toRise: 100, toHalf: 200, toGrok: 400, toFull: null });
    expect(restrictedSignal([{ step: 100, restrictedLoss: null }], Math.log(50), 100)).toBeNull();
  });

  it('has no lead where the event or the signal never happened', () => {
    const flat = rows.map((r) => ({ ...r, testAcc: 0.02 }));
    const l = leadsOf(flat, [{ step: 100, llc: 40, converged: true }, { step: 200, llc: 5, converged: true }], [], 100, 0.609);
    expect(l.events.llcSignal).toBe(200);
    expect(l.llc).toEqual({ toRise: null, toHalf: null, toGrok: null, toFull: null });
    expect(l.entropy.toGrok).toBeNull();
  });

  it('summarizes over seeds with the count that happened', () => {
    expect(summarize([100, 200, null])).toEqual({ n: 2, of: 3, mean: 150, sd: Math.sqrt(5000) });
    expect(summarize([null])).toEqual({ n: 0, of: 1, mean: null, sd: null });
  });
});
