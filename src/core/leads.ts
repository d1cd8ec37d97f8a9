/**
 * Leads, measured rather than claimed: when each meter's signal fired and when test accuracy left
 * the plateau, passed 50%, 95% and 99%, and the signed difference (positive = the meter came first;
 * negative = it came late). Computed from a run's own series, so the Run record, the page and the
 * CLI's multi-seed summary all say the same thing.
 */
import type { FourierRow } from './fourier';
import type { EntropyRow, LlcRow } from './meterConfig';
import { entropyCrossing, phaseEvents } from './phases';
import type { MetricRow } from './series';
import { mean, sampleSd } from './metrics/chainNoise';

/** The LLC signal: the estimate falls to this share of its peak after memorizing. */
export const LLC_SIGNAL_SHARE = 0.5;
/** The restricted-loss signal: it falls to this share of the loss of a network that knows nothing. */
export const RESTRICTED_SIGNAL_SHARE = 0.5;
/**
 * The loss of all-zero logits, a network that knows nothing: log p for cross-entropy; for MSE the mean
 * square of the centred one-hot targets, (1 − 1/p)/p.
 */
export const chanceLoss = (kind: 'ce' | 'mse', p: number): number => (kind === 'mse' ? (1 - 1 / p) / p : Math.log(p));


export interface LeadEvents {
  /** First step test accuracy is 10 points above chance (the end of the plateau). */
  rise: number | null;
  /** First step test accuracy reached 50%, the grok step (95%), and 99% (Khanh et al.'s grok step). */
  half: number | null;
  grok: number | null;
  full: number | null;
  /** First converged LLC estimate, at or after the fit step, at or below half the peak of the converged ones from the fit step on. */
  llcSignal: number | null;
  /** First H̃ below the threshold at or after the fit step (T_collapse). */
  entropySignal: number | null;
  /** First restricted loss at or after the fit step at or below RESTRICTED_SIGNAL_SHARE of the chance loss. */
  restrictedSignal: number | null;
}

/** What a lead is measured to, in the order tables list them. */
export const LEAD_TARGETS = [
  { key: 'toRise', event: 'rise', label: 'the rise' },
  { key: 'toHalf', event: 'half', label: '50%' },
  { key: 'toGrok', event: 'grok', label: '95%' },
  { key: 'toFull', event: 'full', label: '99%' },
] as const;
export type LeadKey = (typeof LEAD_TARGETS)[number]['key'];
/** Signed leads in steps (event − signal); null when either did not happen. */
export type LeadsTo = Record<LeadKey, number | null>;

/** The meters that give a signal, with the event that records it: one list for the record, the CLI and the page. */
export const LEAD_METERS = [
  { id: 'llc', signal: 'llcSignal', label: 'LLC' },
  { id: 'entropy', signal: 'entropySignal', label: 'H̃' },
  { id: 'restricted', signal: 'restrictedSignal', label: 'restricted loss' },
] as const;
export type LeadMeter = (typeof LEAD_METERS)[number]['id'];

export interface Leads {
  events: LeadEvents;
  llc: LeadsTo;
  entropy: LeadsTo;
  restricted: LeadsTo;
}

/** The test accuracy Khanh et al. call grokked, the end of the lead they report. */
export const FULL_ACCURACY = 0.99;

type LlcPoint = Pick<LlcRow, 'step' | 'llc'> & { converged?: boolean };

/** Only converged estimates count: an unconverged one measures how far its chains got, not the basin. */
export function llcSignal(llc: readonly LlcPoint[], fitStep: number | null): number | null {
  if (fitStep === null) return null;
  const after = llc.filter((r) => r.step >= fitStep && Number.isFinite(r.llc) && r.converged === true);
  let peak = -Infinity;
  for (const r of after) {
    peak = Math.max(peak, r.llc);
    if (peak > 0 && r.llc <= LLC_SIGNAL_SHARE * peak) return r.step;
  }
  return null;
}

/** The algorithm alone answers the training pairs: the restricted loss falls well below knowing nothing. */
export function restrictedSignal(progress: readonly Pick<FourierRow, 'step' | 'restrictedLoss'>[], chanceLoss: number, fitStep: number | null): number | null {
  if (fitStep === null) return null;
  return progress.find((r) => r.step >= fitStep && r.restrictedLoss !== null && r.restrictedLoss <= RESTRICTED_SIGNAL_SHARE * chanceLoss)?.step ?? null;
}

export interface LeadSeries {
  metrics: readonly Pick<MetricRow, 'step' | 'trainAcc' | 'testAcc'>[];
  llc: readonly LlcPoint[];
  entropy: readonly Pick<EntropyRow, 'step' | 'entropy'>[];
  progress: readonly Pick<FourierRow, 'step' | 'restrictedLoss'>[];
}

/** `chanceLoss`: the loss of all-zero logits (core/losses.ts), the scale of the restricted-loss signal. */
export function computeLeads(series: LeadSeries, at: { p: number; chanceLoss: number; fitStep: number | null; threshold: number }): Leads {
  const { metrics, llc, entropy, progress } = series;
  const { fitStep, threshold } = at;
  const { riseStep, grokStep } = phaseEvents(metrics, 1 / at.p);
  const events: LeadEvents = {
    rise: riseStep,
    half: metrics.find((r) => r.testAcc >= 0.5)?.step ?? null,
    grok: grokStep,
    full: metrics.find((r) => r.testAcc >= FULL_ACCURACY)?.step ?? null,
    llcSignal: llcSignal(llc, fitStep),
    entropySignal: entropyCrossing(entropy, threshold, fitStep),
    restrictedSignal: restrictedSignal(progress, at.chanceLoss, fitStep),
  };
  const lead = (signal: number | null): LeadsTo => {
    const to = (event: number | null) => (signal === null || event === null ? null : event - signal);
    return Object.fromEntries(LEAD_TARGETS.map((t) => [t.key, to(events[t.event])])) as LeadsTo;
  };
  return { events, llc: lead(events.llcSignal), entropy: lead(events.entropySignal), restricted: lead(events.restrictedSignal) };
}

/** Mean and spread (sample standard deviation) of the leads that happened, with how many did. */
export function summarize(values: readonly (number | null)[]): { n: number; of: number; mean: number | null; sd: number | null } {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return { n: 0, of: values.length, mean: null, sd: null };
  return { n: xs.length, of: values.length, mean: mean(xs), sd: xs.length > 1 ? sampleSd(xs) : null };
}
