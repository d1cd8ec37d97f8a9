/** LLC estimates off the training thread: the run loop's side (snapshots, late rows) and the worker client's queue. */
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../src/core/config';
import { DEFAULT_LANDSCAPE, type LandscapeSlice, type SliceJob, type SliceOffload } from '../src/core/landscape/slice';
import { runLlcJob, type LlcJob, type LlcOffload } from '../src/core/llcJob';
import { DEFAULT_METERS, type LlcRow, type MeterConfig } from '../src/core/meters';
import { classicConfig } from './classic';
import { HEAVY_SLICE_MS, RunLoop, type RunSink } from '../src/core/runLoop';
import { Trainer } from '../src/core/trainer';
import { estimatorDuty, MAX_WAITING, MetersWorkerOffload, restAfter, thinned } from '../src/worker/metersOffload';
import type { MetersReply, MetersRequest } from '../src/worker/metersProtocol';

const small: RunConfig = { ...classicConfig(), p: 11, width: 16, trainFrac: 0.5, evalEvery: 10, steps: 100 };
const meters: MeterConfig = { ...DEFAULT_METERS, llcEvery: 50, entropyEvery: 0, llc: { ...DEFAULT_METERS.llc, draws: 6, burnIn: 2, chains: 1, batchSize: 16 } };
const noLandscape = { ...DEFAULT_LANDSCAPE, every: 0 };

function sinkWith(llc: LlcRow[], notices: string[] = []): RunSink {
  return { onRows: () => {}, onLlc: (r) => llc.push(r), onEntropy: () => {}, onSlice: () => {}, onDivergence: () => {}, onMeterNotice: (m) => notices.push(m) };
}

/** An offload that keeps jobs until the test runs them: the worker, minus the worker. */
class HeldOffload implements LlcOffload {
  jobs: Array<{ job: LlcJob; resolve: (r: LlcRow | null) => void }> = [];
  cleared = 0;
  submit(job: LlcJob) {
    return new Promise<LlcRow | null>((resolve) => this.jobs.push({ job, resolve }));
  }
  clear() {
    this.cleared += 1;
  }
}

describe('RunLoop with an LLC offload', () => {
  it('sends snapshots on the cadence without waiting, and the late rows equal in-place estimates', async () => {
    const offload = new HeldOffload();
    const late: LlcRow[] = [];
    const loop = new RunLoop(small, { meters, landscape: noLandscape, llcOffload: offload }, sinkWith(late));
    await loop.begin();
    await loop.runTo(100);
    expect(offload.jobs.map((j) => j.job.step)).toEqual([0, 5, 10, 25, 50, 100]);
    expect(late).toEqual([]); // training did not wait for a single estimate

    // The same job run in place (as the estimator's worker does) gives the row the CLI would have.
    const inPlace: LlcRow[] = [];
    const reference = new RunLoop(small, { meters, landscape: noLandscape }, sinkWith(inPlace));
    await reference.begin();
    await reference.runTo(100);
    const trainer = new Trainer(small);
    for (const { job, resolve } of offload.jobs) resolve(await runLlcJob(job, trainer));
    await new Promise((r) => setTimeout(r, 0));
    expect(late.map((r) => [r.step, r.llc])).toEqual(inPlace.map((r) => [r.step, r.llc]));
    [loop, reference].forEach((l) => l.dispose());
    trainer.dispose();
  });

  it('leaves no tensor behind job after job on the estimator\'s cached trainer', async () => {
    const { memory } = await import('@tensorflow/tfjs');
    const trainer = new Trainer(small);
    const params = await trainer.readParams();
    const job: LlcJob = { step: 7, config: small, settings: meters.llc, params };
    await runLlcJob(job, trainer);
    const before = memory().numTensors;
    for (let i = 0; i < 3; i++) await runLlcJob({ ...job, step: 8 + i }, trainer);
    expect(memory().numTensors).toBe(before);
    trainer.dispose();
  });

  it('drops rows that arrive after the run was disposed, and clears its waiting jobs', async () => {
    const offload = new HeldOffload();
    const late: LlcRow[] = [];
    const loop = new RunLoop(small, { meters, landscape: noLandscape, llcOffload: offload }, sinkWith(late));
    await loop.begin();
    loop.dispose();
    expect(offload.cleared).toBe(1);
    offload.jobs[0].resolve({ step: 0 } as LlcRow);
    await new Promise((r) => setTimeout(r, 0));
    expect(late).toEqual([]);
  });

  it('estimates in place, with one notice, once the offload fails', async () => {
    const failing: LlcOffload = { submit: () => Promise.reject(new Error('worker gone')), clear: () => {} };
    const rows: LlcRow[] = [];
    const notices: string[] = [];
    const loop = new RunLoop(small, { meters, landscape: noLandscape, llcOffload: failing }, sinkWith(rows, notices));
    await loop.begin();
    await new Promise((r) => setTimeout(r, 0));
    await loop.runTo(100);
    loop.dispose();
    expect(notices).toEqual([expect.stringMatching(/own worker failed \(worker gone\); LLC estimates and landscape slices now run between training steps/)]);
    expect(rows.map((r) => r.step)).toEqual([5, 10, 25, 50, 100]);
  });
});

