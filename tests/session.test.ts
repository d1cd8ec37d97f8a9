/** The worker's session, driven in Node as the worker drives it, with a post() that records events. */
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../src/core/config';
import { DEFAULT_LANDSCAPE } from '../src/core/landscape/slice';
import { DEFAULT_METERS } from '../src/core/meters';
import { classicConfig } from './classic';
import type { WorkerEvent } from '../src/worker/protocol';
import { Session } from '../src/worker/session';

const config: RunConfig = { ...classicConfig(), p: 11, width: 16, trainFrac: 0.5, evalEvery: 5, steps: 40 };
const meters = { ...DEFAULT_METERS, llcEvery: 20, entropyEvery: 10, llc: { ...DEFAULT_METERS.llc, draws: 3, burnIn: 1, chains: 1 } };

function session(cfg = config) {
  const events: WorkerEvent[] = [];
  // Resolved from inside post(), as a message from the page would arrive: the training loop may
  // starve Node's timers, never its message queue.
  let waiting: { pred: () => boolean; resolve: () => void } | null = null;
  const s = new Session(cfg, meters, { ...DEFAULT_LANDSCAPE, plane: 'random', size: 5, every: 20 }, (e) => {
    events.push(e);
    if (waiting?.pred()) waiting.resolve();
  });
  const statuses = () => events.filter((e): e is Extract<WorkerEvent, { type: 'status' }> => e.type === 'status');
  const waitFor = (pred: () => boolean) => new Promise<void>((resolve) => (waiting = { pred, resolve }));
  return { s, events, statuses, waitFor, last: () => statuses().at(-1) ?? ({} as Partial<Extract<WorkerEvent, { type: 'status' }>>) };
}

describe('Session', () => {
  it('trains to its budget, reports the budget, and Play past it extends the budget it reports', async () => {
    const { s, events, waitFor, last } = session();
    s.start();
    await s.idle();
    expect(events[0]).toMatchObject({ type: 'run-started', runId: 1 });
    expect(last()).toMatchObject({ state: 'paused', step: 0, budget: 40 });
    s.play();
    await waitFor(() => last().state === 'finished');
    expect(last()).toMatchObject({ step: 40, budget: 40 });
    s.play();
    await waitFor(() => last().state === 'finished' && last().step === 80);
    expect(last().budget).toBe(80);
    // Every step's metrics arrived, meters on their cadence, slices too.
    const metricSteps = events.flatMap((e) => (e.type === 'metrics' ? Array.from(e.columns.step) : []));
    expect(metricSteps.at(-1)).toBe(80);
    const entropy = events.flatMap((e) => (e.type === 'metrics' ? e.entropy.map((r) => r.step) : []));
    expect(entropy.filter((st) => st >= 10)).toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
    // Slices fall on multiples of their cadence, as many as the worker's wall-time cap allows.
    const slices = events.filter((e) => e.type === 'landscape').map((e) => (e as { slice: { step: number } }).slice.step);
    expect(slices[0]).toBe(0);
    for (const st of slices) expect(st % 20).toBe(0);
  });

  it('pauses between chunks, and a reset starts a new run at step 0 with nothing of the old one', async () => {
    const { s, events, waitFor, last } = session({ ...config, steps: 100_000 });
    s.start();
    s.play();
    await waitFor(() => last().state === 'running' && (last().step ?? 0) > 10);
    s.pause();
    await s.idle();
    const paused = last();
    expect(paused.state).toBe('paused');
    expect(paused.step).toBeLessThan(2000); // paused at the next chunk, not after thousands of steps
    await new Promise((r) => setTimeout(r, 50));
    expect(last().step).toBe(paused.step); // no chunk ran after the pause
    s.reset();
    await s.idle();
    expect(last()).toMatchObject({ runId: 2, step: 0, state: 'paused', budget: 100_000 });
    const second = events.filter((e) => e.type === 'metrics' && e.runId === 2);
    expect(second.flatMap((e) => (e.type === 'metrics' ? Array.from(e.columns.step) : []))).toEqual([0]);
  });

  it('answers Pause at once, even while a long slice is being computed', async () => {
    const { s, events, waitFor, last } = session({ ...config, steps: 100_000 });
    s.start();
    s.play();
    await waitFor(() => last().state === 'running' && (last().step ?? 0) > 5);
    const before = events.length;
    s.pause();
    // Posted inside pause() itself, before any queued work (a chunk, a meter, a slice) finishes.
    expect(events.slice(before)).toEqual([expect.objectContaining({ type: 'status', state: 'paused' })]);
    await s.idle();
    expect(last().state).toBe('paused');
  });

  it('a diverging run stops with one message and keeps its history', async () => {
    const { s, events, waitFor, last } = session({ ...config, lr: 1, wd: 10, steps: 200 });
    s.start();
    s.play();
    await waitFor(() => last().state === 'diverged');
    expect(last().message).toMatch(/Training diverged at step \d+/);
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(events.some((e) => e.type === 'metrics' && e.columns.step.length > 0)).toBe(true);
  });
});
