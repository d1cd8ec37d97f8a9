import { describe, expect, it } from 'vitest';
import { isMeterStep, nextMeterStep, quadraticTheoryLlc } from '../src/core/meters';
import { detectPhases, entropyCrossing, entropyRecrossings, phaseEvents } from '../src/core/phases';

const row = (step: number, trainAcc: number, testAcc: number) => ({ step, trainAcc, testAcc });
const chance = 0.02;

describe('phase detection', () => {
  it('finds memorization, plateau, grokking and generalization in order', () => {
    const rows = [row(0, 0.02, 0.02), row(50, 1, 0.02), row(300, 1, 0.05), row(400, 1, 0.2), row(900, 1, 0.96), row(1000, 1, 1)];
    expect(phaseEvents(rows, chance)).toEqual({ fitStep: 50, riseStep: 400, grokStep: 900 });
    expect(detectPhases(rows, chance)).toEqual([
      { name: 'memorization', from: 0, to: 50, ongoing: false },
      { name: 'plateau', from: 50, to: 400, ongoing: false },
      { name: 'grokking', from: 400, to: 900, ongoing: false },
      { name: 'generalized', from: 900, to: 1000, ongoing: true },
    ]);
  });

  it('has no plateau when test accuracy rises before train fits', () => {
    const rows = [row(0, 0.02, 0.02), row(40, 0.8, 0.3), row(60, 1, 0.6), row(150, 1, 0.97)];
    expect(detectPhases(rows, chance).map((p) => p.name)).toEqual(['memorization', 'grokking', 'generalized']);
    expect(detectPhases(rows, chance)[1]).toMatchObject({ from: 60, to: 150 });
  });

  it('stays in the plateau while test accuracy is near chance', () => {
    const rows = [row(0, 0.02, 0.02), row(50, 1, 0.03), row(4000, 1, 0.08)];
    expect(detectPhases(rows, chance).at(-1)).toEqual({ name: 'plateau', from: 50, to: 4000, ongoing: true });
  });

  it('says when test accuracy falls after grokking, and when it comes back', () => {
    const rows = [row(0, 0.02, 0.02), row(50, 1, 0.02), row(400, 1, 0.2), row(900, 1, 0.96), row(1000, 1, 0.85), row(1100, 0.9, 0.55), row(1300, 1, 0.9), row(1500, 1, 0.97), row(1600, 1, 0.98)];
    expect(detectPhases(rows, chance).slice(3)).toEqual([
      { name: 'generalized', from: 900, to: 1100, ongoing: false },
      { name: 'forgetting', from: 1100, to: 1500, ongoing: false },
      { name: 'generalized', from: 1500, to: 1600, ongoing: true },
    ]);
    expect(detectPhases(rows.slice(0, 6), chance).at(-1)).toEqual({ name: 'forgetting', from: 1100, to: 1100, ongoing: true });
  });

  it('is empty before any measurement', () => {
    expect(detectPhases([], chance)).toEqual([]);
  });

  it('finds the first entropy crossing after memorization', () => {
    const rows = [0.5, 0.7, 0.6, 0.65, 0.5].map((entropy, i) => ({ step: i * 100, entropy, topShare: 0 }));
    // The dip at step 0 comes before the fit at step 100: not a collapse.
    expect(entropyCrossing(rows, 0.61, 100)).toBe(200);
    expect(entropyCrossing(rows, 0.61, 300)).toBe(400);
    expect(entropyCrossing(rows, 0.4, 100)).toBeNull();
    expect(entropyCrossing(rows, 0.61, null)).toBeNull();
  });

  it('lists later re-crossings apart from the first: down, back above, down again', () => {
    const rows = [0.9, 0.5, 0.55, 0.7, 0.5, 0.4, 0.62, 0.3].map((entropy, i) => ({ step: i * 100, entropy, topShare: 0 }));
    expect(entropyCrossing(rows, 0.61, 0)).toBe(100);
    expect(entropyRecrossings(rows, 0.61, 0)).toEqual([400, 700]);
    expect(entropyRecrossings(rows, 0.61, null)).toEqual([]);
    expect(entropyRecrossings(rows, 0.2, 0)).toEqual([]);
  });
});

describe('meter cadence', () => {
  it('runs at multiples of the cadence and a few early steps', () => {
    const steps = Array.from({ length: 801 }, (_, s) => s).filter((s) => isMeterStep(s, 200));
    expect(steps).toEqual([0, 20, 40, 100, 200, 400, 600, 800]);
    expect(nextMeterStep(100, 200)).toBe(200);
    expect(nextMeterStep(5, 200)).toBe(20);
    expect(nextMeterStep(20, 200)).toBe(40);
    expect(isMeterStep(40, 0)).toBe(false);
    expect(nextMeterStep(40, 0)).toBe(Infinity);
  });
});

describe('Cullen et al. closed forms', () => {
  it('offers only values for the loss in use, each at most D/2', () => {
    // p 53, K 1024 (their setting): D = 3·53·1024; K(3p − 1)/2 = 80,896 fits under D/2; p·d(d + 1)/4 = 150,281 does not.
    const mse = quadraticTheoryLlc(53, 1024, 'mse');
    expect(mse.params).toBe(3 * 53 * 1024);
    expect(mse.ceiling).toBe((3 * 53 * 1024) / 2);
    expect(mse.values.map((t) => t.value)).toEqual([(1024 * 158) / 2]);
    expect(mse.omitted).toMatch(/over-parameterized basin \(MSE\).*exceed D\/2/);
    // The classic preset (p 47, K 96): the over-parameterized value 104,904 is far above D/2 = 6,768.
    expect(quadraticTheoryLlc(47, 96, 'mse').values.every((t) => t.value <= (3 * 47 * 96) / 2)).toBe(true);
    expect(quadraticTheoryLlc(47, 96, 'ce')).toMatchObject({ values: [], omitted: expect.stringMatching(/derived for MSE/) });
  });
});
