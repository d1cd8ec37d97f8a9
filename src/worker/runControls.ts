/**
 * The commands that act on the live run (transport, speed, meter and landscape settings, the
 * ablation and the benchmark) and the loop of training chunks between them. Every command and chunk
 * runs on one promise chain, so a reset can never land inside a step. `Session` adds how runs begin
 * and end.
 */
import { ablation } from '../core/ablation';
import type { RunConfig } from '../core/config';
import type { MeterConfig } from '../core/meters';
import type { Moment, MomentRequest } from '../core/moments';
import { measureThroughput } from '../core/throughput';
import type { LandscapeSettings } from '../core/landscape/slice';
import type { ActiveRun, Post } from './activeRun';
import { makeYield, SPEED_SETTINGS } from './pacing';
import type { BackendName, Speed } from './protocol';

export class RunControls {
  protected run: ActiveRun | null = null;
  protected chain: Promise<void> = Promise.resolve();
  private chunkQueued = false;
  private speed: Speed = 'normal';
  /** Set when the backend is gone (a lost GPU device): nothing may touch its tensors any more. */
  protected halted = false;
  protected readonly yieldToEvents = makeYield();
  /** A lesson's moment to pause the run at (pause-at), cleared once reached. */
  private moment: MomentRequest | null = null;

  constructor(
    protected meters: MeterConfig,
    protected landscape: LandscapeSettings,
    protected readonly post: Post,
    /**
     * Given a failure of queued work, returns true when it is the backend's (a GPU device going
     * away fails the running chunk before device.lost fires) and recovery is under way.
     */
    private readonly backendFailed: (err: unknown) => boolean,
  ) {}

  protected enqueue(task: () => Promise<void> | void): void {
    this.chain = this.chain.then(task).catch((err: unknown) => {
      // After a device loss, work already queued fails on the dead device: recovery handles it,
      // and the run keeps its state (running or not) to continue with.
      if (this.halted || this.backendFailed(err)) return;
      if (this.run) this.run.state = 'paused';
      this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      this.run?.postStatus();
    });
  }

  /** Resolves when every command sent so far has been handled (for tests and the bench). */
  idle(): Promise<void> {
    return this.chain;
  }

  play(): void {
    this.enqueue(() => {
      const run = this.run;
      if (!run || run.state === 'running' || run.isDiverged()) return;
      // Past the budget, play trains one more budget's worth.
      if (run.loop.step >= run.config.steps) run.config = { ...run.config, steps: run.config.steps * 2 };
      run.message = null;
      run.state = 'running';
      run.startRate();
      run.postStatus();
      this.scheduleChunk();
    });
  }

  /**
   * Answers at once, outside the queue: a meter or slice in progress finishes its piece, but no
   * further chunk starts and the page hears "paused" now. The checkpoint follows in turn.
   */
  pause(): void {
    const now = this.run;
    if (now?.state === 'running') {
      now.state = 'paused';
      now.postStatus();
    }
    this.enqueue(async () => {
      const run = this.run;
      if (!run) return;
      if (run.state === 'running') run.state = 'paused';
      await run.takeCheckpoint();
      run.flush();
      run.postStatus();
    });
  }

  step(): void {
    this.enqueue(async () => {
      const run = this.run;
      if (!run || run.state === 'running' || run.isDiverged()) return;
      await run.loop.advance(run.loop.step + 1);
      await run.recordTimeline();
      run.flush();
      run.postStatus();
    });
  }

  /** Set outside the queue, like pause: the very next chunk watches for the moment. */
  pauseAt(fromRun: number, moment: Moment | null, threshold: number): void {
    this.moment = moment === null ? null : { fromRun, moment, threshold };
  }

  /** Runs between chunks, so a benchmark never overlaps training; the live run pauses for it. */
  benchmark(config: RunConfig, meters: MeterConfig, steps: number, forwards: number, sliceSize: number, backend: BackendName): void {
    this.enqueue(async () => {
      if (this.run?.state === 'running') this.run.state = 'paused';
      this.run?.postStatus();
      this.post({ type: 'benchmark', backend, result: await measureThroughput(config, meters, steps, forwards, 3, sliceSize) });
    });
  }

  setSpeed(speed: Speed): void {
    this.enqueue(() => {
      this.speed = speed;
    });
  }

  /** New meter settings take effect from the next measurement; the charts mark the change. */
  setMeters(meters: MeterConfig): void {
    this.enqueue(() => {
      this.meters = meters;
      if (this.run) this.run.loop.meters = meters;
    });
  }

  /**
   * New landscape settings: a slice at once. While paused it is computed here (this worker is idle);
   * while training a heavy one goes to the meters' worker, so training does not stop for it.
   */
  setLandscape(settings: LandscapeSettings): void {
    this.enqueue(async () => {
      this.landscape = settings;
      const run = this.run;
      if (!run || run.isDiverged()) return;
      run.loop.landscape = settings;
      await (run.state === 'running' ? run.loop.sliceByCost() : run.loop.slice());
    });
  }

  /** Accuracy with these frequencies projected out of the embeddings, between chunks; training is untouched. */
  ablate(frequencies: number[]): void {
    this.enqueue(async () => {
      const run = this.run;
      if (!run || run.isDiverged()) return;
      this.post({ type: 'ablation', runId: run.id, result: await ablation(run.loop.trainer, frequencies) });
    });
  }

  /** At most one chunk is ever queued, however commands interleave. */
  protected scheduleChunk(): void {
    if (this.chunkQueued) return;
    this.chunkQueued = true;
    this.enqueue(() => {
      this.chunkQueued = false;
      return this.chunk();
    });
  }

  private async chunk(): Promise<void> {
    const run = this.run;
    if (!run || run.state !== 'running' || this.halted) return;
    const speed = SPEED_SETTINGS[this.speed];
    // A lesson's moment pauses its run once.
    if (await run.trainChunk(speed, run.watchFor(this.moment))) this.moment = null;
    if (run.state === 'running' && this.run === run) {
      if (speed.pauseMs > 0) await new Promise((r) => setTimeout(r, speed.pauseMs));
      else await this.yieldToEvents();
      this.scheduleChunk();
    }
  }
}