describe('RunLoop with a slice offload', () => {
  const every50 = { ...DEFAULT_LANDSCAPE, plane: 'random' as const, size: 5, every: 50 };
  const noMeters: MeterConfig = { ...meters, llcEvery: 0 };

  it('plans slices due by the cadence here and takes their grids from the offload while they are heavy, tagged with their step', async () => {
    const jobs: SliceJob[] = [];
    const results: Array<((s: LandscapeSlice | null) => void)> = [];
    const offload: SliceOffload = { submitSlice: (j) => new Promise((r) => (jobs.push(j), results.push(r))) };
    const slices: Array<LandscapeSlice | string | null> = [];
    const sink = { ...sinkWith([]), onSlice: (s: LandscapeSlice | string | null) => slices.push(s) };
    const loop = new RunLoop(small, { meters: noMeters, landscape: every50, maxSliceShare: 1, sliceOffload: offload }, sink);
    await loop.begin();
    await loop.runTo(100);
    expect(jobs.map((j) => j.step)).toEqual([0, 50, 100]);
    expect(slices).toEqual([]); // nothing computed in place
    const heavy = { step: 50, ms: HEAVY_SLICE_MS } as LandscapeSlice;
    results[1](heavy);
    results[0](null); // replaced by a newer one: nothing to draw
    await tick();
    expect(slices).toEqual([heavy]);
    await loop.runTo(150);
    expect(jobs.map((j) => j.step)).toEqual([0, 50, 100, 150]); // still heavy: still sent away
    results[3]({ step: 150, ms: HEAVY_SLICE_MS - 1 } as LandscapeSlice);
    await tick();
    await loop.runTo(200);
    expect(jobs).toHaveLength(4); // light now: step 200's slice ran here, in step with the run
    expect(slices.slice(2, 3)).toEqual([null]); // the page is told one is starting
    expect((slices[3] as LandscapeSlice).step).toBe(200);
    expect((slices[3] as LandscapeSlice).loss).toHaveLength(25);
    loop.dispose();
  });

  it('never hands the page a slice older than one asked for since', async () => {
    const results: Array<((s: LandscapeSlice | null) => void)> = [];
    const offload: SliceOffload = { submitSlice: () => new Promise((r) => results.push(r)) };
    const slices: Array<LandscapeSlice | string | null> = [];
    const sink = { ...sinkWith([]), onSlice: (s: LandscapeSlice | string | null) => slices.push(s) };
    const loop = new RunLoop(small, { meters: noMeters, landscape: every50, maxSliceShare: 1, sliceOffload: offload }, sink);
    await loop.begin();
    await loop.runTo(60); // step 50's slice is away
    loop.landscape = { ...every50, split: 'test' };
    await loop.sliceByCost(); // asked for while training, cost unknown: sent away too
    expect(results).toHaveLength(3);
    await loop.slice(); // the reader switched to test loss while paused: computed here, at once
    results[1]({ step: 50, request: every50 } as unknown as LandscapeSlice); // the train-loss slice comes back late
    results[0]({ step: 0, request: every50 } as unknown as LandscapeSlice);
    results[2]({ step: 60, request: every50 } as unknown as LandscapeSlice); // and the one sent before the pause
    await tick();
    const shown = slices.filter((s): s is LandscapeSlice => !!s && typeof s !== 'string');
    expect(shown.map((s) => [s.step, s.request.split])).toEqual([[60, 'test']]);
    loop.dispose();
  });

  it('tells once when the offload fails, and computes later slices in place', async () => {
    const offload: SliceOffload = { submitSlice: () => Promise.reject(new Error('worker gone')) };
    const slices: Array<LandscapeSlice | string | null> = [];
    const notices: string[] = [];
    const sink = { ...sinkWith([], notices), onSlice: (s: LandscapeSlice | string | null) => slices.push(s) };
    const loop = new RunLoop(small, { meters: noMeters, landscape: every50, maxSliceShare: 1, sliceOffload: offload }, sink);
    await loop.begin(); // step 0's slice is sent, and refused
    await tick();
    await loop.runTo(100);
    loop.dispose();
    expect(notices).toEqual([expect.stringMatching(/own worker failed \(worker gone\)/)]);
    expect(slices.filter((s) => s && typeof s !== 'string').map((s) => (s as LandscapeSlice).step)).toEqual([50, 100]);
  });
});

