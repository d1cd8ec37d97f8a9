import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../src/core/config';
import { findPreset } from '../src/core/presets';
import { decodeQuery } from '../src/core/url';
import { LESSONS } from '../src/lessons';
import { DEFAULT_LANDSCAPE } from '../src/core/landscape/settings';
import { DEFAULT_METERS } from '../src/core/meterConfig';
import { initialSettings, settingsReducer } from '../src/ui/settings';
import type { WorkerEvent } from '../src/worker/protocol';
import { Session } from '../src/worker/session';

describe('lessons', () => {
  it('include the four the classroom needs', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['memorize-then-jump', 'no-weight-decay', 'less-data', 'meters-before-the-jump']);
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

  it('opens from a link, and says when the lesson or step does not exist', () => {
    expect(decodeQuery('?lesson=less-data&step=2').view).toMatchObject({ lesson: 'less-data', step: 2 });
    expect(decodeQuery('?lesson=nope').notices.join()).toMatch(/lesson="nope" does not exist/);
    expect(decodeQuery('?lesson=less-data&step=9').view.step).toBe(3);
  });
});
