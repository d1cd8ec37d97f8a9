/**
 * Lesson navigation. Opening a step either continues the run on screen (the step after the one
 * shown, when it says "continue") or starts a new run at step 0 and replays it up to that step:
 * each earlier step of the same run plays until its "until" moment, then hands over to the next.
 * The step shown pauses at its own moment, once, so text and chart agree and Play carries on: the
 * training worker is asked to pause on the measurement that reaches it (the page would hear of it
 * a frame or more late, and a busy page later still), and the page pauses itself only for moments
 * the worker cannot see.
 */
import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import { parseRunConfig } from '../core/config';
import { findLesson, runStartOf, stepConfig, type Lesson } from '../lessons';
import type { Settings, SettingsAction } from './settings';
import type { RunStore } from './runStore';
import type { Training } from './useTraining';
import { reachedMoment } from './lessonFacts';
import type { Moment } from '../core/moments';

interface Route {
  id: string;
  /** The step on screen (1-based). */
  target: number;
  /** The step whose settings the run is under now; below `target` while replaying. */
  segment: number;
  /** The run that was on screen when a new one was asked for: its moments must not count. */
  staleRunId: number | null;
  paused: boolean;
}

export function useLessons(s: Settings, dispatch: Dispatch<SettingsAction>, store: RunStore, training: Pick<Training, 'pause' | 'pauseAt'>): (id: string, step: number) => void {
  const shown = useRef(s.lessonAt);
  shown.current = s.lessonAt;
  const route = useRef<Route | null>(null);
  // What the worker was last asked to pause at (run, moment, threshold), so it is asked once.
  const armed = useRef<string | null>(null);
  const arm = useCallback(
    (fromRun: number, moment: Moment | null) => {
      const key = moment === null ? null : `${fromRun}/${moment}/${s.threshold}`;
      if (key === armed.current) return;
      armed.current = key;
      training.pauseAt(fromRun, moment, s.threshold);
    },
    [training, s.threshold],
  );

  const apply = useCallback(
    (lesson: Lesson, k: number, how: { fresh: boolean; play: boolean }): boolean => {
      const st = lesson.steps[k - 1];
      const parsed = parseRunConfig(stepConfig(st));
      if (!parsed.ok) {
        store.reportError(`Lesson step "${st.title}" has invalid settings: ${parsed.errors.join('; ')}`);
        return false;
      }
      dispatch({ type: 'config', config: parsed.config, presetId: st.config ? null : st.preset, now: true, ...how });
      return true;
    },
    [dispatch, store],
  );

  const goToLessonStep = useCallback(
    (id: string, step: number) => {
      const lesson = findLesson(id);
      if (!lesson) return;
      const k = Math.min(Math.max(1, step), lesson.steps.length);
      const at = shown.current;
      const st = lesson.steps[k - 1];
      dispatch({ type: 'lesson', lessonAt: { id, step: k } });
      if (st.continue && at?.id === id && at.step === k - 1) {
        route.current = { id, target: k, segment: k, staleRunId: null, paused: false };
        arm(store.runId, st.until ?? null);
        apply(lesson, k, { fresh: false, play: st.autoplay });
        return;
      }
      const start = runStartOf(lesson, k);
      // The run this step starts does not exist yet: the worker watches for the moment from it on.
      arm(store.runId + 1, k === start ? (st.until ?? null) : null);
      route.current = { id, target: k, segment: start, staleRunId: store.runId, paused: false };
      // A replay plays through the earlier steps even if the step itself waits for Train; going
      // back plays through the step too, to the moment the reader saw (and its text describes).
      const back = at?.id === id && k < at.step;
      apply(lesson, start, { fresh: true, play: back || k > start || st.autoplay });
    },
    [apply, arm, dispatch, store],
  );

  // A lesson link opens its step once the worker is ready.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !s.lessonAt || store.series.step.length === 0) return;
    opened.current = true;
    goToLessonStep(s.lessonAt.id, s.lessonAt.step);
  });

  // Hand over to the next step at each moment while replaying; pause at the shown step's moment.
  useEffect(() => {
    const r = route.current;
    if (!r || r.paused || s.lessonAt?.id !== r.id || s.lessonAt.step !== r.target) {
      // No step of this route waits for a moment any more (done, or the lesson closed).
      if (!r || r.paused || !s.lessonAt) arm(store.runId, null);
      return;
    }
    if (store.runId === r.staleRunId) return;
    const lesson = findLesson(r.id)!;
    const until = lesson.steps[r.segment - 1].until;
    if (until === undefined) return;
    const reached = reachedMoment(until, store.moments(s.threshold));
    const own = r.segment === r.target;
    if (own && !reached) arm(store.runId, until);
    if (!reached) return;
    if (own && store.status.state === 'paused') {
      // The worker paused on the moment (or the reader did, on it): this step has had its pause.
      r.paused = true;
      arm(store.runId, null);
      return;
    }
    if (store.status.state !== 'running') return;
    if (!own) {
      r.segment += 1;
      apply(lesson, r.segment, { fresh: false, play: false });
      return;
    }
    r.paused = true;
    arm(store.runId, null);
    training.pause();
  });
  return goToLessonStep;
}
