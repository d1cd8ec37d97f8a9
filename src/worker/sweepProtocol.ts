/**
 * Messages between the page and the sweep's worker. The page's request is checked on arrival (a
 * malformed one gets an error reply naming the field), like the training worker's commands.
 */
import { z } from 'zod';
import { RunConfigSchema } from '../core/config';
import { SWEEP_AXES, type SweepCell, type SweepSpec } from '../core/sweep/grid';
import type { SweepMode } from '../core/sweep/runSweep';
import { BACKENDS, type BackendName, type BackendSpeed } from './protocol';

/** At most this many values per axis: a 8 × 8 grid is already 64 runs. */
export const MAX_AXIS_VALUES = 8;

const AxisSchema = z.object({ key: z.enum(SWEEP_AXES), values: z.array(z.number().finite()).min(1).max(MAX_AXIS_VALUES) });

const SpecSchema = z.object({ base: RunConfigSchema, x: AxisSchema, y: AxisSchema });

const KnownSchema = z.array(
  z.object({ backend: z.enum(BACKENDS), stepsPerSec: z.number().nonnegative().nullable(), lowerBound: z.boolean().optional(), note: z.string().max(300) }),
);

export const SweepRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('measure'), spec: SpecSchema, oneAtATime: z.boolean().optional(), known: KnownSchema.optional() }),
  z.object({
    type: z.literal('start'),
    spec: SpecSchema,
    use: z.object({ backend: z.enum(BACKENDS), mode: z.enum(['batched', 'sequential']) }),
    only: z.array(z.number().int().min(0)),
  }),
  z.object({ type: z.literal('stop') }),
]);

/**
 * `measure` times the ways to train the grid here (one run at a time only, with `oneAtATime`: the
 * page's own run asks which backend trains it fastest) and answers `measured`; `known` are the page's
 * own timings of its run, so a backend already found far too slow is not timed again. `start` trains the runs
 * at `only` (this worker's share of the grid) the way chosen.
 */
export type SweepRequest =
  | { type: 'measure'; spec: SweepSpec; oneAtATime?: boolean; known?: BackendSpeed[] }
  | { type: 'start'; spec: SweepSpec; use: Pick<Candidate, 'backend' | 'mode'>; only: number[] }
  | { type: 'stop' };

/** One way of training the grid, timed on the grid's own runs. */
export interface Candidate {
  backend: BackendName;
  mode: SweepMode;
  /** Network-steps per second; null when it could not run (the reason in `note`). */
  rate: number | null;
  /** The rate of a slow first step alone (shaders compiling, say): the real rate is at least this. */
  lowerBound?: boolean;
  note: string;
}

export type SweepReply =
  | { type: 'measured'; candidates: Candidate[]; chosen: Candidate }
  | { type: 'cell'; index: number; cell: SweepCell }
  | { type: 'progress'; networkSteps: number; active: number; seconds: number }
  | { type: 'done'; seconds: number; stopped: boolean }
  | { type: 'error'; message: string };
