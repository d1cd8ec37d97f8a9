/**
 * Everything the user sets on the page, in one state with one reducer. Components dispatch; one
 * effect (useSettings) sends what changed to the worker, another writes the address. Nothing else
 * writes settings, so the worker, the link and the controls cannot disagree.
 */
import type { RunConfig } from '../core/config';
import type { LandscapeSettings } from '../core/landscape/settings';
import { defaultLlcSettings, defaultMeters, PAPER_ENTROPY_THRESHOLD, type MeterConfig } from '../core/meterConfig';
import { findPreset } from '../core/presets';
import { DEFAULT_LANDSCAPE } from '../core/landscape/settings';
import type { DecodedUrl, Theme } from '../core/url';
import type { Speed } from '../worker/protocol';
import type { AxisKind } from './charts/chartTypes';

export interface Settings {
  config: RunConfig;
  /** The preset the config still equals, or null once the user changed something. */
  presetId: string | null;
  meters: MeterConfig;
  landscape: LandscapeSettings;
  speed: Speed;
  xKind: AxisKind;
  threshold: number;
  present: boolean;
  theme: Theme;
  lessonAt: { id: string; step: number } | null;
  /** Send the next config at once rather than after a slider pause (a lesson step, a preset). */
  configureNow: boolean;
  /** The next config starts a new run at step 0 even if only live settings changed (a preset, a lesson step). */
  configureFresh: boolean;
  /** Bumped to ask the worker to play after the config that came with it (a lesson step's autoplay). */
  playRequests: number;
}

export type SettingsAction =
  | { type: 'config'; config: RunConfig; presetId: string | null; now?: boolean; fresh?: boolean; play?: boolean }
  | { type: 'patch'; patch: Partial<RunConfig> }
  | { type: 'meters'; meters: MeterConfig }
  | { type: 'landscape'; landscape: LandscapeSettings }
  | { type: 'speed'; speed: Speed }
  | { type: 'xKind'; xKind: AxisKind }
  | { type: 'threshold'; threshold: number }
  | { type: 'present'; present: boolean }
  | { type: 'theme'; theme: Theme }
  | { type: 'lesson'; lessonAt: Settings['lessonAt'] };

export function initialSettings(decoded: DecodedUrl): Settings {
  return {
    config: decoded.config,
    presetId: decoded.presetId,
    meters: { ...defaultMeters(decoded.config), llcEvery: decoded.view.llcEvery, entropyEvery: decoded.view.entropyEvery },
    landscape: { ...DEFAULT_LANDSCAPE, plane: decoded.view.plane, split: decoded.view.split },
    speed: 'normal',
    xKind: decoded.view.xScale,
    threshold: PAPER_ENTROPY_THRESHOLD,
    present: decoded.view.present,
    theme: decoded.view.theme,
    lessonAt: decoded.view.lesson ? { id: decoded.view.lesson, step: decoded.view.step } : null,
    configureNow: false,
    configureFresh: false,
    playRequests: 0,
  };
}

const sameLlc = (a: MeterConfig['llc'], b: MeterConfig['llc']) => JSON.stringify(a) === JSON.stringify(b);

/** A new config; a new model or loss gets its own LLC defaults unless the user tuned the estimator. */
function withConfig(s: Settings, config: RunConfig, presetId: string | null, now: boolean, fresh: boolean, play: boolean): Settings {
  const same = config.model === s.config.model && config.loss === s.config.loss;
  const keepLlc = same || !sameLlc(s.meters.llc, defaultLlcSettings(s.config));
  return {
    ...s,
    config,
    presetId,
    meters: keepLlc ? s.meters : { ...s.meters, llc: defaultLlcSettings(config) },
    configureNow: now || fresh,
    configureFresh: fresh,
    playRequests: s.playRequests + (play ? 1 : 0),
  };
}

export function settingsReducer(s: Settings, a: SettingsAction): Settings {
  switch (a.type) {
    case 'config':
      return withConfig(s, a.config, a.presetId, a.now ?? false, a.fresh ?? false, a.play ?? false);
    case 'patch': {
      const next = { ...s.config, ...a.patch };
      const base = s.presetId ? findPreset(s.presetId)?.config : null;
      const stillPreset = base && (Object.keys(base) as (keyof RunConfig)[]).every((k) => base[k] === next[k]);
      return withConfig(s, next, stillPreset ? s.presetId : null, false, false, false);
    }
    case 'meters':
      return { ...s, meters: a.meters };
    case 'landscape':
      return { ...s, landscape: a.landscape };
    case 'speed':
      return { ...s, speed: a.speed };
    case 'xKind':
      return { ...s, xKind: a.xKind };
    case 'threshold':
      return { ...s, threshold: a.threshold };
    case 'present':
      return { ...s, present: a.present };
    case 'theme':
      return { ...s, theme: a.theme };
    case 'lesson':
      return { ...s, lessonAt: a.lessonAt };
  }
}
