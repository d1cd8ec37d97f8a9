/**
 * Moments of a live run a lesson step runs until, decided where the rows are measured: the training
 * worker stops on the very row (or H̃ measurement) that reaches the moment, so a lesson pauses there
 * however busy the page is. The thresholds are the phases' and the leads' own.
 */
import type { EntropyRow } from './meterConfig';
import { RISE_MARGIN } from './phases';
import { FIT_THRESHOLD, GROK_THRESHOLD, type MetricRow } from './series';

export const LESSON_EVENTS = ['memorized', 'entropy-crossing', 'rise', 'grokked'] as const;
export type LessonEvent = (typeof LESSON_EVENTS)[number];
/** An event, or a step number. */
export type Moment = LessonEvent | number;

/** A lesson's request: pause on `moment` in run `fromRun` or a later one, H̃ against `threshold`. */
export interface MomentRequest {
  fromRun: number;
  moment: Moment;
  threshold: number;
}

export interface MomentContext {
  /** Test accuracy of guessing (1/p): the rise is RISE_MARGIN above it. */
  chance: number;
  /** The H̃ threshold the reader has set. */
  threshold: number;
  /** The run's fit step so far: an H̃ crossing counts only at or after it. */
  fitStep(): number | null;
}

export class MomentWatch {
  /** The step the moment was reached at, once it has been. */
  reachedAt: number | null = null;

  constructor(
    readonly moment: Moment,
    private readonly at: MomentContext,
  ) {}

  /** Sees a measured row; true when it reaches the moment. */
  row(r: Pick<MetricRow, 'step' | 'trainAcc' | 'testAcc'>): boolean {
    const m = this.moment;
    const hit =
      typeof m === 'number'
        ? r.step >= m
        : m === 'memorized'
          ? r.trainAcc >= FIT_THRESHOLD
          : m === 'rise'
            ? r.testAcc >= this.at.chance + RISE_MARGIN
            : m === 'grokked' && r.testAcc >= GROK_THRESHOLD;
    return this.note(hit, r.step);
  }

  /** Sees an H̃ measurement; true when it is the crossing (below the threshold, at or after the fit). */
  entropy(r: Pick<EntropyRow, 'step' | 'entropy'>): boolean {
    const fit = this.at.fitStep();
    return this.note(this.moment === 'entropy-crossing' && fit !== null && r.step >= fit && r.entropy < this.at.threshold, r.step);
  }

  private note(hit: boolean, step: number): boolean {
    if (hit && this.reachedAt === null) this.reachedAt = step;
    return hit;
  }
}
