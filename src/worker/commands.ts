/**
 * Every command the worker accepts, as one schema: a message that fails it gets one kind of error,
 * naming the command and the field, whatever sent it (the page, an embed's host, a stale tab).
 */
import { z } from 'zod';
import { RunConfigSchema } from '../core/config';
import { LandscapeSettingsSchema } from '../core/landscape/settings';
import { MeterConfigSchema } from '../core/meterConfig';
import { LESSON_EVENTS } from '../core/moments';
import { BACKENDS, SPEEDS, type WorkerCommand } from './protocol';

/** A checkpoint is the worker's own earlier output; its arrays are checked by Trainer.restore's shapes. */
const CheckpointSchema = z.custom<NonNullable<Extract<WorkerCommand, { type: 'init' }>['resume']>>(
  (v) => typeof v === 'object' && v !== null && Number.isInteger((v as { step?: unknown }).step) && Array.isArray((v as { params?: unknown }).params),
  { error: 'resume is not a checkpoint' },
);

const BranchSchema = z.object({ step: z.number().int().min(0).max(10_000_000), config: RunConfigSchema });

const WorkerCommandSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('init'),
      config: RunConfigSchema,
      meters: MeterConfigSchema,
      landscape: LandscapeSettingsSchema,
      backend: z.enum([...BACKENDS, 'auto']),
      resume: CheckpointSchema.optional(),
      branch: BranchSchema.optional(),
    }),
    z.object({ type: z.literal('play') }),
    z.object({ type: z.literal('pause') }),
    z.object({ type: z.literal('step') }),
    z.object({ type: z.literal('reset') }),
    z.object({ type: z.literal('speed'), speed: z.enum(SPEEDS) }),
    z.object({ type: z.literal('configure'), config: RunConfigSchema, fresh: z.boolean().optional() }),
    z.object({ type: z.literal('meters'), meters: MeterConfigSchema }),
    z.object({ type: z.literal('landscape'), settings: LandscapeSettingsSchema }),
    z.object({ type: z.literal('fork'), ...BranchSchema.shape }),
    z.object({ type: z.literal('use-backend'), backend: z.enum(BACKENDS), why: z.string().max(300) }),
    z.object({
      type: z.literal('pause-at'),
      fromRun: z.number().int().min(0),
      moment: z.union([z.enum(LESSON_EVENTS), z.number().int().min(0), z.null()]),
      threshold: z.number().min(0).max(1),
    }),
    z.object({ type: z.literal('ablate'), frequencies: z.array(z.number().int().min(1).max(105)).max(20) }),
    z.object({
      type: z.literal('benchmark'),
      config: RunConfigSchema,
      meters: MeterConfigSchema,
      steps: z.number().int().min(1).max(100_000),
      forwards: z.number().int().min(1).max(100_000),
      sliceSize: LandscapeSettingsSchema.shape.size,
    }),
  ],
  { error: 'unknown command' },
);

export type ParsedCommand = { ok: true; command: WorkerCommand } | { ok: false; message: string };

export function parseCommand(data: unknown): ParsedCommand {
  const result = WorkerCommandSchema.safeParse(data);
  if (result.success) return { ok: true, command: result.data as WorkerCommand };
  const type = typeof data === 'object' && data !== null ? String((data as { type?: unknown }).type ?? '(none)').slice(0, 40) : typeof data;
  const issues = result.error.issues.slice(0, 3).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return { ok: false, message: `The worker refused a "${type}" message: ${issues.join('; ')}` };
}
