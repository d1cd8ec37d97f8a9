/**
 * The Run record: config + metric series + events, as versioned JSON.
 * The CLI writes it; export/import and embeds read the same format.
 */
import { z } from 'zod';
import { LIMITS, RunConfigSchema, type RunConfig } from './config';
import {
  LlcSettingsSchema,
  MeterConfigSchema,
  PAPER_ENTROPY_THRESHOLD,
  type EntropyRow,
  type LlcRow,
  type MeterConfig,
} from './meterConfig';
import { chanceLoss, computeLeads } from './leads';
import type { FourierRow } from './fourier';
import { detectPhases, PHASES, type Phase } from './phases';
import type { HyperChange, MetricRow, RunEvents } from './series';

export const RUN_FORMAT = 'grokscope-run';
export const RUN_VERSION = 1;

const finite = z.number().refine(Number.isFinite, { error: 'must be a finite number' });
const share = finite.refine((v) => v >= 0 && v <= 1, { error: 'must be between 0 and 1' });
const nonNegative = finite.refine((v) => v >= 0, { error: 'must be 0 or more' });
/** No run reaches this many steps in a browser; larger values are corrupt, not ambitious. */
export const MAX_RECORD_STEP = 100_000_000;
const step = z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must be 0 or more' }).max(MAX_RECORD_STEP, { error: `must be at most ${MAX_RECORD_STEP.toLocaleString('en-US')}` });
const eventStep = step.nullable();

/** Steps of a series must increase from row to row. */
function increasing<T extends { step: number }>(rows: T[], ctx: z.RefinementCtx, field: string): void {
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].step <= rows[i - 1].step) {
      ctx.addIssue({ code: 'custom', path: [field, i, 'step'], message: `must be greater than the row before (${rows[i - 1].step})` });
      return;
    }
  }
}

const signedLead = z.number().int().nullable();
// The 99% lead came later: records without it read it as not measured.
const leadsTo = z.object({ toRise: signedLead, toHalf: signedLead, toGrok: signedLead, toFull: signedLead.default(null) });
const notMeasured = { toRise: null, toHalf: null, toGrok: null, toFull: null };
const LeadsSchema = z.object({
  events: z.object({
    rise: eventStep,
    half: eventStep,
    grok: eventStep,
    full: eventStep.default(null),
    llcSignal: eventStep,
    entropySignal: eventStep,
    restrictedSignal: eventStep.default(null),
  }),
  llc: leadsTo,
  entropy: leadsTo,
  // The progress measures came later still.
  restricted: leadsTo.default(notMeasured),
});

const frequency = z.number().int().min(1).max(LIMITS.p.max);
/** A Fourier view with the progress measures (core/fourier.ts, core/progress.ts). */
const ProgressRowSchema = z.object({
  step,
  power: z.array(share),
  keyFrequencies: z.array(frequency),
  top5Share: share,
  unitFrequency: z.array(frequency),
  unitShare: z.array(share),
  topFrequencyShare: share,
  restrictedLoss: nonNegative.nullable(),
  excludedLoss: nonNegative.nullable(),
});

