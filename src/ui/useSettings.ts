/**
 * The page's settings store: one reducer, and the only two places settings leave it: an effect that
 * sends what changed to the worker, and an effect that writes the address.
 */
import { useEffect, useReducer, useRef, type Dispatch } from 'react';
import { encodeQuery, type DecodedUrl, type ViewSettings } from '../core/url';
import type { LinkBranch } from '../core/branchLink';
import { initialSettings, settingsReducer, type Settings, type SettingsAction } from './settings';
import type { Training } from './useTraining';

/** Slider drags send one configure per pause in motion, so a drag leaves one marker, not fifty. */
const CONFIGURE_DELAY_MS = 200;

export function useSettings(decoded: DecodedUrl): [Settings, Dispatch<SettingsAction>] {
  return useReducer(settingsReducer, decoded, initialSettings);
}

/**
 * Sends each change to the worker, in the order a run needs: settings first, then play. While
 * `hold` (the reader scrubbed back), run settings wait: they are the branch's, sent with "Continue
 * from here"; back at the live end they apply to the live run. A fresh start (a preset, a lesson)
 * never waits.
 */
export function useSettingsToWorker(s: Settings, training: Training, hold = false): void {
  // The worker started with the first settings (its init message).
  const sent = useRef(s);
  const configSent = useRef(s.config);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const prev = sent.current;
    sent.current = s;
    if (prev.meters !== s.meters) training.setMeters(s.meters);
    if (prev.landscape !== s.landscape) training.setLandscape(s.landscape);
    if (prev.speed !== s.speed) training.setSpeed(s.speed);
    const fresh = prev.config !== s.config && s.configureFresh;
    if (configSent.current !== s.config && (!hold || fresh)) {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      configSent.current = s.config;
      // Released from a hold, the change is already settled: no drag to wait out.
      if (s.configureNow || prev.config === s.config) training.configure(s.config, fresh);
      else timer.current = setTimeout(() => training.configure(s.config), CONFIGURE_DELAY_MS);
    }
    if (prev.playRequests !== s.playRequests) training.play();
  }, [s, training, hold]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
}

/** The address follows every setting (no reload), so the page can be shared as it is. */
export function useSettingsToAddress(s: Settings, decoded: DecodedUrl, branch: LinkBranch | null): void {
  useEffect(() => {
    const view: ViewSettings = {
      embed: decoded.view.embed,
      panels: decoded.view.panels,
      llcEvery: s.meters.llcEvery,
      entropyEvery: s.meters.entropyEvery,
      plane: s.landscape.plane,
      split: s.landscape.split,
      xScale: s.xKind,
      autoplay: decoded.view.autoplay,
      lesson: s.lessonAt?.id ?? null,
      step: s.lessonAt?.step ?? 1,
      present: s.present,
      theme: s.theme,
      captions: decoded.view.captions,
      height: decoded.view.height,
      origin: decoded.view.origin,
    };
    // A branch is written as it ran: its step and the settings before it (a link replays both).
    const query = encodeQuery(s.presetId ?? decoded.presetId, s.config, decoded.backend, view, branch);
    window.history.replaceState(null, '', `${window.location.pathname}${query}`);
  }, [s, decoded, branch]);
}