/** A stand-in for the estimator's worker: answers each request when the test says so. */
class FakeWorker {
  onmessage: ((e: MessageEvent<MetersReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  requests: MetersRequest[] = [];
  terminated = false;
  postMessage(r: MetersRequest) {
    this.requests.push(r);
  }
  terminate() {
    this.terminated = true;
  }
  answer(i: number) {
    const r = this.requests[i];
    const data = r.kind === 'llc' ? { id: r.id, row: { step: r.job.step } as LlcRow } : { id: r.id, slice: { step: r.job.step } as LandscapeSlice };
    this.onmessage?.({ data } as MessageEvent<MetersReply>);
  }
  kinds() {
    return this.requests.map((r) => `${r.kind} ${r.job.step}`);
  }
}

const job = (step: number) => ({ step, config: small, settings: meters.llc, params: [] }) as LlcJob;
const sliceJob = (step: number) => ({ step, config: small }) as SliceJob;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('MetersWorkerOffload', () => {
  it('runs one job at a time in step order, and thins a full queue evenly instead of dropping the newest', async () => {
    const worker = new FakeWorker();
    const offload = new MetersWorkerOffload(() => worker as unknown as Worker);
    const results = Array.from({ length: MAX_WAITING + 2 }, (_, i) => offload.submit(job(i * 10)));
    expect(worker.requests.map((r) => r.job.step)).toEqual([0]);
    // MAX_WAITING + 1 jobs came in behind the first: the queue was full once and lost every other one.
    worker.answer(0);
    await tick();
    const waitingSteps = Array.from({ length: MAX_WAITING + 1 }, (_, i) => (i + 1) * 10);
    const { kept } = thinned(waitingSteps.slice(0, MAX_WAITING));
    expect(worker.requests.map((r) => r.job.step)).toEqual([0, kept[0]]);
    const settled = await Promise.all(results.slice(1).map((p) => Promise.race([p, tick().then(() => 'pending')])));
    expect(settled.filter((s) => s === null)).toHaveLength(MAX_WAITING / 2);
    expect(await results[0]).toEqual({ step: 0 });
  });

  it('takes the newest snapshot first while training runs, then fills in the rest oldest first', async () => {
    const worker = new FakeWorker();
    const offload = new MetersWorkerOffload(() => worker as unknown as Worker);
    offload.setTraining(true);
    [0, 10, 20, 30].forEach((s) => void offload.submit(job(s)));
    worker.answer(0);
    await tick();
    expect(worker.requests.map((r) => r.job.step)).toEqual([0, 30]);
    offload.setTraining(false);
    worker.answer(1);
    await tick();
    worker.answer(2);
    await tick();
    expect(worker.requests.map((r) => r.job.step)).toEqual([0, 30, 10, 20]);
  });

  it('keeps only the newest slice waiting, and puts it before the estimates but never twice in a row', async () => {
    const worker = new FakeWorker();
    const offload = new MetersWorkerOffload(() => worker as unknown as Worker);
    offload.setTraining(true);
    const first = offload.submit(job(0));
    const replaced = offload.submitSlice(sliceJob(100));
    const newest = offload.submitSlice(sliceJob(200));
    void offload.submit(job(100));
    void offload.submit(job(200));
    expect(await replaced).toBeNull();
    worker.answer(0);
    await tick();
    expect(await first).toEqual({ step: 0 });
    expect(worker.kinds()).toEqual(['llc 0', 'slice 200']);
    expect(offload.pending()).toBe(2); // the slice under way is not an estimate
    void offload.submitSlice(sliceJob(300));
    worker.answer(1);
    await tick();
    expect(await newest).toEqual({ step: 200 });
    expect(worker.kinds()).toEqual(['llc 0', 'slice 200', 'llc 200']);
    worker.answer(2);
    await tick();
    expect(worker.kinds()).toEqual(['llc 0', 'slice 200', 'llc 200', 'slice 300']);
    offload.clear();
    worker.answer(3);
    await tick();
    expect(worker.requests).toHaveLength(4); // cleared: the estimate at step 100 is not sent
  });

  it('fails every job over to the caller when the worker dies', async () => {
    const worker = new FakeWorker();
    const offload = new MetersWorkerOffload(() => worker as unknown as Worker);
    const a = offload.submit(job(0));
    const b = offload.submit(job(10));
    const c = offload.submitSlice(sliceJob(10));
    worker.onerror?.({ message: 'boom', preventDefault: () => {} } as ErrorEvent);
    await expect(a).rejects.toThrow('boom');
    await expect(b).rejects.toThrow('boom');
    await expect(c).rejects.toThrow('boom');
    await expect(offload.submit(job(20))).rejects.toThrow('boom');
    await expect(offload.submitSlice(sliceJob(20))).rejects.toThrow('boom');
    expect(worker.terminated).toBe(true);
  });

  it('rests between jobs only while training runs', async () => {
    const worker = new FakeWorker();
    const offload = new MetersWorkerOffload(() => worker as unknown as Worker, 0.01);
    offload.setTraining(true);
    void offload.submit(job(0));
    void offload.submit(job(10));
    await new Promise((r) => setTimeout(r, 5)); // job 0 "takes" 5 ms: at 1% duty, ~500 ms of rest follow
    worker.answer(0);
    await tick();
    expect(worker.requests).toHaveLength(1);
    offload.setTraining(false); // paused: the estimator may use the whole core
    expect(worker.requests.map((r) => r.job.step)).toEqual([0, 10]);
  });

  it('starts a waiting slice without waiting out the rest, and rests after it before the next estimate', async () => {
    const worker = new FakeWorker();
    const offload = new MetersWorkerOffload(() => worker as unknown as Worker, 0.01);
    offload.setTraining(true);
    void offload.submit(job(0));
    void offload.submit(job(10));
    await new Promise((r) => setTimeout(r, 5));
    worker.answer(0); // ~500 ms of rest begin
    await tick();
    void offload.submitSlice(sliceJob(20));
    expect(worker.kinds()).toEqual(['llc 0', 'slice 20']);
    await new Promise((r) => setTimeout(r, 5));
    worker.answer(1);
    await tick();
    expect(worker.kinds()).toEqual(['llc 0', 'slice 20']); // resting again
  });

  it('takes a share of a core that follows the core count', () => {
    expect(estimatorDuty(2)).toBe(0.25);
    expect(estimatorDuty(3)).toBe(1);
    expect(estimatorDuty(1)).toBe(0.25);
    expect(estimatorDuty(8)).toBe(1);
    expect(restAfter(1000, 0.25)).toBe(3000);
    expect(restAfter(1000, 1)).toBe(0);
  });
});

describe('the page keeps estimates in step order', () => {
  it('merges rows that arrive out of order, a repeated step replacing the old row', async () => {
    const { mergeByStep } = await import('../src/ui/runSeries');
    const rows = mergeByStep([{ step: 0, v: 'a' }, { step: 250, v: 'b' }], [{ step: 2000, v: 'c' }, { step: 50, v: 'd' }, { step: 250, v: 'e' }]);
    expect(rows).toEqual([{ step: 0, v: 'a' }, { step: 50, v: 'd' }, { step: 250, v: 'e' }, { step: 2000, v: 'c' }]);
  });
});
