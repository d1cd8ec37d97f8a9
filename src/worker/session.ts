/**
 * The worker's session: one ActiveRun at a time, driven in short chunks so that commands are
 * handled between them. Every command and chunk runs on one promise chain, so a reset can never
 * land inside a step.
 */
import { ablation } from '../core/ablation';
import { needsRestart, type RunConfig } from '../core/config';
import { estimateCost } from '../core/cost';
import type { MetersOffload } from '../core/runLoop';
import type { MeterConfig } from '../core/meters';
import type { Moment, MomentRequest } from '../core/moments';
import type { TrainerCheckpoint, TrainerState } from '../core/trainer';
import { measureThroughput } from '../core/throughput';
import type { LandscapeSettings } from '../core/landscape/slice';
import { ActiveRun, type Post } from './activeRun';
import { makeYield, SPEED_SETTINGS } from './pacing';
import type { BackendName, Branch, BranchPoint, Speed } from './protocol';

/**
 * How a new run begins: from scratch, or from a checkpoint (with the timeline's checkpoints up to
 * it); a branch of the run before it also names where it branched.
 */
interface RunStart {
  resume?: TrainerCheckpoint;
  inherited?: readonly TrainerState[];
  branch?: BranchPoint;
}

export class Session {
  private run: ActiveRun | null = null;
  private runCount = 0;
  private chain: Promise<void> = Promise.resolve();
  private chunkQueued = false;
  private speed: Speed = 'normal';
  /** Set when the backend is gone (a lost GPU device): nothing may touch its tensors any more. */
  private halted = false;
  private readonly yieldToEvents = makeYield();
  /** A lesson's moment to pause the run at (pause-at), cleared once reached. */
  private moment: MomentRequest | null = null;

  constructor(
    private config: RunConfig,
    private meters: MeterConfig,
    private landscape: LandscapeSettings,
    private readonly post: Post,
    /**
     * Given a failure of queued work, returns true when it is the backend's (a GPU device going
     * away fails the running chunk before device.lost fires) and recovery is under way.
     */
    private readonly backendFailed: (err: unknown) => boolean = () => false,
    /** Where LLC estimates and slices due by the cadence run (the meters' own worker); in place when absent. */
    private readonly metersOffload?: MetersOffload,
  ) {}

