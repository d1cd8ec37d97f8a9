/**
 * The shape of a run's wait on a linear step axis, Power et al.'s picture: how long test accuracy
 * stayed near chance and how long its climb took. A textbook plateau is a long flat stretch and a
 * short climb (flat ≥ 3× the climb), long after memorizing (grok ≥ 10× the fit step).
 */
import { phaseEvents } from './phases';
import type { MetricRow } from './series';

/** "Near chance": within this many points of it. */
export const FLAT_MARGIN = 0.05;
/** The climb is timed from this test accuracy to the next. */
export const CLIMB_FROM = 0.1;
export const CLIMB_TO = 0.9;

export interface PlateauShape {
  fitStep: number | null;
  /** The last measured step with test accuracy within FLAT_MARGIN of chance before the climb began. */
  flatUntil: number | null;
  climbFrom: number | null;
  climbTo: number | null;
  grokStep: number | null;
  /** flatUntil / (climbTo − climbFrom); null until the climb is over. */
  flatOverClimb: number | null;
  /** grokStep / fitStep; null until grokked. */
  grokOverFit: number | null;
}

export function plateauShape(rows: readonly Pick<MetricRow, 'step' | 'trainAcc' | 'testAcc'>[], chance: number): PlateauShape {
  const { fitStep, grokStep } = phaseEvents(rows, chance);
  const from = rows.findIndex((r) => r.testAcc >= CLIMB_FROM);
  const climbFrom = from >= 0 ? rows[from].step : null;
  const climbTo = rows.find((r) => r.testAcc >= CLIMB_TO)?.step ?? null;
  let flatUntil: number | null = null;
  for (let i = from - 1; i >= 0; i--)
    if (rows[i].testAcc <= chance + FLAT_MARGIN) {
      flatUntil = rows[i].step;
      break;
    }
  const climb = climbFrom !== null && climbTo !== null ? climbTo - climbFrom : null;
  return {
    fitStep,
    flatUntil,
    climbFrom,
    climbTo,
    grokStep,
    flatOverClimb: flatUntil !== null && climb ? flatUntil / climb : null,
    grokOverFit: grokStep !== null && fitStep ? grokStep / fitStep : null,
  };
}
