/**
 * The Run record: config + metric series + events, as versioned JSON.
 * The CLI writes it; export/import and embeds read the same format.
 */
import { z } from 'zod';
import { RunConfigSchema, type RunConfig } from './config';
import {
  LlcSettingsSchema,
  MeterConfigSchema,
  PAPER_ENTROPY_THRESHOLD,
  type EntropyRow,
  type LlcRow,
  type MeterConfig,
} from './meterConfig';
import { detectPhases, entropyCrossing, phaseEvents, PHASES, type Phase } from './phases';
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
  meters: MeterConfigSchema,
  /** LLC estimates; llc is null where every chain diverged (the warnings say so). */
  llc: z.array(
    z.object({
      step: z.number().int().nonnegative(),
      llc: z.number().nullable(),
      stdErr: z.number(),
      settings: LlcSettingsSchema,
      nBeta: z.number(),
      warnings: z.array(z.string()),
    }),
  ),
  entropy: z.array(z.object({ step: z.number().int().nonnegative(), entropy: z.number(), topShare: z.number() })),
  events: z.object({
    fitStep: z.number().int().nullable(),
    grokStep: z.number().int().nullable(),
    /** First step test accuracy rose 10 points above chance. */
    riseStep: z.number().int().nullable(),
    /** First measured step after the fit step with H̃ below `entropyThreshold` (T_collapse). */
    entropyCrossStep: z.number().int().nullable(),
    entropyThreshold: z.number(),
  }),
  phases: z.array(z.object({ name: z.enum(PHASES), from: z.number(), to: z.number(), ongoing: z.boolean() })),
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
  meters: MeterConfig;
  llc: LlcRow[];
  entropy: EntropyRow[];
}): RunRecord {
  const chance = 1 / args.config.p;
  const phases: Phase[] = detectPhases(args.metrics, chance);
  return {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    createdAt: new Date().toISOString(),
    ...args,
    // JSON has no NaN: an estimate whose chains all diverged is recorded as null, with its warnings.
    llc: args.llc.map((r) => ({ ...r, llc: Number.isFinite(r.llc) ? r.llc : null })),
    events: {
      ...args.events,
      riseStep: phaseEvents(args.metrics, chance).riseStep,
      entropyCrossStep: entropyCrossing(args.entropy, PAPER_ENTROPY_THRESHOLD, args.events.fitStep),
      entropyThreshold: PAPER_ENTROPY_THRESHOLD,
    },
    phases,
  };
}
