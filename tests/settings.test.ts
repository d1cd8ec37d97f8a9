/** The page's one settings reducer. */
import { describe, expect, it } from 'vitest';
import { defaultLlcSettings } from '../src/core/meterConfig';
import { DEFAULT_PRESET_ID } from '../src/core/presets';
import { decodeQuery } from '../src/core/url';
import { initialSettings, settingsReducer } from '../src/ui/settings';

const start = () => initialSettings(decodeQuery(''));

describe('settings reducer', () => {
  it('keeps the preset while the config equals it, and drops it once a setting moves', () => {
    const s = start();
    expect(s.presetId).toBe(DEFAULT_PRESET_ID);
    expect(settingsReducer(s, { type: 'patch', patch: { lr: s.config.lr } }).presetId).toBe(DEFAULT_PRESET_ID);
    const moved = settingsReducer(s, { type: 'patch', patch: { lr: 0.02 } });
    expect(moved).toMatchObject({ presetId: null, config: { lr: 0.02 }, configureNow: false });
  });

  it('gives a new model its own LLC defaults, unless the user tuned the estimator', () => {
    const s = start();
    expect(settingsReducer(s, { type: 'patch', patch: { model: 'transformer', width: 64 } }).meters.llc).toEqual(defaultLlcSettings({ model: 'transformer', loss: 'ce' }));
    const tuned = settingsReducer(s, { type: 'meters', meters: { ...s.meters, llc: { ...s.meters.llc, draws: 99 } } });
    expect(settingsReducer(tuned, { type: 'patch', patch: { model: 'transformer', width: 64 } }).meters.llc.draws).toBe(99);
  });

  it('asks for play only when a step says so, after its config', () => {
    const s = start();
    const quiet = settingsReducer(s, { type: 'config', config: s.config, presetId: 'classic', now: true });
    expect(quiet.playRequests).toBe(s.playRequests);
    const playing = settingsReducer(s, { type: 'config', config: s.config, presetId: 'classic', now: true, play: true });
    expect(playing).toMatchObject({ playRequests: s.playRequests + 1, configureNow: true });
  });
});
