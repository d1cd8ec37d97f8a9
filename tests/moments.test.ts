/** A lesson's moment, decided in the worker: the session pauses on the measurement that reaches it. */
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../src/core/config';
import { DEFAULT_LANDSCAPE } from '../src/core/landscape/slice';
import { DEFAULT_METERS } from '../src/core/meters';
import { MomentWatch } from '../src/core/moments';
import { classicConfig } from './classic';
import type { WorkerEvent } from '../src/worker/protocol';
import { Session } from '../src/worker/session';

const config: RunConfig = { ...classicConfig(), p: 11, width: 16, trainFrac: 0.5, evalEvery: 5, steps: 100_000 };
const meters = { ...DEFAULT_METERS, llcEvery: 0, entropyEvery: 10 };

describe('MomentWatch', () => {
  const at = (fit: number | null) => ({ chance: 0.1, threshold: 0.6, fitStep: () => fit });
  const row = (step: number, trainAcc: number, testAcc: number) => ({ step, trainAcc, testAcc });
  it('reaches each event on the phases’ thresholds, and a step number at or after it', () => {
    expect(new MomentWatch('memorized', at(null)).row(row(5, 0.98, 0))).toBe(false);
    expect(new MomentWatch('memorized', at(null)).row(row(5, 0.99, 0))).toBe(true);
    expect(new MomentWatch('rise', at(40)).row(row(50, 1, 0.19))).toBe(false);
    expect(new MomentWatch('rise', at(40)).row(row(50, 1, 0.2))).toBe(true);
    expect(new MomentWatch('grokked', at(40)).row(row(50, 1, 0.94))).toBe(false);
    expect(new MomentWatch('grokked', at(40)).row(row(50, 1, 0.95))).toBe(true);
    expect(new MomentWatch(30, at(null)).row(row(29, 0, 0))).toBe(false);
    expect(new MomentWatch(30, at(null)).row(row(30, 0, 0))).toBe(true);
    // Rows never reach the crossing, and H̃ never reaches the accuracy events.
    expect(new MomentWatch('entropy-crossing', at(0)).row(row(50, 1, 1))).toBe(false);
    expect(new MomentWatch('grokked', at(0)).entropy({ step: 50, entropy: 0 })).toBe(false);
  });
  it('counts an H̃ crossing only below the threshold and at or after the fit', () => {
    expect(new MomentWatch('entropy-crossing', at(null)).entropy({ step: 50, entropy: 0.1 })).toBe(false);
    expect(new MomentWatch('entropy-crossing', at(60)).entropy({ step: 50, entropy: 0.1 })).toBe(false);
    expect(new MomentWatch('entropy-crossing', at(50)).entropy({ step: 50, entropy: 0.6 })).toBe(false);
    const w = new MomentWatch('entropy-crossing', at(50));
    expect(w.entropy({ step: 50, entropy: 0.59 })).toBe(true);
    expect(w.reachedAt).toBe(50);
  });
});

function session() {
  const events: WorkerEvent[] = [];
  let waiting: { pred: () => boolean; resolve: () => void } | null = null;
  const s = new Session(config, meters, { ...DEFAULT_LANDSCAPE, every: 0 }, (e) => {
    events.push(e);
    if (waiting?.pred()) waiting.resolve();
  });
  const last = () => events.filter((e): e is Extract<WorkerEvent, { type: 'status' }> => e.type === 'status').at(-1)!;
  const waitFor = (pred: () => boolean) => new Promise<void>((resolve) => (waiting = { pred, resolve }));
  const fitStep = () => events.flatMap((e) => (e.type === 'metrics' && e.events.fitStep !== null ? [e.events.fitStep] : [])).at(0) ?? null;
  const entropySteps = () => events.flatMap((e) => (e.type === 'metrics' ? e.entropy.map((r) => r.step) : []));
  return { s, last, waitFor, fitStep, entropySteps };
}

describe('Session.pauseAt', () => {
  it('pauses on the very row that memorizes, once: Play then runs on', async () => {
    const { s, last, waitFor, fitStep } = session();
    s.start();
    await s.idle();
    s.pauseAt(last().runId, 'memorized', 0.6);
    s.play();
    await waitFor(() => last().state === 'paused' && fitStep() !== null);
    await s.idle();
    expect(last().step).toBe(fitStep());
    s.play();
    await waitFor(() => last().step > fitStep()! + 100);
    s.pause();
    await s.idle();
  });

  it('pauses on the H̃ measurement that crosses the threshold, and at a step number', async () => {
    const a = session();
    a.s.start();
    await a.s.idle();
    // Every H̃ is below 1: the crossing is the first measurement at or after the fit.
    a.s.pauseAt(a.last().runId, 'entropy-crossing', 1);
    a.s.play();
    await a.waitFor(() => a.last().state === 'paused' && a.fitStep() !== null);
    await a.s.idle();
    expect(a.last().step).toBe(a.entropySteps().find((st) => st >= a.fitStep()!));
    const b = session();
    b.s.start();
    await b.s.idle();
    b.s.pauseAt(b.last().runId, 23, 0.6);
    b.s.play();
    await b.waitFor(() => b.last().state === 'paused' && b.last().step > 0);
    await b.s.idle();
    expect(b.last().step).toBe(25); // the first measured row at or after step 23 (evalEvery 5)
  });

  it('ignores a moment asked for on another run', async () => {
    const { s, last, waitFor, fitStep } = session();
    s.start();
    await s.idle();
    s.pauseAt(last().runId + 1, 'memorized', 0.6);
    s.play();
    await waitFor(() => fitStep() !== null && last().step > fitStep()! + 50);
    expect(last().state).toBe('running');
    s.pause();
    await s.idle();
  });
});
