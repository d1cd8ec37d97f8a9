/**
 * A phase diagram's grid: two settings varied over a list of values each (weight decay × train
 * fraction by default, after Liu et al. 2022, "Omnigrok"), every other setting from a base run, and
 * what each cell's run did. Free of tfjs, so the page can draw it.
 */
import { RunConfigSchema, type RunConfig } from '../config';
import type { RunEvents } from '../series';

export const SWEEP_AXES = ['wd', 'trainFrac', 'lr'] as const;
export type SweepAxisKey = (typeof SWEEP_AXES)[number];

export const AXIS_LABEL: Record<SweepAxisKey, string> = { wd: 'weight decay', trainFrac: 'train fraction', lr: 'learning rate' };

export interface SweepAxis {
  key: SweepAxisKey;
  values: number[];
}

export interface SweepSpec {
  base: RunConfig;
  x: SweepAxis;
  y: SweepAxis;
}

/** The default grid: 6 × 6 over weight decay and train fraction, for the classic network. */
export const DEFAULT_AXES: { x: SweepAxis; y: SweepAxis } = {
  x: { key: 'wd', values: [0, 0.1, 0.3, 1, 2, 4] },
  y: { key: 'trainFrac', values: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7] },
};

/** The grids the phase-diagram panel offers. */
export const AXIS_SETS: Record<'wd-trainFrac' | 'lr-wd', { label: string; x: SweepAxis; y: SweepAxis }> = {
  'wd-trainFrac': { label: 'weight decay × train fraction', ...DEFAULT_AXES },
  'lr-wd': {
    label: 'learning rate × weight decay',
    x: { key: 'lr', values: [0.001, 0.003, 0.01, 0.03, 0.1, 0.3] },
    y: { key: 'wd', values: [0, 0.1, 0.3, 1, 2, 4] },
  },
};

export type Outcome = 'generalized' | 'grokked' | 'memorized' | 'no-fit';

/**
 * A run counts as having grokked when test accuracy reached 95% at least this many times later than
 * train accuracy reached 99%; sooner, it generalized early (no plateau to speak of).
 */
export const PLATEAU_FACTOR = 3;

export const OUTCOME_LABEL: Record<Outcome, string> = {
  generalized: 'generalized early',
  grokked: 'grokked after a plateau',
  memorized: 'memorized only',
  'no-fit': 'did not fit within the budget',
};

export function outcomeOf(events: RunEvents): Outcome {
  if (events.fitStep === null) return events.grokStep === null ? 'no-fit' : 'generalized';
  if (events.grokStep === null) return 'memorized';
  return events.grokStep >= PLATEAU_FACTOR * Math.max(events.fitStep, 1) ? 'grokked' : 'generalized';
}

export interface SweepCell {
  x: number;
  y: number;
  fitStep: number | null;
  grokStep: number | null;
  outcome: Outcome;
  /** The step training stopped: the grok step, or the budget. */
  steps: number;
  /** Why the run stopped early when it diverged (NaN / Inf), else null. */
  diverged: string | null;
}

/** The runs of a grid, row by row (y outer, x inner); each is a valid config or the grid is refused. */
export function sweepConfigs(spec: SweepSpec): RunConfig[] {
  if (spec.x.key === spec.y.key) throw new Error(`the two axes must differ (both are ${spec.x.key})`);
  return spec.y.values.flatMap((y) =>
    spec.x.values.map((x) => {
      const parsed = RunConfigSchema.safeParse({ ...spec.base, [spec.x.key]: x, [spec.y.key]: y });
      if (!parsed.success) throw new Error(`${spec.x.key} ${x}, ${spec.y.key} ${y}: ${parsed.error.issues[0].message}`);
      return parsed.data;
    }),
  );
}

/** The grid position of a run of `sweepConfigs`. */
export const cellValues = (spec: SweepSpec, config: RunConfig) => ({ x: config[spec.x.key], y: config[spec.y.key] });

/**
 * The grid's run indices, the runs expected to take longest first, so that workers taking them one
 * by one finish together instead of one training a long run alone at the end. On every axis a
 * smaller value means a later grok or none within the budget (Omnigrok: less weight decay, less
 * data, a smaller step size), so runs are ordered by how far down both axes they sit.
 */
export function longestFirst(spec: SweepSpec): number[] {
  const nx = spec.x.values.length;
  const rank = (axis: SweepAxis, i: number) => [...axis.values].sort((a, b) => a - b).indexOf(axis.values[i]);
  const cost = (index: number) => rank(spec.x, index % nx) + rank(spec.y, Math.floor(index / nx));
  return Array.from({ length: nx * spec.y.values.length }, (_, i) => i).sort((a, b) => cost(a) - cost(b) || a - b);
}
