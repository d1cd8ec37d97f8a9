/** Runs a config to its step budget in Node and returns the Run record. */
import type { RunConfig } from '../core/config';
import { makeRunRecord, type RunRecord } from '../core/run';
import { Trainer, type MetricRow } from '../core/trainer';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export async function trainHeadless(
  config: RunConfig,
  backend: string,
  log: (line: string) => void = () => {},
): Promise<RunRecord> {
  const trainer = new Trainer(config);
  const metrics: MetricRow[] = [];
  const start = performance.now();
  let lastLog = -Infinity;
  try {
    while (trainer.step < config.steps && !trainer.divergence) {
      const rows = await trainer.advance(config.steps, 1000);
      metrics.push(...rows);
      const last = rows.at(-1);
      if (last && performance.now() - lastLog > 2000) {
        lastLog = performance.now();
        log(
          `step ${last.step}/${config.steps}  train ${pct(last.trainAcc)}  test ${pct(last.testAcc)}  ` +
            `loss ${last.trainLoss.toExponential(2)}/${last.testLoss.toExponential(2)}  ` +
            `${((performance.now() - start) / 1000).toFixed(1)} s`,
        );
      }
    }
    const wallMs = performance.now() - start;
    const { fitStep, grokStep } = trainer.events;
    log(`done on ${backend} in ${(wallMs / 1000).toFixed(1)} s: fit step ${fitStep ?? '—'}, grok step ${grokStep ?? '—'}`);
    if (trainer.divergence) log(trainer.divergence);
    return makeRunRecord({
      config,
      backend,
      metrics,
      events: { ...trainer.events },
      hyperChanges: trainer.hyperChanges,
      wallMs,
      divergence: trainer.divergence,
    });
  } finally {
    trainer.dispose();
  }
}
