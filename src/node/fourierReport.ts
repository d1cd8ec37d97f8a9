/**
 * `npm run cli -- fourier --seeds 1,2,3 --at 50,400,1140,3000 [train flags]`: trains the config once
 * per seed and prints the Fourier view of its embeddings at the given steps (each unit's share of
 * power on its own frequency, the five strongest frequencies' share, the key frequencies) beside test
 * accuracy, then the mean over seeds. The command behind the README's Fourier numbers.
 */
import { describeRun } from './describe';
import type { RunConfig } from '../core/config';
import { embeddingTables, fourierRow } from '../core/fourier';
import { Trainer } from '../core/trainer';

export interface FourierPoint {
  step: number;
  testAcc: number;
  topFrequencyShare: number;
  top5Share: number;
  keyFrequencies: number[];
}

export async function fourierOverSeeds(config: RunConfig, seeds: number[], at: number[], log: (line: string) => void): Promise<Array<{ seed: number; points: FourierPoint[] }>> {
  const runs = [];
  for (const seed of seeds) {
    const trainer = new Trainer({ ...config, seed });
    const points: FourierPoint[] = [];
    for (const step of [...at].sort((a, b) => a - b)) {
      await trainer.advance(step);
      const row = await trainer.evaluate();
      const view = fourierRow(step, embeddingTables(config.model, config.p, await trainer.readEmbedding(), config.width), config.p, config.width);
      points.push({ step, testAcc: row.testAcc, topFrequencyShare: view.topFrequencyShare, top5Share: view.top5Share, keyFrequencies: view.keyFrequencies });
      log(`seed ${seed}: step ${step}, test ${(100 * row.testAcc).toFixed(1)}%`);
    }
    trainer.dispose();
    runs.push({ seed, points });
  }
  return runs;
}

const f2 = (x: number) => x.toFixed(2);

export function formatFourier(config: RunConfig, runs: Array<{ seed: number; points: FourierPoint[] }>): string {
  const lines = [describeRun(config)];
  lines.push('seed  step    test   unit share  top-5 share  key frequencies');
  for (const { seed, points } of runs)
    for (const p of points)
      lines.push(`${String(seed).padEnd(5)} ${String(p.step).padEnd(7)} ${(100 * p.testAcc).toFixed(1).padStart(5)}%  ${f2(p.topFrequencyShare).padStart(10)}  ${f2(p.top5Share).padStart(11)}  ${p.keyFrequencies.join(', ') || '—'}`);
  const steps = runs[0]?.points.map((p) => p.step) ?? [];
  lines.push('mean over seeds:');
  for (const [i, step] of steps.entries()) {
    const mean = (k: 'topFrequencyShare' | 'top5Share' | 'testAcc') => runs.reduce((s, r) => s + r.points[i][k], 0) / runs.length;
    lines.push(`      ${String(step).padEnd(7)} ${(100 * mean('testAcc')).toFixed(1).padStart(5)}%  ${f2(mean('topFrequencyShare')).padStart(10)}  ${f2(mean('top5Share')).padStart(11)}`);
  }
  return lines.join('\n');
}
