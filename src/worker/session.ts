/**
 * The worker's session: one ActiveRun at a time, and how runs begin: fresh, reset, reconfigured,
 * branched from a checkpoint, or moved to another backend with their history. The commands on the
 * live run and the chunk loop are RunControls'.
 */
import { needsRestart, type RunConfig } from '../core/config';
import { estimateCost } from '../core/cost';
import type { MetersOffload } from '../core/runLoop';
import type { MeterConfig } from '../core/meters';
import type { TrainerCheckpoint, TrainerState } from '../core/trainer';
import type { LandscapeSettings } from '../core/landscape/slice';
import { ActiveRun, type Post } from './activeRun';
import type { Branch, BranchPoint } from './protocol';
import { RunControls } from './runControls';

/**
 * How a new run begins: from scratch, or from a checkpoint (with the timeline's checkpoints up to
 * it); a branch of the run before it also names where it branched.
 */
interface RunStart {
  resume?: TrainerCheckpoint;
  inherited?: readonly TrainerState[];
  branch?: BranchPoint;
}

export class Session extends RunControls {
  private runCount = 0;

  constructor(
    private config: RunConfig,
    meters: MeterConfig,
    landscape: LandscapeSettings,
    post: Post,
    backendFailed: (err: unknown) => boolean = () => false,
    /** Where LLC estimates and slices due by the cadence run (the meters' own worker); in place when absent. */
    private readonly metersOffload?: MetersOffload,
  ) {
    super(meters, landscape, post, backendFailed);
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


}