  private enqueue(task: () => Promise<void> | void): void {
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

  /** The first run; with `branch` (a shared link to a fork), trained up to the branch point and forked there. */
  start(resume?: TrainerCheckpoint, branch?: Branch): void {
    this.enqueue(async () => {
      const run = await this.newRun(false, { resume });
      if (!run || !branch) return;
      run.message = `Replaying the run up to step ${branch.step.toLocaleString('en-US')}, where this branch starts…`;
      while (run.loop.step < branch.step && !run.isDiverged()) {
        await run.loop.advance(branch.step, 250);
        await run.recordTimeline(run.loop.step === branch.step);
        run.flush();
        run.postStatus();
        await this.yieldToEvents();
      }
      run.message = null;
      await this.branchAt(branch.step, branch.config);
    });
  }

  /** A branch from the timeline's checkpoint at (or before) `step`, with `next` settings; paused. */
  fork(step: number, next: RunConfig): void {
    this.enqueue(() => this.branchAt(step, next));
  }

  private async branchAt(step: number, next: RunConfig): Promise<void> {
    const run = this.run;
    if (!run || run.isDiverged()) return;
    const start = await run.branchStart(step, next);
    if (typeof start === 'string') {
      this.post({ type: 'error', message: start });
      return;
    }
    this.config = { ...next, steps: Math.max(next.steps, start.point.step + 1) };
    await this.newRun(false, { resume: start.resume, inherited: start.inherited, branch: start.point });
  }

  /**
   * The backend died under us (WebGPU device lost, or an error that makes its results garbage).
   * `switchBackend` picks the next one; the run continues there from the last checkpoint, and the
   * history on screen is kept.
   */
  backendLost(reason: string, switchBackend: () => Promise<string>): void {
    this.halted = true;
    const wasRunning = this.run?.state === 'running';
    const from = this.run?.checkpoint ?? null;
    const inherited = this.run?.timeline.entries ?? [];
    this.chain = this.chain.catch(() => undefined).then(async () => {
      this.run = null; // its tensors lived on the lost device
      await this.continueOn(switchBackend, from, inherited, wasRunning, (name) => `WebGPU stopped working: ${reason}. Training continues on ${name} from step ${from?.step ?? 0}; the history is kept.`);
    });
  }

  /** A faster backend was measured: the run moves there from this very step, timeline and history kept. */
  moveBackend(switchBackend: () => Promise<string>, why: string): void {
    this.enqueue(async () => {
      const run = this.run;
      if (!run) return;
      await run.takeCheckpoint();
      const wasRunning = run.state === 'running';
      const inherited = run.timeline.entries;
      run.dispose();
      this.run = null;
      await this.continueOn(switchBackend, run.checkpoint, inherited, wasRunning, (name) => `${why} Training continues on ${name} from step ${run.checkpoint?.step ?? 0}.`);
    });
  }

  private async continueOn(
    switchBackend: () => Promise<string>,
    from: TrainerCheckpoint | null,
    inherited: readonly TrainerState[],
    wasRunning: boolean,
    message: (name: string) => string,
  ): Promise<void> {
    const name = await switchBackend();
    this.halted = false;
    const run = await this.newRun(wasRunning, { resume: from ?? undefined, inherited });
    if (!run) return;
    run.message = message(name);
    run.postStatus();
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

  /** Back to step 0 with the same settings, paused. */
  reset(): void {
    this.enqueue(async () => {
      await this.newRun(false);
    });
  }

  configure(next: RunConfig, fresh = false): void {
    this.enqueue(async () => {
      const run = this.run;
      const restart = fresh || !run || needsRestart(run.config, next);
      // A budget the user extended by pressing Play stays extended unless the run restarts.
      this.config = { ...next, steps: Math.max(next.steps, restart ? 0 : run.config.steps) };
      if (restart) {
        await this.newRun(run?.state === 'running');
        return;
      }
      run.config = this.config;
      this.setHyper(run, next);
      run.postStatus();
    });
  }

  /** Live learning rate and weight decay; a change is posted for the charts' marker. */
  private setHyper(run: ActiveRun, { lr, wd }: Pick<RunConfig, 'lr' | 'wd'>): void {
    const trainer = run.loop.trainer;
    const before = trainer.hyperChanges.length;
    trainer.setHyper({ lr, wd });
    const change = trainer.hyperChanges[before];
    if (change) this.post({ type: 'hyper-change', runId: run.id, change });
  }

  /** Null when the configuration is refused as too large (the page has been told why). */
  private async newRun(keepRunning: boolean, { resume, inherited, branch }: RunStart = {}): Promise<ActiveRun | null> {
    const cost = estimateCost(this.config, this.meters.entropyEvery);
    if (cost.refused) {
      // Refused before a single tensor is allocated: tfjs-wasm would abort the whole worker.
      this.post({ type: 'error', message: cost.warning! });
      return null;
    }
    this.run?.dispose();
    this.run = null;
    this.runCount += 1;
    const run = new ActiveRun(this.runCount, this.config, this.meters, this.landscape, this.post, resume, this.metersOffload);
    this.run = run;
    const trainer = run.loop.trainer;
    this.post({
      type: 'run-started',
      runId: run.id,
      config: run.config,
      trainSize: trainer.dataset.train.a.length,
      testSize: trainer.dataset.test.a.length,
      resumedFrom: resume ? resume.step : null,
      branch: branch ?? null,
    });
    if (inherited) run.inheritTimeline(inherited.filter((e) => e.step <= (resume?.step ?? 0)));
    // The branch's own learning rate and weight decay apply from its first step: a marker there.
    if (branch) this.setHyper(run, this.config);
    // With a slice cadence, the loop's first measurement made a slice already.
    await run.begin(keepRunning, resume !== undefined, this.landscape.every <= 0);
    if (run.state === 'running') this.scheduleChunk();
    return run;
  }

  /** At most one chunk is ever queued, however commands interleave. */
  private scheduleChunk(): void {
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
