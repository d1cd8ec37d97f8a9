import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../src/core/config';
import { findPreset } from '../src/core/presets';
import { decodeQuery } from '../src/core/url';
import { LESSONS } from '../src/lessons';

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

  it('no weight decay, then weight decay mid-run without a restart', () => {
    const [off, on] = LESSONS[1].steps;
    expect(findPreset(off.preset)!.config.wd).toBe(0);
    expect(on.config).toEqual({ wd: 1 });
  });

  it('opens from a link, and says when the lesson or step does not exist', () => {
    expect(decodeQuery('?lesson=less-data&step=2').view).toMatchObject({ lesson: 'less-data', step: 2 });
    expect(decodeQuery('?lesson=nope').notices.join()).toMatch(/lesson="nope" does not exist/);
    expect(decodeQuery('?lesson=less-data&step=9').view.step).toBe(3);
  });
});
