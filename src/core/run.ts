/**
 * The Run record: config + metric series + events, as versioned JSON.
 * The CLI writes it; export/import and embeds read the same format.
 */
import { z } from 'zod';
import { RunConfigSchema, type RunConfig } from './config';
import type { HyperChange, MetricRow, RunEvents } from './series';

export const RUN_FORMAT = 'grokscope-run';
export const RUN_VERSION = 1;

const finite = z.number().refine(Number.isFinite, { error: 'must be a finite number' });

export const RunRecordSchema = z.object({
  format: z.literal(RUN_FORMAT),
  version: z.literal(RUN_VERSION),
  config: RunConfigSchema,
  backend: z.string(),
  createdAt: z.string(),
  wallMs: z.number().nonnegative(),
  metrics: z.array(
    z.object({
      step: z.number().int().nonnegative(),
      trainAcc: finite,
      testAcc: finite,
      trainLoss: finite,
      testLoss: finite,
      weightNorm: finite,
    }),
  ),
  events: z.object({ fitStep: z.number().int().nullable(), grokStep: z.number().int().nullable() }),
  hyperChanges: z.array(z.object({ step: z.number().int(), lr: finite, wd: finite })),
  divergence: z.string().nullable(),
});

export type RunRecord = z.infer<typeof RunRecordSchema>;

export function makeRunRecord(args: {
  config: RunConfig;
  backend: string;
  metrics: MetricRow[];
  events: RunEvents;
  hyperChanges: HyperChange[];
  wallMs: number;
  divergence: string | null;
}): RunRecord {
  return { format: RUN_FORMAT, version: RUN_VERSION, createdAt: new Date().toISOString(), ...args };
}
