import { computeLeads, type LeadSeries } from '../src/core/leads';

export const chance = 0.02;

/** The leads of a run at p = 50 (chance 2%, cross-entropy) with no progress measures. */
export const leadsOf = (metrics: LeadSeries['metrics'], llc: LeadSeries['llc'], entropy: LeadSeries['entropy'], fitStep: number | null, threshold: number) =>
  computeLeads({ metrics, llc, entropy, progress: [] }, { p: 1 / chance, chanceLoss: Math.log(1 / chance), fitStep, threshold });
