/**
 * The page's settings store: one reducer, and the only two places settings leave it: an effect that
 * sends what changed to the worker, and an effect that writes the address.
 */
import { useEffect, useReducer, useRef, type Dispatch } from 'react';
import { encodeQuery, type DecodedUrl, type ViewSettings } from '../core/url';
import { initialSettings, settingsReducer, type Settings, type SettingsAction } from './settings';
import type { Training } from './useTraining';

/** Slider drags send one configure per pause in motion, so a drag leaves one marker, not fifty. */
const CONFIGURE_DELAY_MS = 200;

export function useSettings(decoded: DecodedUrl): [Settings, Dispatch<SettingsAction>] {
  return useReducer(settingsReducer, decoded, initialSettings);
}

/** Sends each change to the worker, in the order a run needs: settings first, then play. */
export function useSettingsToWorker(s: Settings, training: Training): void {
  // The worker started with the first settings (its init message).
  const sent = useRef(s);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const prev = sent.current;
    sent.current = s;
    if (prev.meters !== s.meters) training.setMeters(s.meters);
    if (prev.landscape !== s.landscape) training.setLandscape(s.landscape);
    if (prev.speed !== s.speed) training.setSpeed(s.speed);
    if (prev.config !== s.config) {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (s.configureNow) training.configure(s.config, s.configureFresh);
      else timer.current = setTimeout(() => training.configure(s.config), CONFIGURE_DELAY_MS);
    }
    if (prev.playRequests !== s.playRequests) training.play();
  }, [s, training]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
}

/** The address follows every setting (no reload), so the page can be shared as it is. */
export function useSettingsToAddress(s: Settings, decoded: DecodedUrl): void {
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
    const query = encodeQuery(s.presetId ?? decoded.presetId, s.config, decoded.backend, view);
    window.history.replaceState(null, '', `${window.location.pathname}${query}`);
  }, [s, decoded]);
}
