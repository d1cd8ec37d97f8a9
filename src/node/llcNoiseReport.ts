/**
 * `npm run cli -- llc-noise --at 500,1500,3000 [--repeats 40] [train flags] [estimator flags]`: is the
 * LLC convergence check's noise right? At each step's centre it runs many independent one-chain
 * estimates and compares how far their level changes (last third less middle third, and the trend)
 * really spread with the standard errors each chain gave itself. SLOW_WANDER (meterConfig.ts) comes from
 * these ratios; the report also gives how often the check, as it stands, fails chains that did not drift.
 */
import { describeEstimator, describeRun } from './describe';
import type { RunConfig } from '../core/config';
import type { MeterConfig } from '../core/meters';
import { estimateLlc, LEVEL_ERRORS, SLOW_WANDER, type ChainCheck } from '../core/metrics/llc';
import { mean, sampleSd } from '../core/metrics/chainNoise';
import { llcProblem } from '../core/probes';
import { Trainer } from '../core/trainer';

export interface NoiseAtStep {
  step: number;
  checks: ChainCheck[];
}

export async function chainNoiseAtSteps(config: RunConfig, meters: MeterConfig, at: number[], repeats: number, log: (line: string) => void): Promise<NoiseAtStep[]> {
  const trainer = new Trainer(config);
  const out: NoiseAtStep[] = [];
  try {
    for (const step of [...at].sort((a, b) => a - b)) {
      await trainer.advance(step);
      const checks: ChainCheck[] = [];
      for (let r = 1; r <= repeats; r++) checks.push(...(await estimateLlc(llcProblem(trainer), { ...meters.llc, chains: 1 }, 100_000 + r)).chainChecks);
      log(`step ${step}: ${checks.length} chains`);
      out.push({ step, checks });
    }
  } finally {
    trainer.dispose();
  }
  return out;
}

export interface NoiseSummary {
  /** The changes' standard deviation across chains over the mean standard error the chains gave themselves (1 when right). */
  ratio: number;
  /** The mean change in standard errors of that mean: far from 0, the chains drift on average. */
  systematic: number;
  /** Share of chains whose change exceeds LEVEL_ERRORS × SLOW_WANDER of their own error: what the check flags. */
  flagged: number;
}

export function summarizeChecks(changes: number[], errors: number[]): NoiseSummary {
  const spread = sampleSd(changes);
  return {
    ratio: spread / mean(errors),
    systematic: mean(changes) / (spread / Math.sqrt(changes.length)),
    flagged: changes.filter((c, i) => Math.abs(c) > LEVEL_ERRORS * SLOW_WANDER * errors[i]).length / changes.length,
  };
}

function formatSummary({ ratio, systematic, flagged }: NoiseSummary): string {
  return `${ratio.toFixed(2)} | ${systematic >= 0 ? '+' : '−'}${Math.abs(systematic).toFixed(1)} | ${(100 * flagged).toFixed(0)}%`;
}

export function formatNoise(config: RunConfig, meters: MeterConfig, rows: NoiseAtStep[]): string {
  return [
    `${describeRun(config)}, seed ${config.seed}; one-chain estimates: ${describeEstimator({ ...meters.llc, chains: 1 })}.`,
    'Spread ratio: the standard deviation of a level change across chains over the mean standard error the chains gave themselves (1 when right).',
    `Mean change in standard errors of the mean (|·| > 3: the chains drift on average). Flagged: chains whose change exceeds ${LEVEL_ERRORS} × ${SLOW_WANDER} (SLOW_WANDER) of their own error.`,
    '| step | chains | thirds: spread ratio | mean change | flagged | trend: spread ratio | mean change | flagged |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(({ step, checks }) => {
      const thirds = formatSummary(summarizeChecks(checks.map((c) => c.change), checks.map((c) => c.error)));
      const trend = formatSummary(summarizeChecks(checks.map((c) => c.trendChange), checks.map((c) => c.trendError)));
      return `| ${step} | ${checks.length} | ${thirds} | ${trend} |`;
    }),
  ].join('\n');
}
