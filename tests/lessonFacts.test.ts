/** Lesson text quotes the live run, and a step's "until" moment is recognised from the run's own events. */
import { describe, expect, it } from 'vitest';
import { plateauShape } from '../src/core/plateauShape';
import { LessonSchema } from '../src/lessons';
import { fillFacts, lessonFacts, reachedMoment, type RunMoments } from '../src/ui/lessonFacts';

import { leadsOf } from './leadsOf';
const metrics = [0, 100, 200, 300, 400, 500, 600, 700].map((step, i) => ({
  step,
  trainAcc: i > 0 ? 1 : 0.1,
  testAcc: [0.02, 0.02, 0.03, 0.04, 0.2, 0.6, 0.96, 0.995][i],
}));
const entropy = [0, 100, 200, 300].map((step, i) => ({ step, entropy: [0.8, 0.75, 0.7, 0.55][i] }));

function moments(upTo: number): RunMoments {
  const rows = metrics.filter((r) => r.step <= upTo);
  const ent = entropy.filter((r) => r.step <= upTo);
  return {
    step: upTo,
    fitStep: upTo >= 100 ? 100 : null,
    leads: leadsOf(rows, [], ent, upTo >= 100 ? 100 : null, 0.609),
    plateau: plateauShape(rows, 0.02),
    testAccAt: (s) => rows.find((r) => r.step >= s)?.testAcc ?? null,
  };
}

describe('lesson facts', () => {
  it('fills {placeholders} with this run’s numbers, and "…" for what has not happened yet', () => {
    const text = 'Crossed at {crossing} with test at {crossingTest}; rise at {rise}, 95% at {grok}, 99% at {full}; lead {leadToGrok}.';
    expect(fillFacts(text, lessonFacts(moments(300)))).toBe('Crossed at 300 with test at 4.0%; rise at …, 95% at …, 99% at …; lead ….');
    expect(fillFacts(text, lessonFacts(moments(700)))).toBe('Crossed at 300 with test at 4.0%; rise at 400, 95% at 600, 99% at 700; lead +300.');
    const wait = 'Flat until {flatUntil}, then 10% to 90% in {climb} steps ({flatOverClimb}×).';
    expect(fillFacts(wait, lessonFacts(moments(500)))).toBe('Flat until 300, then 10% to 90% in … steps (…×).');
    expect(fillFacts(wait, lessonFacts(moments(700)))).toBe('Flat until 300, then 10% to 90% in 200 steps (1.5×).');
  });

  it('recognises each moment only once it has happened', () => {
    expect(reachedMoment('memorized', moments(0))).toBe(false);
    expect(reachedMoment('memorized', moments(100))).toBe(true);
    expect(reachedMoment('entropy-crossing', moments(200))).toBe(false);
    expect(reachedMoment('entropy-crossing', moments(300))).toBe(true);
    expect(reachedMoment('rise', moments(300))).toBe(false);
    expect(reachedMoment('rise', moments(400))).toBe(true);
    expect(reachedMoment('grokked', moments(500))).toBe(false);
    expect(reachedMoment('grokked', moments(600))).toBe(true);
    expect(reachedMoment(450, moments(400))).toBe(false);
    expect(reachedMoment(450, moments(500))).toBe(true);
  });

  it('refuses a lesson that quotes a number the run does not provide', () => {
    const step = { title: 't', text: 'Grokked at {grokStep}.', watch: 'w', preset: 'classic', autoplay: false };
    expect(LessonSchema.safeParse({ id: 'x', title: 'x', steps: [step] }).success).toBe(false);
    expect(LessonSchema.safeParse({ id: 'x', title: 'x', steps: [{ ...step, text: 'Grokked at {grok}.' }] }).success).toBe(true);
  });
});