const RunRecordShape = z.object({
  format: z.literal(RUN_FORMAT),
  version: z.literal(RUN_VERSION),
  config: RunConfigSchema,
  backend: z.string(),
  createdAt: z.string(),
  wallMs: nonNegative,
  metrics: z.array(
    z.object({
      step,
      trainAcc: share,
      testAcc: share,
      trainLoss: nonNegative,
      testLoss: nonNegative,
      weightNorm: nonNegative,
    }),
  ),
  meters: MeterConfigSchema,
  /** LLC estimates; llc is null where every chain diverged (the warnings say so). */
  llc: z.array(
    z.object({
      step,
      llc: finite.nullable(),
      stdErr: nonNegative,
      settings: LlcSettingsSchema,
      nBeta: finite.refine((v) => v > 0, { error: 'must be positive' }),
      // Absent in files written before the estimator reported convergence: read as not converged.
      converged: z.boolean().default(false),
      drift: nonNegative.optional(),
      trend: nonNegative.optional(),
      chainSpread: nonNegative.optional(),
      distance: nonNegative.optional(),
      trace: z.array(z.array(finite)).optional(),
      centerLoss: nonNegative.optional(),
      warnings: z.array(z.string()),
    }),
  ),
  entropy: z.array(z.object({ step, entropy: share, topShare: share })),
  /** Fourier views with Nanda et al.'s progress measures; absent in older files. */
  progress: z.array(ProgressRowSchema).default([]),
  events: z.object({
    fitStep: eventStep,
    grokStep: eventStep,
    /** First step test accuracy rose 10 points above chance. */
    riseStep: eventStep,
    /** First measured step after the fit step with H̃ below `entropyThreshold` (T_collapse). */
    entropyCrossStep: eventStep,
    entropyThreshold: share,
  }),
  phases: z.array(z.object({ name: z.enum(PHASES), from: step, to: step, ongoing: z.boolean() })),
  /** When each meter's signal fired and when test accuracy rose, as signed leads (core/leads.ts); absent in older files. */
  leads: LeadsSchema.optional(),
  hyperChanges: z.array(z.object({ step, lr: nonNegative, wd: nonNegative })),
  divergence: z.string().nullable(),
  /**
   * A branch (Fork): the run followed `parent` up to `step` and `config` after it; the metrics hold
   * both parts. Null for a run trained with one configuration; absent in older files.
   */
  branch: z.object({ step, parent: RunConfigSchema }).nullable().default(null),
});

/** The shape, plus what makes a record plausible: increasing steps, events within the run. */
export const RunRecordSchema = RunRecordShape.superRefine((r, ctx) => {
  increasing(r.metrics, ctx, 'metrics');
  increasing(r.llc, ctx, 'llc');
  increasing(r.entropy, ctx, 'entropy');
  increasing(r.progress, ctx, 'progress');
  const last = Math.max(0, ...[r.metrics, r.llc, r.entropy, r.progress].map((rows) => rows.at(-1)?.step ?? 0));
  for (const key of ['fitStep', 'grokStep', 'riseStep', 'entropyCrossStep'] as const) {
    const at = r.events[key];
    if (at !== null && at > last) ctx.addIssue({ code: 'custom', path: ['events', key], message: `step ${at} is after the run's last step (${last})` });
  }
  if (r.branch && r.branch.step > last) ctx.addIssue({ code: 'custom', path: ['branch', 'step'], message: `step ${r.branch.step} is after the run's last step (${last})` });
  r.phases.forEach((ph, i) => {
    if (ph.from > ph.to || ph.to > last) ctx.addIssue({ code: 'custom', path: ['phases', i], message: `runs from step ${ph.from} to ${ph.to}, outside the run (0–${last})` });
  });
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
  progress: FourierRow[];
  branch?: { step: number; parent: RunConfig } | null;
}): RunRecord {
  const { p, loss } = args.config;
  const phases: Phase[] = detectPhases(args.metrics, 1 / p);
  const leads = computeLeads(args, { p, chanceLoss: chanceLoss(loss, p), fitStep: args.events.fitStep, threshold: PAPER_ENTROPY_THRESHOLD });
  return {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    createdAt: new Date().toISOString(),
    ...args,
    branch: args.branch ?? null,
    // JSON has no NaN: an estimate whose chains all diverged is recorded as null, with its warnings.
    llc: args.llc.map((r) => ({ ...r, llc: Number.isFinite(r.llc) ? r.llc : null })),
    events: {
      ...args.events,
      riseStep: leads.events.rise,
      entropyCrossStep: leads.events.entropySignal,
      entropyThreshold: PAPER_ENTROPY_THRESHOLD,
    },
    phases,
    leads,
  };
}
