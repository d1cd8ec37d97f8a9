/** Runs a config to its step budget in Node and returns the Run record. */
import type { RunConfig } from '../core/config';
import { makeRunRecord, type RunRecord } from '../core/run';
import { computeSlice, type LandscapeSlice, type SliceRequest } from '../core/landscape/slice';
import { CheckpointTracker } from '../core/landscape/tracker';
import { MeterRunner, type EntropyRow, type LlcRow, type MeterConfig } from '../core/meters';
import { Trainer, type MetricRow } from '../core/trainer';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export async function trainHeadless(
  config: RunConfig,
  meters: MeterConfig,
  backend: string,
  log: (line: string) => void = () => {},
): Promise<RunRecord> {
  const trainer = new Trainer(config);
  const runner = new MeterRunner(trainer, meters);
  const metrics: MetricRow[] = [];
  const llc: LlcRow[] = [];
  const entropy: EntropyRow[] = [];
  const measure = async () => {
    const due = await runner.runDue();
    if (due.llc) llc.push(due.llc);
    if (due.entropy) entropy.push(due.entropy);
  };
  const start = performance.now();
  let lastLog = -Infinity;
  try {
    metrics.push(...(await trainer.advance(0)));
    await measure();
    while (trainer.step < config.steps && !trainer.divergence) {
      const until = Math.min(config.steps, runner.nextDue());
      const rows = await trainer.advance(until, 1000);
      metrics.push(...rows);
      if (trainer.step === until && !trainer.divergence) await measure();
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
    });
    const { entropyCrossStep } = record.events;
    const lead = entropyCrossStep !== null && grokStep !== null ? `, lead ${grokStep - entropyCrossStep}` : '';
    log(
      `done on ${backend} in ${(wallMs / 1000).toFixed(1)} s: fit step ${fitStep ?? '—'}, grok step ${grokStep ?? '—'}, ` +
        `H̃ < ${record.events.entropyThreshold} at ${entropyCrossStep ?? '—'}${lead}`,
    );
    if (trainer.divergence) log(trainer.divergence);
    return record;
  } finally {
    trainer.dispose();
  }
}

/** Trains `config` to its step budget while keeping the landscape checkpoints, then computes one slice. */
export async function sliceAfterTraining(
  config: RunConfig,
  request: SliceRequest,
  log: (line: string) => void = () => {},
): Promise<LandscapeSlice | string> {
  const trainer = new Trainer(config);
  const tracker = new CheckpointTracker(trainer);
  try {
    await trainer.advance(0);
    await tracker.observe();
    while (trainer.step < config.steps && !trainer.divergence) {
      await trainer.advance(Math.min(config.steps, trainer.step + 10));
      await tracker.observe();
    }
    if (trainer.divergence) return trainer.divergence;
    const { fitStep, grokStep } = trainer.events;
    log(`trained ${trainer.step} steps (fit ${fitStep ?? '—'}, grok ${grokStep ?? '—'}); computing a ${request.size}×${request.size} ${request.plane} slice…`);
    const slice = await computeSlice(trainer, tracker, request);
    if (typeof slice !== 'string') log(`slice in ${slice.ms.toFixed(0)} ms`);
    return slice;
  } finally {
    trainer.dispose();
  }
}
