/** Lessons are data: one JSON file each, validated here against the lesson schema. */
import { z } from 'zod';
import { RunConfigFields } from '../core/config';
import { PRESETS } from '../core/presets';
import lessMoreData from './less-data.json';
import memorizeThenJump from './memorize-then-jump.json';
import metersBeforeTheJump from './meters-before-the-jump.json';
import noWeightDecay from './no-weight-decay.json';

const presetIds = PRESETS.map((p) => p.id) as [string, ...string[]];

export const LessonSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  steps: z
    .array(
      z.object({
        title: z.string().min(1),
        text: z.string().min(1),
        /** What to look at on screen during this step. */
        watch: z.string().min(1),
        preset: z.enum(presetIds),
        /** Settings on top of the preset; only learning rate and weight decay apply without a restart. */
        config: RunConfigFields.partial().strict().optional(),
        autoplay: z.boolean(),
      }),
    )
    .min(1),
});

export type Lesson = z.infer<typeof LessonSchema>;

export const LESSONS: Lesson[] = [memorizeThenJump, noWeightDecay, lessMoreData, metersBeforeTheJump].map((l) => LessonSchema.parse(l));

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
