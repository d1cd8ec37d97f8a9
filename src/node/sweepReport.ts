/**
 * `npm run cli -- sweep`: a phase diagram's grid in Node. Two of --wd, --train-frac, --lr take a
 * comma-separated list (the axes, x first as given); every other train flag sets the base run.
 */
import { DEFAULT_AXES, OUTCOME_LABEL, SWEEP_AXES, type SweepAxis, type SweepAxisKey, type SweepCell, type SweepSpec } from '../core/sweep/grid';
import type { SweepMode } from '../core/sweep/runSweep';
import { kebab, quote } from '../core/params';
import { parseTrainArgs, takeFlag, UsageError, type TrainArgs } from './args';

export interface SweepArgs {
  spec: SweepSpec;
  train: TrainArgs;
  mode: SweepMode | 'auto';
}

const MODES = ['auto', 'batched', 'sequential'] as const;

export function parseSweepArgs(argv: string[]): SweepArgs {
  let rest = argv;
  const axes: SweepAxis[] = [];
  for (const key of SWEEP_AXES) {
    const taken = takeFlag(rest, kebab(key));
    if (taken.value === null || !taken.value.includes(',')) continue;
    rest = taken.rest;
    const values = taken.value.split(',').map(Number);
    if (values.some((v) => !Number.isFinite(v))) throw new UsageError(`--${kebab(key)} ${quote(taken.value)}: values must be numbers separated by commas`);
    axes.push({ key, values });
  }
  // The axes in the order the flags were given.
  axes.sort((a, b) => argv.findIndex((s) => s.startsWith(`--${kebab(a.key)}`)) - argv.findIndex((s) => s.startsWith(`--${kebab(b.key)}`)));
  if (axes.length === 1 || axes.length > 2) throw new UsageError(`give a comma-separated list to exactly two of ${SWEEP_AXES.map((k) => '--' + kebab(k)).join(', ')} (or none for ${DEFAULT_AXES.x.key} × ${DEFAULT_AXES.y.key})`);
  const modeFlag = takeFlag(rest, 'mode');
  rest = modeFlag.rest;
  const mode = (modeFlag.value ?? 'auto') as SweepArgs['mode'];
  if (!(MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}, not ${quote(mode)}`);
  const train = parseTrainArgs(rest);
  const [x, y] = axes.length === 2 ? axes : [DEFAULT_AXES.x, DEFAULT_AXES.y];
  return { spec: { base: train.config, x, y }, train, mode };
}

const SYMBOL: Record<SweepCell['outcome'], string> = { generalized: 'G', grokked: 'K', memorized: 'M', 'no-fit': '·' };

/** The grid as text: rows are y (largest on top), each cell its outcome letter and grok step. */
export function formatSweep(spec: SweepSpec, cells: SweepCell[]): string {
  const name = (k: SweepAxisKey) => kebab(k);
  const width = 9;
  const at = (x: number, y: number) => cells.find((c) => c.x === x && c.y === y);
  const lines = [`${name(spec.y.key)} ↓ / ${name(spec.x.key)} →`.padEnd(16) + spec.x.values.map((v) => String(v).padStart(width)).join('')];
  for (const y of [...spec.y.values].reverse()) {
    const row = spec.x.values.map((x) => {
      const c = at(x, y);
      return (c ? `${SYMBOL[c.outcome]} ${c.grokStep ?? ''}` : '?').padStart(width);
    });
    lines.push(String(y).padEnd(16) + row.join(''));
  }
  lines.push(Object.entries(SYMBOL).map(([o, s]) => `${s} ${OUTCOME_LABEL[o as SweepCell['outcome']]}`).join(' · ') + '; the number is the grok step (test ≥ 95%)');
  return lines.join('\n');
}
