import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../src/core/config';
import { findPreset } from '../src/core/presets';
import { decodeQuery } from '../src/core/url';
import { LessonSchema, LESSONS, runStartOf } from '../src/lessons';
import { DEFAULT_LANDSCAPE } from '../src/core/landscape/settings';
import { DEFAULT_METERS } from '../src/core/meterConfig';
import { initialSettings, settingsReducer } from '../src/ui/settings';
import type { WorkerEvent } from '../src/worker/protocol';
import { Session } from '../src/worker/session';

describe('lessons', () => {
  it('include the five the classroom needs', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['memorize-then-jump', 'no-weight-decay', 'less-data', 'meters-before-the-jump', 'inside-the-network']);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: every step has valid settings', (_, lesson) => {
    for (const step of lesson.steps) {
      const parsed = parseRunConfig({ ...findPreset(step.preset)!.config, ...step.config });
      expect(parsed.ok, `${lesson.id}: ${step.title}`).toBe(true);
    }
  });

  it('no weight decay, then weight decay mid-run: the same run goes on, with a marked change', async () => {
    const [off, on] = LESSONS[1].steps;
    // The page's settings store applies each step; the worker's session receives what it sends.
    let settings = initialSettings(decodeQuery(`?preset=${off.preset}`));
    const events: WorkerEvent[] = [];
    const meters = { ...DEFAULT_METERS, llcEvery: 0, entropyEvery: 0 };
    const session = new Session(settings.config, meters, { ...DEFAULT_LANDSCAPE, every: 0 }, (e) => events.push(e));
    session.start();
    session.step();
    session.step();
    await session.idle();
    const parsed = parseRunConfig({ ...findPreset(on.preset)!.config, ...on.config });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    settings = settingsReducer(settings, { type: 'config', config: parsed.config, presetId: null, now: true });
    expect(settings.config.wd).toBe(1);
    session.configure(settings.config);
    session.step();
    await session.idle();
    expect(events.filter((e) => e.type === 'run-started')).toHaveLength(1);
    expect(events.find((e) => e.type === 'hyper-change')).toMatchObject({ change: { step: 2, wd: 1 } });
    const last = events.filter((e) => e.type === 'status').at(-1);
    expect(last).toMatchObject({ runId: 1, step: 3 });
  });

  it('a preset or lesson step chosen anew starts at step 0, even when only weight decay differs', async () => {
    let settings = initialSettings(decodeQuery('?preset=classic'));
    const events: WorkerEvent[] = [];
    const session = new Session(settings.config, { ...DEFAULT_METERS, llcEvery: 0, entropyEvery: 0 }, { ...DEFAULT_LANDSCAPE, every: 0 }, (e) => events.push(e));
    session.start();
    session.step();
    await session.idle();
    settings = settingsReducer(settings, { type: 'config', config: { ...findPreset('no-decay')!.config }, presetId: 'no-decay', fresh: true });
    expect(settings).toMatchObject({ configureNow: true, configureFresh: true });
    session.configure(settings.config, settings.configureFresh);
    await session.idle();
    expect(events.filter((e) => e.type === 'run-started')).toHaveLength(2);
    expect(events.find((e) => e.type === 'hyper-change')).toBeUndefined();
    expect(events.filter((e) => e.type === 'status').at(-1)).toMatchObject({ runId: 2, step: 0 });
  });

  it('a step continues the previous run only where it says so, and replays from the step that started it', () => {
    const [memorize, plateau, jump] = LESSONS[0].steps;
    expect([memorize.continue, plateau.continue, jump.continue]).toEqual([undefined, true, true]);
    expect([1, 2, 3].map((k) => runStartOf(LESSONS[0], k))).toEqual([1, 1, 1]);
    expect([1, 2, 3].map((k) => runStartOf(LESSONS[2], k))).toEqual([1, 2, 3]);
    const step = { title: 's', text: 't', watch: 'w', preset: 'classic', autoplay: true };
    const check = (steps: object[]) => LessonSchema.safeParse({ id: 'x', title: 'x', steps });
    expect(check([{ ...step, until: 'memorized' }, { ...step, continue: true }]).success).toBe(true);
    expect(check([{ ...step, continue: true }]).error?.message).toMatch(/first step has no run to continue/);
    expect(check([step, { ...step, continue: true }]).error?.message).toMatch(/needs an \W+until/);
    expect(check([{ ...step, until: 100 }, { ...step, continue: true, config: { p: 53 } }]).error?.message).toMatch(/only the learning rate and weight decay/);
    expect(check([{ ...step, until: 100 }, { ...step, continue: true, config: { wd: 0 } }]).success).toBe(true);
  });

  it('opens from a link, and says when the lesson or step does not exist', () => {
    expect(decodeQuery('?lesson=less-data&step=2').view).toMatchObject({ lesson: 'less-data', step: 2 });
    expect(decodeQuery('?lesson=nope').notices.join()).toMatch(/lesson="nope" does not exist/);
    expect(decodeQuery('?lesson=less-data&step=9').view.step).toBe(3);
  });
});
