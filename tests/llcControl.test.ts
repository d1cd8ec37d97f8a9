import { describe, expect, it } from 'vitest';
import { geometricMeanRatio, lossPoints, matchAtTrainLoss } from '../src/core/llcControl';

describe('LLC of a run and its control at equal train loss', () => {
  it('keeps converged estimates after the fit, each with the train loss of its step', () => {
    const llc = [
      { step: 0, llc: 9, converged: true },
      { step: 50, llc: 5, converged: true },
      { step: 100, llc: 3, converged: false },
      { step: 150, llc: 1, converged: true },
      { step: 200, llc: null, converged: true },
    ];
    const metrics = [0, 50, 100, 150, 200].map((step) => ({ step, trainLoss: 1 / (step + 1) }));
    expect(lossPoints(llc, metrics, 50)).toEqual([
      { step: 50, trainLoss: 1 / 51, llc: 5 },
      { step: 150, trainLoss: 1 / 151, llc: 1 },
    ]);
    expect(lossPoints(llc, metrics, null)).toEqual([]);
  });

  it('interpolates the control in log–log between its two nearest losses, and skips losses outside its range', () => {
    // Control: λ̂ = 10·loss (a line of slope 1 in log–log) at losses 1e-2 and 1e-4.
    const control = [
      { step: 1, trainLoss: 1e-2, llc: 0.1 },
      { step: 2, trainLoss: 1e-4, llc: 0.001 },
    ];
    const run = [
      { step: 10, trainLoss: 1e-3, llc: 0.002 },
      { step: 20, trainLoss: 1e-5, llc: 1 }, // below the control's range
      { step: 30, trainLoss: 1e-2, llc: 0.05 },
    ];
    const pairs = matchAtTrainLoss(run, control);
    expect(pairs.map((p) => p.step)).toEqual([10, 30]);
    expect(pairs[0].controlLlc).toBeCloseTo(0.01, 12);
    expect(pairs[0].ratio).toBeCloseTo(5, 9);
    expect(pairs[1].ratio).toBeCloseTo(2, 12);
    expect(geometricMeanRatio(pairs)).toBeCloseTo(Math.sqrt(10), 9);
    expect(geometricMeanRatio([])).toBeNull();
  });
});
