/**
 * Lesson navigation: opening a step applies its settings (through the settings store) and, if it
 * says so, plays; a step with an `until` moment pauses the run when the moment comes, once.
 */
import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import { parseRunConfig } from '../core/config';
import { findPreset } from '../core/presets';
import { findLesson } from '../lessons';
import type { Settings, SettingsAction } from './settings';
import type { RunStore } from './runStore';
import { reachedMoment } from './lessonFacts';

export function useLessons(s: Settings, dispatch: Dispatch<SettingsAction>, store: RunStore, pause: () => void): (id: string, step: number) => void {
  const goToLessonStep = useCallback(
    (id: string, step: number) => {
      const l = findLesson(id);
      if (!l) return;
      const k = Math.min(Math.max(1, step), l.steps.length);
      const st = l.steps[k - 1];
      const parsed = parseRunConfig({ ...findPreset(st.preset)!.config, ...st.config });
      if (!parsed.ok) return store.reportError(`Lesson step "${st.title}" has invalid settings: ${parsed.errors.join('; ')}`);
      dispatch({ type: 'lesson', lessonAt: { id, step: k } });
      // At once, so that autoplay starts the step's run, not the previous one.
      dispatch({ type: 'config', config: parsed.config, presetId: st.config ? null : st.preset, now: true, play: !!st.autoplay });
    },
    [dispatch, store],
  );
  // A lesson link opens its step once the worker is ready.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !s.lessonAt || store.series.step.length === 0) return;
    opened.current = true;
    goToLessonStep(s.lessonAt.id, s.lessonAt.step);
  });
  // Pause at the step's moment: once per step and run, so Play afterwards carries on.
  const pausedFor = useRef<string | null>(null);
  useEffect(() => {
    const st = s.lessonAt ? findLesson(s.lessonAt.id)?.steps[s.lessonAt.step - 1] : undefined;
    if (!st?.until || store.status.state !== 'running') return;
    const key = `${s.lessonAt!.id}/${s.lessonAt!.step}/${store.runId}`;
    if (pausedFor.current === key || !reachedMoment(st.until, store.moments(s.threshold))) return;
    pausedFor.current = key;
    pause();
  });
  return goToLessonStep;
}
