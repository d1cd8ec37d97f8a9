/**
 * The LLC meter's control: a run and its control (e.g. classic and no-decay) compared at equal
 * train loss. On cross-entropy λ̂ falls with the train loss in both, so comparing them step by step
 * says nothing; at the same train loss, a ratio away from 1 is what the meter adds beyond the loss.
 */
import type { MetricRow } from './series';

export interface LossPoint {
  step: number;
  trainLoss: number;
  llc: number;
}

export interface MatchedPair {
  step: number;
  trainLoss: number;
  llc: number;
  /** The control's λ̂ at the same train loss (interpolated in log–log between its two nearest estimates). */
  controlLlc: number;
  /** controlLlc / llc. */
  ratio: number;
}

/**
 * A run's converged estimates after it memorized (fitStep), each with the train loss at its step.
 * Unconverged estimates and those before the fit are left out: they would compare chains, not basins.
 */
export function lossPoints(
  llc: readonly { step: number; llc: number | null; converged?: boolean }[],
  metrics: readonly Pick<MetricRow, 'step' | 'trainLoss'>[],
  fitStep: number | null,
): LossPoint[] {
  if (fitStep === null) return [];
  return llc
    .flatMap((r) => {
      if (r.step < fitStep || r.converged !== true || r.llc === null || !(r.llc > 0)) return [];
      const m = metrics.find((x) => x.step === r.step);
      return m && m.trainLoss > 0 ? [{ step: r.step, trainLoss: m.trainLoss, llc: r.llc }] : [];
    });
}

/** Each of the run's points whose train loss lies within the control's range, with the control's λ̂ there. */
export function matchAtTrainLoss(run: readonly LossPoint[], control: readonly LossPoint[]): MatchedPair[] {
  const sorted = [...control].sort((a, b) => a.trainLoss - b.trainLoss);
  const pairs: MatchedPair[] = [];
  for (const p of run) {
    const hi = sorted.findIndex((c) => c.trainLoss >= p.trainLoss);
    if (hi < 0) continue;
    let controlLlc: number;
    if (sorted[hi].trainLoss === p.trainLoss) controlLlc = sorted[hi].llc;
    else {
      if (hi === 0) continue; // below the control's smallest loss: no bracket
      const [a, b] = [sorted[hi - 1], sorted[hi]];
      const t = (Math.log(p.trainLoss) - Math.log(a.trainLoss)) / (Math.log(b.trainLoss) - Math.log(a.trainLoss));
      controlLlc = Math.exp(Math.log(a.llc) + t * (Math.log(b.llc) - Math.log(a.llc)));
    }
    pairs.push({ ...p, controlLlc, ratio: controlLlc / p.llc });
  }
  return pairs;
}

/** Geometric mean of the ratios (they multiply), or null without pairs. */
export function geometricMeanRatio(pairs: readonly MatchedPair[]): number | null {
  if (!pairs.length) return null;
  return Math.exp(pairs.reduce((s, p) => s + Math.log(p.ratio), 0) / pairs.length);
}
