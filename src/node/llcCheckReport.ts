/**
 * `npm run cli -- llc-check`: the LLC estimator on models whose learning coefficient is known.
 * Without --model, the whole check (linear d = 3, 8, 20 and the singular model over seeds 1–6) as a
 * table with the settings used; with --model (or --seed) one run's full JSON.
 */
import type { CheckResult } from '../core/metrics/llcCheck';
import type { CaseSummary } from '../core/metrics/llcCheckSuite';
import { describeEstimator } from './describe';

/** One run, everything the estimator reported. */
export function checkJson(r: CheckResult): string {
  const { model, d, n, seed, xScale, theory, estimate, settings } = r;
  const body = {
    model,
    d,
    n,
    seed,
    xScale,
    theory,
    estimate: estimate.llc,
    stdErr: estimate.stdErr,
    relativeError: (estimate.llc - theory) / theory,
    perChain: estimate.perChain,
    nBeta: estimate.nBeta,
    ...estimate.diagnostics,
    settings,
    warnings: estimate.warnings,
  };
  return JSON.stringify(body, null, 1);
}

const percent = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(0)}%`;

export function formatSuite(cases: CaseSummary[]): string {
  const first = cases[0].runs[0];
  const lines = [
    `LLC estimator on models with a known λ; ${describeEstimator(first.settings)}; n = ${first.n}; seeds ${seedsOf(cases[0])}.`,
    'The bound applies to the mean over seeds; single estimates scatter about as much as the bound.',
    '| model | inputs x ~ N(0, σ²) | λ | per seed (* not converged) | mean ± sd | mean vs λ | bound | |',
    '|---|---|---|---|---|---|---|---|',
    ...cases.map((c) => {
      const name = c.check.model === 'linear' ? `linear, d = ${c.check.d}` : 'singular (a² + b²)x';
      const perSeed = c.runs.map((r) => `${r.estimate.llc.toFixed(2)}${r.estimate.diagnostics.converged ? '' : '*'}`).join(' ');
      return `| ${name} | σ = ${c.xScale} | ${c.theory} | ${perSeed} | ${c.mean.toFixed(2)} ± ${c.sd.toFixed(2)} | ${percent(c.relativeError)} | ±${c.tolerance * 100}% | ${c.within ? 'within' : 'OUTSIDE'} |`;
    }),
  ];
  return lines.join('\n');
}

function seedsOf(c: CaseSummary): string {
  return c.runs.map((r) => r.seed).join(', ');
}
