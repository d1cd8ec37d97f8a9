/**
 * `npm run cli -- plateau --seeds 1,2,3 [train flags]`: trains the config once per seed until test
 * accuracy passes 95% (or the step budget ends), meters off, and prints the shape of its wait on a
 * linear axis (core/plateauShape): the command behind the README's textbook-plateau numbers.
 */
import type { RunConfig } from '../core/config';
import { mean, sampleSd } from '../core/metrics/chainNoise';
import { plateauShape, type PlateauShape } from '../core/plateauShape';
import { GROK_THRESHOLD } from '../core/series';
import { Trainer } from '../core/trainer';
import { describeRun } from './describe';

export async function plateauOverSeeds(config: RunConfig, seeds: number[], log: (line: string) => void): Promise<Array<{ seed: number; shape: PlateauShape }>> {
  const runs = [];
  for (const seed of seeds) {
    const trainer = new Trainer({ ...config, seed });
    const start = performance.now();
    const rows = await trainer.advance(config.steps, Infinity, (r) => r.testAcc >= GROK_THRESHOLD);
    trainer.dispose();
    const shape = plateauShape(rows, 1 / config.p);
    log(`seed ${seed}: grok ${shape.grokStep ?? '—'} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    runs.push({ seed, shape });
  }
  return runs;
}

const cell = (v: number | null, digits = 0) => (v === null ? '—' : v.toFixed(digits));

export function formatPlateau(config: RunConfig, runs: Array<{ seed: number; shape: PlateauShape }>): string {
  const lines = [describeRun(config), 'seed  fit    flat until  10% → 90%      flat / climb  95% at  grok / fit'];
  for (const { seed, shape: s } of runs)
    lines.push(
      `${String(seed).padEnd(5)} ${cell(s.fitStep).padEnd(6)} ${cell(s.flatUntil).padEnd(11)} ${`${cell(s.climbFrom)} → ${cell(s.climbTo)}`.padEnd(14)} ${cell(s.flatOverClimb, 2).padEnd(13)} ${cell(s.grokStep).padEnd(7)} ${cell(s.grokOverFit, 1)}`,
    );
  const summary = (k: 'flatOverClimb' | 'grokOverFit', digits: number) => {
    const v = runs.map((r) => r.shape[k]).filter((x): x is number => x !== null);
    return v.length === runs.length && v.length > 1 ? `${mean(v).toFixed(digits)} ± ${sampleSd(v).toFixed(digits)}` : '—';
  };
  lines.push(`flat / climb ${summary('flatOverClimb', 2)}, grok / fit ${summary('grokOverFit', 1)} (mean ± sd over seeds ${runs.map((r) => r.seed).join(', ')})`);
  return lines.join('\n');
}
