/**
 * The science meters at work: runs the LLC estimate and the spectral entropy on the live trainer,
 * on their cadence, without changing its state. Settings and schedule live in meterConfig.ts.
 */
import { estimateLlc } from './metrics/llc';
import { llcProblem } from './probes';
import { isMeterStep, nextMeterStep, type EntropyRow, type LlcRow, type MeterConfig } from './meterConfig';
import type { Trainer } from './trainer';

export * from './meterConfig';

export class MeterRunner {
  constructor(
    private readonly trainer: Trainer,
    public config: MeterConfig,
  ) {}

  /** The first step after `step` at which some meter is due. */
  nextDue(step = this.trainer.step): number {
    return Math.min(nextMeterStep(step, this.config.llcEvery), nextMeterStep(step, this.config.entropyEvery));
  }

  async measureLlc(): Promise<LlcRow> {
    const { llc: settings } = this.config;
    const step = this.trainer.step;
    const est = await estimateLlc(llcProblem(this.trainer), settings, this.trainer.config.seed * 7919 + step);
    return { step, llc: est.llc, stdErr: est.stdErr, settings: { ...settings }, nBeta: est.nBeta, ...est.diagnostics, trace: est.trace, centerLoss: est.centerLoss, warnings: est.warnings };
  }

  /** Null when the activations overflowed: the trainer then reports divergence. */
  async measureEntropy(): Promise<EntropyRow | null> {
    const m = await this.trainer.probeEntropy(this.config.probeSize);
    return m && { step: this.trainer.step, ...m };
  }

  /** Runs whichever meters are due at the trainer's current step. */
  async runDue(): Promise<{ llc: LlcRow | null; entropy: EntropyRow | null }> {
    const step = this.trainer.step;
    const entropy = isMeterStep(step, this.config.entropyEvery) ? await this.measureEntropy() : null;
    const llc = isMeterStep(step, this.config.llcEvery) && !this.trainer.divergence ? await this.measureLlc() : null;
    return { llc, entropy };
  }
}

