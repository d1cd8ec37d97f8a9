/** Lessons are data: one JSON file each, validated here against the lesson schema. */
import { z } from 'zod';
import { needsRestart, RunConfigFields, type RunConfig } from '../core/config';
import { findPreset, PRESETS } from '../core/presets';
import { LESSON_EVENTS } from '../core/moments';
import { PANELS } from '../core/panels';
import lessMoreData from './less-data.json';
import memorizeThenJump from './memorize-then-jump.json';
import metersBeforeTheJump from './meters-before-the-jump.json';
import noWeightDecay from './no-weight-decay.json';
import insideTheNetwork from './inside-the-network.json';

const presetIds = PRESETS.map((p) => p.id) as [string, ...string[]];

// Moments of the live run a lesson step can run until (then the training worker pauses there).
export { LESSON_EVENTS, type LessonEvent } from '../core/moments';

/**
 * Numbers of the live run a lesson's text can quote as {name}: steps of the fit, the H̃ crossing,
 * the test rise (chance + 10 points), 95% and 99%, test accuracy at the crossing, the crossing's
 * signed leads, and the restricted-loss signal with its lead to 95%. Never typed in: the text says
 * what this run did.
 */
export const LESSON_FACTS = ['fit', 'crossing', 'crossingTest', 'rise', 'grok', 'full', 'leadToRise', 'leadToGrok', 'leadToFull', 'restricted', 'restrictedToGrok', 'flatUntil', 'climb', 'flatOverClimb'] as const;
export type LessonFact = (typeof LESSON_FACTS)[number];

const withFacts = z
  .string()
  .min(1)
  .refine((t) => [...t.matchAll(/\{(\w+)\}/g)].every((m) => (LESSON_FACTS as readonly string[]).includes(m[1])), {
    error: `a {placeholder} must be one of ${LESSON_FACTS.join(', ')}`,
  });

export const LessonSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  steps: z
    .array(
      z.object({
        title: z.string().min(1),
        text: withFacts,
        /** What to look at on screen during this step. */
        watch: withFacts,
        /** The panel that text asks to watch beside accuracy: scrolled into view, and shown next to it when presenting. */
        show: z.enum(PANELS).refine((p) => p !== 'accuracy', { error: 'accuracy is always shown' }).optional(),
        preset: z.enum(presetIds),
        /** Settings on top of the preset; only learning rate and weight decay apply without a restart. */
        config: RunConfigFields.partial().strict().optional(),
        autoplay: z.boolean(),
        /**
         * Keeps the previous step's run (its weights and history) and applies this step's settings
         * live; otherwise the step starts a new run at step 0, as a reader expects of a new page.
         */
        continue: z.boolean().optional(),
        /** Training pauses when the live run reaches this moment (or step), so text and chart agree. */
        until: z.union([z.enum(LESSON_EVENTS), z.number().int().positive()]).optional(),
      }),
    )
    .min(1)
    .superRefine((steps, ctx) => {
      steps.forEach((st, i) => {
        if (!st.continue) return;
        const prev = steps[i - 1];
        if (!prev) return ctx.addIssue({ code: 'custom', path: [i, 'continue'], message: 'the first step has no run to continue' });
        // Going back to a step replays the run up to it: each step a later one continues must say where it ends.
        if (prev.until === undefined) ctx.addIssue({ code: 'custom', path: [i - 1, 'until'], message: 'a step that the next one continues needs an "until"' });
        if (needsRestart(stepConfig(prev), stepConfig(st))) {
          ctx.addIssue({ code: 'custom', path: [i, 'config'], message: 'a continuing step may change only the learning rate and weight decay' });
        }
      });
    }),
});

export type Lesson = z.infer<typeof LessonSchema>;

export const LESSONS: Lesson[] = [memorizeThenJump, noWeightDecay, lessMoreData, metersBeforeTheJump, insideTheNetwork].map((l) => LessonSchema.parse(l));

/** A step's run settings: its preset with its own settings on top (unchecked; the lessons test parses each). */
export function stepConfig(st: { preset: string; config?: Partial<RunConfig> }): RunConfig {
  return { ...findPreset(st.preset)!.config, ...st.config };
}

/**
 * The first step of the run that step `k` (1-based) shows: k itself unless it continues earlier steps.
 * Opening step k anew (a link, Back, a jump) replays the run from there, pausing at each step's
 * "until" only when it reaches k, so the chart shows what it showed when the reader was on it.
 */
export function runStartOf(lesson: Lesson, k: number): number {
  let j = k;
  while (j > 1 && lesson.steps[j - 1].continue) j -= 1;
  return j;
}

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
