import { describe, expect, it } from 'vitest';
import { decodeBranch } from '../src/core/branchLink';
import { DEFAULT_METERS } from '../src/core/meterConfig';
import { classicConfig } from './classic';
import { makeRunRecord, RunRecordSchema } from '../src/core/run';
import { atOrBefore, LogSpaced, MAX_CHECKPOINTS, nextCheckpointStep, thinningIndex } from '../src/core/timeline';
import { decodeQuery, encodeQuery } from '../src/core/url';
import { moveCursor, settingChanges } from '../src/ui/scrub';

/** The steps a run records checkpoints at, up to `last`. */
function recordedSteps(last: number): number[] {
  const timeline = new LogSpaced<{ step: number }>();
  for (let step = 0; step <= last; step = nextCheckpointStep(step)) timeline.add({ step });
  timeline.add({ step: last });
  return timeline.entries.map((e) => e.step);
}

describe('checkpoint timeline', () => {
  it('holds at most the cap, in step order, keeping the first and the latest', () => {
    const steps = recordedSteps(100_000);
    expect(steps.length).toBe(MAX_CHECKPOINTS);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(100_000);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });

  it('stays log-spaced after thinning: each checkpoint past the 25-step floor within a steady factor of the last', () => {
    const steps = recordedSteps(100_000);
    const ratios = steps.slice(1).filter((s) => s > 1000).map((s) => s / steps[steps.indexOf(s) - 1]);
    expect(Math.max(...ratios)).toBeLessThan(1.25);
    expect(Math.min(...steps.slice(1).map((s, i) => s - steps[i]))).toBeGreaterThanOrEqual(25);
    // Early steps are kept denser than late ones.
    expect(steps[2] - steps[1]).toBeLessThan(steps.at(-1)! - steps.at(-2)!);
  });

  it('drops the interior checkpoint with the smallest log gap, the oldest of equals, never an end', () => {
    expect(thinningIndex([0, 100, 110, 1000])).toBe(2);
    expect(thinningIndex([0, 1000, 1010, 1020, 5000])).toBe(2);
    expect(thinningIndex([0, 10])).toBe(-1);
    // Equal gaps: 1 and 2 have the same neighbours-span on a log axis; the older one goes.
    const e = Math.E;
    expect(thinningIndex([e ** 0 - 1, e ** 1 - 1, e ** 2 - 1, e ** 3 - 1])).toBe(1);
  });

  it('checkpoints at least 25 steps apart and 5% later', () => {
    expect(nextCheckpointStep(0)).toBe(25);
    expect(nextCheckpointStep(1000)).toBe(1050);
  });

  it('finds the checkpoint at or before a step, replaces one at the same step, truncates after a branch', () => {
    const t = new LogSpaced<{ step: number; v: string }>(8);
    for (const step of [0, 25, 50, 100]) t.add({ step, v: 'a' });
    t.add({ step: 50, v: 'b' });
    expect(t.atOrBefore(70)).toEqual({ step: 50, v: 'b' });
    expect(t.atOrBefore(-1)).toBeNull();
    expect(atOrBefore(t.entries, 100)?.step).toBe(100);
    t.truncateAfter(49);
    expect(t.entries.map((e) => e.step)).toEqual([0, 25]);
  });
});

describe('scrub cursor', () => {
  const steps = [0, 25, 50, 100];
  it('steps through checkpoints and returns to live past the last', () => {
    expect(moveCursor(steps, null, -1)).toBe(100);
    expect(moveCursor(steps, 100, 1)).toBeNull();
    expect(moveCursor(steps, 25, -1)).toBe(0);
    expect(moveCursor(steps, 0, -1)).toBe(0);
    expect(moveCursor(steps, null, 1)).toBeNull();
    expect(moveCursor([], null, -1)).toBeNull();
  });

  it('names each setting a branch changes, but not the budget', () => {
    const c = classicConfig();
    expect(settingChanges(c, { ...c, wd: 0, steps: c.steps + 1 })).toEqual([`wd ${c.wd} → 0`]);
  });
});

describe('branch links', () => {
  const c = { ...classicConfig(), steps: 2000 };
  const parent = { ...c, wd: 3 };

  it('reads back the branch it writes, naming only what the branch changed', () => {
    const query = encodeQuery('classic', c, 'auto', undefined, { step: 800, parent });
    expect(query).toContain('branch=800');
    expect(query).toContain('from-wd=3');
    expect(query).not.toContain('from-lr');
    const decoded = decodeQuery(query);
    expect(decoded.notices).toEqual([]);
    expect(decoded.branch).toEqual({ step: 800, parent });
  });

  it('treats keys named like built-in object properties as unknown, not as renamed keys', () => {
    expect(decodeQuery('toString&constructor=1').notices).toEqual([`"toString" is not a setting Grokscope knows; ignored`, `"constructor" is not a setting Grokscope knows; ignored`]);
  });

  it.each([
    ['branch=abc', 'the branch step must be a whole number'],
    ['branch=0', 'the branch step must be a whole number'],
    ['branch=5000', 'the branch step must be a whole number'],
    ['branch=10&from-size=3', 'is not a setting a branch can start from'],
    ['branch=10&from-wd=-1', 'the settings before the branch are invalid'],
    ['branch=10&from-width=64', 'A branch keeps the network, so it cannot change width'],
    ['from-wd=1', 'given without branch=STEP'],
  ])('refuses %s with a notice and no branch', (text, message) => {
    const notices: string[] = [];
    expect(decodeBranch(new Map(new URLSearchParams(text)), c, notices)).toBeNull();
    expect(notices.join(' ')).toContain(message);
  });
});

describe('branch in the Run record', () => {
  const metrics = [0, 10].map((step) => ({ step, trainAcc: 0, testAcc: 0, trainLoss: 1, testLoss: 1, weightNorm: 1 }));
  const base = { config: classicConfig(), backend: 'wasm', metrics, events: { fitStep: null, grokStep: null }, hyperChanges: [], wallMs: 1, divergence: null, meters: DEFAULT_METERS, llc: [], entropy: [], progress: [] };

  it('defaults to none for files written before forks existed', () => {
    const { branch: _, ...old } = makeRunRecord(base);
    expect(RunRecordSchema.parse(old).branch).toBeNull();
  });

  it('refuses a branch after the last recorded step', () => {
    const record = makeRunRecord({ ...base, branch: { step: 11, parent: classicConfig() } });
    const parsed = RunRecordSchema.safeParse(JSON.parse(JSON.stringify(record)));
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain("after the run's last step");
  });
});
