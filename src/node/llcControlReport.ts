/**
 * `npm run cli -- llc-control --seeds 1,2,3 [--preset classic] [--control no-decay] [train flags]`:
 * trains a run and its control once per seed and compares their converged LLC estimates at equal
 * train loss. What the gauge may say about "low λ̂" on a loss comes from this report.
 */
import { describeEstimator, describeRun } from './describe';
import type { RunConfig } from '../core/config';
import { geometricMeanRatio, lossPoints, matchAtTrainLoss, type MatchedPair } from '../core/llcControl';
import type { MeterConfig } from '../core/meters';
import { trainHeadless } from './headless';

export interface ControlReport {
  run: RunConfig;
  control: RunConfig;
  meters: MeterConfig;
  seeds: Array<{ seed: number; runGrokStep: number | null; controlGrokStep: number | null; converged: [number, number]; estimates: [number, number]; pairs: MatchedPair[]; ratio: number | null }>;
}

export async function llcControlOverSeeds(run: RunConfig, control: RunConfig, meters: MeterConfig, backend: string, seeds: number[], log: (line: string) => void): Promise<ControlReport> {
  const out: ControlReport['seeds'] = [];
  for (const seed of seeds) {
    const a = (await trainHeadless({ ...run, seed }, meters, backend, (l) => log(`run seed ${seed}: ${l}`))).record;
    const b = (await trainHeadless({ ...control, seed }, meters, backend, (l) => log(`control seed ${seed}: ${l}`))).record;
    const pairs = matchAtTrainLoss(lossPoints(a.llc, a.metrics, a.events.fitStep), lossPoints(b.llc, b.metrics, b.events.fitStep));
    out.push({
      seed,
      runGrokStep: a.events.grokStep,
      controlGrokStep: b.events.grokStep,
      converged: [a.llc.filter((r) => r.converged).length, b.llc.filter((r) => r.converged).length],
      estimates: [a.llc.length, b.llc.length],
      pairs,
      ratio: geometricMeanRatio(pairs),
    });
  }
  return { run, control, meters, seeds: out };
}

export function formatControl(r: ControlReport): string {
  const lines = [
    `run: ${describeRun(r.run)}; control: ${describeRun(r.control)}`,
    `LLC every ${r.meters.llcEvery} steps: ${describeEstimator(r.meters.llc)}. ` +
      'Converged estimates after memorizing, the control interpolated in log–log at the run\'s train loss.',
    '| seed | run grok | control grok | converged (run, control) | matched | control λ̂ / run λ̂ (geometric mean) | range |',
    '|---|---|---|---|---|---|---|',
    ...r.seeds.map((x) => {
      const ratios = x.pairs.map((p) => p.ratio);
      const range = ratios.length ? `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}` : '—';
      return `| ${x.seed} | ${x.runGrokStep ?? '—'} | ${x.controlGrokStep ?? '—'} | ${x.converged[0]}/${x.estimates[0]}, ${x.converged[1]}/${x.estimates[1]} | ${x.pairs.length} | ${x.ratio === null ? '—' : x.ratio.toFixed(2)} | ${range} |`;
    }),
  ];
  return lines.join('\n');
}
