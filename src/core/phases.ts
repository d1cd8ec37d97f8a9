/**
 * Phases of a grokking run, detected from the measured metrics alone:
 *   memorization: until train accuracy first reaches FIT_THRESHOLD
 *   plateau:      train fitted, test still within RISE_MARGIN of chance
 *   grokking:     test accuracy has risen RISE_MARGIN above chance, not yet GROK_THRESHOLD
 *   generalized:  test accuracy reached GROK_THRESHOLD
 *   forgetting:   after that, test accuracy fell below FORGET_THRESHOLD (e.g. the learning rate was
 *                 raised); it is generalized again once test accuracy is back at GROK_THRESHOLD
 */
import { FIT_THRESHOLD, GROK_THRESHOLD, type MetricRow } from './series';
import type { EntropyRow } from './meterConfig';

export const PHASES = ['memorization', 'plateau', 'grokking', 'generalized', 'forgetting'] as const;
export type PhaseName = (typeof PHASES)[number];

/** How far above chance test accuracy must rise to count as "rising". */
export const RISE_MARGIN = 0.1;

/** Test accuracy below this after grokking: the generalizing solution was lost. */
export const FORGET_THRESHOLD = 0.8;

export interface Phase {
  name: PhaseName;
  from: number;
  /** Step where the phase ended, or the latest measured step while it lasts. */
  to: number;
  ongoing: boolean;
}

export interface PhaseEvents {
  fitStep: number | null;
  riseStep: number | null;
  grokStep: number | null;
}

export function phaseEvents(rows: readonly Pick<MetricRow, 'step' | 'trainAcc' | 'testAcc'>[], chance: number): PhaseEvents {
  let fitStep: number | null = null;
  let riseStep: number | null = null;
  let grokStep: number | null = null;
  for (const r of rows) {
    if (fitStep === null && r.trainAcc >= FIT_THRESHOLD) fitStep = r.step;
    if (riseStep === null && r.testAcc >= chance + RISE_MARGIN) riseStep = r.step;
    if (grokStep === null && r.testAcc >= GROK_THRESHOLD) grokStep = r.step;
  }
  return { fitStep, riseStep, grokStep };
}

/** Consecutive phases from step 0 to the last measured step; a phase that did not happen is skipped. */
export function detectPhases(rows: readonly Pick<MetricRow, 'step' | 'trainAcc' | 'testAcc'>[], chance: number): Phase[] {
  if (rows.length === 0) return [];
  const last = rows[rows.length - 1].step;
  const { fitStep, riseStep, grokStep } = phaseEvents(rows, chance);
  const starts: Array<[PhaseName, number | null]> = [
    ['memorization', 0],
    // A plateau exists only if test accuracy had not already started rising when train fitted.
    ['plateau', fitStep !== null && (riseStep === null || riseStep > fitStep) ? fitStep : null],
    ['grokking', riseStep !== null ? Math.max(riseStep, fitStep ?? riseStep) : null],
    ['generalized', grokStep],
  ];
  const present = starts.filter((s): s is [PhaseName, number] => s[1] !== null && s[1] <= last);
  // Later phases win where starts coincide (e.g. rise and grok at the same measured step).
  const phases: Phase[] = [];
  present.forEach(([name, from], i) => {
    const next = present.slice(i + 1).find(([, f]) => f >= from);
    if (next && next[1] === from) return;
    phases.push({ name, from, to: next ? next[1] : last, ongoing: !next });
  });
  return grokStep === null ? phases : withForgetting(phases, rows, grokStep);
}

/** Splits the generalized phase wherever test accuracy fell below FORGET_THRESHOLD, and came back. */
function withForgetting(phases: Phase[], rows: readonly Pick<MetricRow, 'step' | 'testAcc'>[], grokStep: number): Phase[] {
  const out = phases.slice(0, -1);
  let current: Phase = { ...phases[phases.length - 1] };
  for (const r of rows) {
    if (r.step <= grokStep) continue;
    const lost = current.name === 'generalized' && r.testAcc < FORGET_THRESHOLD;
    const back = current.name === 'forgetting' && r.testAcc >= GROK_THRESHOLD;
    if (!lost && !back) continue;
    out.push({ ...current, to: r.step, ongoing: false });
    current = { name: lost ? 'forgetting' : 'generalized', from: r.step, to: current.to, ongoing: true };
  }
  out.push(current);
  return out;
}

/**
 * T_collapse: the first measured step after memorization (the fit step) with H̃ below the
 * threshold, or null. Khanh et al.'s collapse follows memorization; a dip in the first few steps,
 * while the network is still fitting, is not it.
 */
export function entropyCrossing(rows: readonly Pick<EntropyRow, 'step' | 'entropy'>[], threshold: number, fitStep: number | null): number | null {
  if (fitStep === null) return null;
  return rows.find((r) => r.step >= fitStep && r.entropy < threshold)?.step ?? null;
}

/**
 * Every later time H̃ went back above the threshold and fell below it again, after the first
 * crossing: re-crossings are not the signal (a train-loss spike can dip H̃ long after grokking).
 */
export function entropyRecrossings(rows: readonly Pick<EntropyRow, 'step' | 'entropy'>[], threshold: number, fitStep: number | null): number[] {
  const first = entropyCrossing(rows, threshold, fitStep);
  if (first === null) return [];
  const steps: number[] = [];
  let below = true;
  for (const r of rows) {
    if (r.step <= first) continue;
    if (below && r.entropy >= threshold) below = false;
    else if (!below && r.entropy < threshold) {
      below = true;
      steps.push(r.step);
    }
  }
  return steps;
}
