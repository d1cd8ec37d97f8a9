/**
 * The science meters at work: runs the LLC estimate, the spectral entropy and the Fourier view on the live trainer,
 * on their cadence, without changing its state. Settings and schedule live in meterConfig.ts.
 * With an offload the LLC runs elsewhere on a snapshot of the weights and its row arrives later,
 * through `late`; without one it is measured in place, before training goes on.
 */
import { estimateAtTrainer, type LlcOffload } from './llcJob';
import { isMeterStep, nextMeterStep, type EntropyRow, type LlcRow, type MeterConfig } from './meterConfig';
import { embeddingTables, fourierRow, progressDefined, type FourierRow } from './fourier';
import { measureProgress } from './progress';
import type { Trainer } from './trainer';

export * from './meterConfig';

export class MeterRunner {
  constructor(
    private readonly trainer: Trainer,
    public config: MeterConfig,
    private offload: LlcOffload | null = null,
    /** Receives the rows of estimates that were sent away, as they complete. */
    private readonly late: (row: LlcRow) => void = () => {},
    /** Told once when the offload failed and estimates continue in place. */
    private readonly offloadFailed: (message: string) => void = () => {},
  ) {}

  /** The first step after `step` at which some meter is due. */
  nextDue(step = this.trainer.step): number {
    const { llcEvery, entropyEvery, fourierEvery } = this.config;
    return Math.min(nextMeterStep(step, llcEvery), nextMeterStep(step, entropyEvery), nextMeterStep(step, fourierEvery));
  }

  measureLlc(): Promise<LlcRow> {
    return estimateAtTrainer(this.trainer, this.config.llc);
  }

  /** The first parameter as the latest Fourier view read it: the page draws a chosen unit's weights from it. */
  lastEmbedding: Float32Array | null = null;

  /** The embeddings' Fourier spectrum, and the progress measures at its key frequencies where the task has them. */
  async measureFourier(): Promise<FourierRow> {
    const { config } = this.trainer;
    const first = await this.trainer.readEmbedding();
    this.lastEmbedding = first;
    const row = fourierRow(this.trainer.step, embeddingTables(config.model, config.p, first, config.width), config.p, config.width);
    return progressDefined(config) ? { ...row, ...(await measureProgress(this.trainer, row.keyFrequencies)) } : row;
  }

  /** Null when the activations overflowed: the trainer then reports divergence. */
  async measureEntropy(): Promise<EntropyRow | null> {
    const m = await this.trainer.probeEntropy(this.config.probeSize);
    return m && { step: this.trainer.step, ...m };
  }

  /** Sends the LLC away on a snapshot; the row comes through `late` (or never, if its queue was thinned or cleared). */
  private async sendLlc(offload: LlcOffload): Promise<void> {
    const params = await this.trainer.readParams();
    const job = { step: this.trainer.step, config: { ...this.trainer.config }, settings: { ...this.config.llc }, params };
    offload.submit(job).then(
      (row) => row && this.late(row),
      (err: unknown) => {
        if (this.offload !== offload) return;
        this.offload = null;
        this.offloadFailed(err instanceof Error ? err.message : String(err));
      },
    );
  }

  /** Runs whichever meters are due at the trainer's current step. `llc` is null when none is due or it was sent away. */
  async runDue(): Promise<{ llc: LlcRow | null; entropy: EntropyRow | null; fourier: FourierRow | null }> {
    const step = this.trainer.step;
    const entropy = isMeterStep(step, this.config.entropyEvery) ? await this.measureEntropy() : null;
    const fourier = isMeterStep(step, this.config.fourierEvery) && !this.trainer.divergence ? await this.measureFourier() : null;
    if (!isMeterStep(step, this.config.llcEvery) || this.trainer.divergence) return { llc: null, entropy, fourier };
    if (this.offload) {
      await this.sendLlc(this.offload);
      return { llc: null, entropy, fourier };
    }
    return { llc: await this.measureLlc(), entropy, fourier };
  }

  /** Jobs not yet started belong to a run that is going away. */
  dispose(): void {
    this.offload?.clear();
    this.offload = null;
  }
}
