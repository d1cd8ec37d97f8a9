/** The worker's one command schema: every malformed message gets the same kind of message. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANDSCAPE } from '../src/core/landscape/settings';
import { DEFAULT_METERS } from '../src/core/meterConfig';
import { classicConfig } from './classic';
import { parseCommand } from '../src/worker/commands';

describe('worker commands', () => {
  it('accepts what the page sends', () => {
    for (const cmd of [
      { type: 'init', config: classicConfig(), meters: DEFAULT_METERS, landscape: DEFAULT_LANDSCAPE, backend: 'auto' },
      { type: 'play' },
      { type: 'speed', speed: 'fast' },
      { type: 'configure', config: { ...classicConfig(), lr: 0.02 } },
      { type: 'landscape', settings: { ...DEFAULT_LANDSCAPE, size: 21 } },
      { type: 'ablate', frequencies: [3, 7] },
      { type: 'pause-at', fromRun: 2, moment: 'memorized', threshold: 0.61 },
      { type: 'pause-at', fromRun: 2, moment: 1500, threshold: 0.61 },
      { type: 'pause-at', fromRun: 2, moment: null, threshold: 0.61 },
      { type: 'benchmark', config: classicConfig(), meters: DEFAULT_METERS, steps: 10, forwards: 3, sliceSize: 9 },
    ])
      expect(parseCommand(cmd)).toMatchObject({ ok: true, command: cmd });
  });

  it.each([
    [{ type: 'warp' }, /refused a "warp" message: .*unknown command/],
    [null, /refused a "object" message/],
    ['play', /refused a "string" message/],
    [{ type: 'speed', speed: 'ludicrous' }, /refused a "speed" message: speed: /],
    [{ type: 'ablate', frequencies: [0] }, /refused a "ablate" message: frequencies/],
    [{ type: 'pause-at', fromRun: 1, moment: 'someday', threshold: 0.61 }, /refused a "pause-at" message: moment/],
    [{ type: 'pause-at', fromRun: 1, moment: 'grokked', threshold: Number.NaN }, /refused a "pause-at" message: threshold/],
    [{ type: 'configure', config: { ...classicConfig(), p: 12 } }, /refused a "configure" message: config\.p: p must be a prime number/],
    [{ type: 'landscape', settings: { ...DEFAULT_LANDSCAPE, size: 500 } }, /refused a "landscape" message: settings\.size: size must be at most 81/],
    [{ type: 'meters', meters: { ...DEFAULT_METERS, llcEvery: -1 } }, /refused a "meters" message: meters\.llcEvery: llc-every must be at least 0/],
  ])('refuses %j with one message naming the field', (data, message) => {
    const r = parseCommand(data);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});
