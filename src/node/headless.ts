/** Runs a config to its step budget in Node, on the same RunLoop as the worker, and returns the Run record. */
import type { RunConfig } from '../core/config';
import { estimateCost } from '../core/cost';
import { makeRunRecord, type RunRecord } from '../core/run';
import type { LandscapeSlice, SliceRequest } from '../core/landscape/slice';
import type { EntropyRow, LlcRow, MeterConfig } from '../core/meters';
import type { FourierRow } from '../core/fourier';
import { RunLoop } from '../core/runLoop';
import type { MetricRow } from '../core/trainer';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export interface HeadlessResult {
  record: RunRecord;
  /** The slice asked for at the end of training, or why there is none. */
  slice: LandscapeSlice | string | null;
}

/**
 * Trains `config` to its budget with the meters on their cadence; when `finalSlice` is given,
 * computes that slice of the trained weights too (no slices during training: the CLI's output
 * must not depend on wall time).
 */
export async function trainHeadless(
  config: RunConfig,
  meters: MeterConfig,
  backend: string,
  log: (line: string) => void = () => {},
  finalSlice?: SliceRequest,
): Promise<HeadlessResult> {
  const cost = estimateCost(config, meters.entropyEvery);
  if (cost.refused) throw new Error(cost.warning!);
  if (cost.warning) log(cost.warning);
  const metrics: MetricRow[] = [];
  const llc: LlcRow[] = [];
  const entropy: EntropyRow[] = [];
  const progress: FourierRow[] = [];
  let slice: LandscapeSlice | string | null = null;
  const landscape = { ...(finalSlice ?? { plane: 'random', split: 'train', size: 5, span: 1 }), every: 0 } as const;
  const loop = new RunLoop(
    config,
    { meters, landscape, maxSliceShare: 1 },
    {
      onRows: (rows) => metrics.push(...rows),
      onLlc: (row) => {
        llc.push(row);
        const at = metrics.findLast((m) => m.step <= row.step);
        log(
          `LLC at step ${row.step}: λ̂ ${row.llc.toPrecision(3)} ± ${row.stdErr.toPrecision(2)}, ${row.converged ? 'converged' : 'NOT converged'} ` +
            `(drift ${pct(row.drift)}, trend ${pct(row.trend)}, chains within ${row.distance.toFixed(2)}×‖w*‖)` +
            (at ? `  train loss ${at.trainLoss.toExponential(2)}, test ${pct(at.testAcc)}` : ''),
        );
      },
      onEntropy: (row) => entropy.push(row),
      onFourier: (row) => progress.push(row),
      onSlice: (result) => {
        if (result !== null) slice = result;
      },
      onDivergence: () => {}, // the record carries trainer.divergence
    },
  );
  const start = performance.now();
  let lastLog = -Infinity;
  try {
    await loop.begin();
    await loop.runTo(config.steps, (last) => {
      if (!last || performance.now() - lastLog < 2000) return;
      lastLog = performance.now();
      log(
        `step ${last.step}/${config.steps}  train ${pct(last.trainAcc)}  test ${pct(last.testAcc)}  ` +
          `loss ${last.trainLoss.toExponential(2)}/${last.testLoss.toExponential(2)}  ` +
          `${((performance.now() - start) / 1000).toFixed(1)} s`,
      );
    });
    const wallMs = performance.now() - start;
    const { trainer } = loop;
    const record = makeRunRecord({
      config,
      backend,
      metrics,
      events: { ...trainer.events },
      hyperChanges: trainer.hyperChanges,
      wallMs,
      divergence: trainer.divergence,
      meters,
      llc,
      entropy,
      progress,
    });
    const { fitStep, grokStep } = trainer.events;
    const { entropyCrossStep } = record.events;
    const lead = entropyCrossStep !== null && grokStep !== null ? `, lead ${grokStep - entropyCrossStep}` : '';
    log(
      `done on ${backend} in ${(wallMs / 1000).toFixed(1)} s: fit step ${fitStep ?? '—'}, grok step ${grokStep ?? '—'}, ` +
        `H̃ < ${record.events.entropyThreshold} at ${entropyCrossStep ?? '—'}${lead}`,
    );
    if (trainer.divergence) log(trainer.divergence);
    if (finalSlice) {
      if (trainer.divergence) slice = trainer.divergence;
      else {
        log(`computing a ${finalSlice.size}×${finalSlice.size} ${finalSlice.plane} slice…`);
        await loop.slice();
        if (slice && typeof slice !== 'string') log(`slice in ${(slice as LandscapeSlice).ms.toFixed(0)} ms`);
      }
    }
    return { record, slice };
  } finally {
    loop.dispose();
  }
}
