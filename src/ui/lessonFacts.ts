/** The live run's numbers a lesson quotes, and whether a step's "until" moment has come. */
import type { Leads } from '../core/leads';
import type { PlateauShape } from '../core/plateauShape';
import type { LessonEvent, LessonFact } from '../lessons';
import { formatInt, formatPct, formatSigned } from './format';

export interface RunMoments {
  step: number;
  fitStep: number | null;
  leads: Leads | null;
  /** The wait's shape on a linear axis (core/plateauShape). */
  plateau: PlateauShape | null;
  /** Test accuracy at the first measured step at or after `step`. */
  testAccAt(step: number): number | null;
}

const WAITING = '…';

export function lessonFacts(m: RunMoments): Record<LessonFact, string> {
  const e = m.leads?.events;
  const crossing = e?.entropySignal ?? null;
  const step = (v: number | null | undefined) => (v == null ? WAITING : formatInt(v));
  const lead = (v: number | null | undefined) => (v == null ? WAITING : formatSigned(v));
  const crossingTest = crossing === null ? null : m.testAccAt(crossing);
  return {
    fit: step(m.fitStep),
    crossing: step(crossing),
    crossingTest: crossingTest === null ? WAITING : formatPct(crossingTest),
    rise: step(e?.rise),
    grok: step(e?.grok),
    full: step(e?.full),
    leadToRise: lead(m.leads?.entropy.toRise),
    leadToGrok: lead(m.leads?.entropy.toGrok),
    leadToFull: lead(m.leads?.entropy.toFull),
    restricted: step(e?.restrictedSignal),
    restrictedToGrok: lead(m.leads?.restricted.toGrok),
    flatUntil: step(m.plateau?.flatUntil),
    climb: step(m.plateau?.climbTo != null && m.plateau.climbFrom != null ? m.plateau.climbTo - m.plateau.climbFrom : null),
    flatOverClimb: m.plateau?.flatOverClimb == null ? WAITING : m.plateau.flatOverClimb.toFixed(1),
  };
}

/** The text with each {fact} replaced by this run's number ("…" until it happens). */
export function fillFacts(text: string, facts: Record<LessonFact, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in facts ? facts[name as LessonFact] : whole));
}

export function reachedMoment(until: LessonEvent | number, m: RunMoments): boolean {
  if (typeof until === 'number') return m.step >= until;
  const e = m.leads?.events;
  switch (until) {
    case 'memorized':
      return m.fitStep !== null;
    case 'entropy-crossing':
      return e?.entropySignal != null;
    case 'rise':
      return e?.rise != null;
    case 'grokked':
      return e?.grok != null;
  }
}
