/**
 * What a run measures, free of tfjs so the main thread can import it without pulling in the
 * training stack.
 */
import type { LiveHyper } from './config';

export interface MetricRow {
  step: number;
  trainAcc: number;
  testAcc: number;
  trainLoss: number;
  testLoss: number;
  weightNorm: number;
}

export const METRIC_KEYS = ['step', 'trainAcc', 'testAcc', 'trainLoss', 'testLoss', 'weightNorm'] as const;

export interface RunEvents {
  /** First measured step with train accuracy ≥ FIT_THRESHOLD. */
  fitStep: number | null;
  /** First measured step with test accuracy ≥ GROK_THRESHOLD. */
  grokStep: number | null;
}

export interface HyperChange extends LiveHyper {
  step: number;
}

export const FIT_THRESHOLD = 0.99;
export const GROK_THRESHOLD = 0.95;
