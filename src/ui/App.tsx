/** Grokscope's page: settings on the left, live charts on the right, all fed by the training worker. */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { parseRunConfig, TASK_SYMBOL, type RunConfig } from '../core/config';
import { findPreset } from '../core/presets';
import { decodeQuery, encodeQuery, type Panel, type ViewSettings } from '../core/url';
import { EmbedButton } from './EmbedButton';
import { EmbedLayout } from './EmbedLayout';
import { useEmbedApi } from './useEmbedApi';
import { findLesson, LESSONS } from '../lessons';
import { LessonPanel } from './LessonPanel';
import type { Speed } from '../worker/protocol';
import { BackendBadge } from './BackendBadge';
import { CopyLink } from './CopyLink';
import { importRunFile, RunFiles } from './RunFiles';
import { HelpOverlay } from './HelpOverlay';
import { PhaseAnnouncer } from './PhaseAnnouncer';
import { useShortcuts } from './useShortcuts';
import { defaultLlcSettings, defaultMeters, PAPER_ENTROPY_THRESHOLD, type MeterConfig } from '../core/meterConfig';
import type { LlcSettings } from '../core/meterConfig';
import { AccuracyChart } from './charts/AccuracyChart';
import { EntropyChart } from './charts/EntropyChart';
import type { StepFrame } from './charts/frame';
import type { AxisKind } from './charts/LineChart';
import { LlcChart } from './charts/LlcChart';
import { LandscapeChart } from './charts/LandscapeChart';
import { DEFAULT_LANDSCAPE, type LandscapeSettings } from '../core/landscape/settings';
import { phaseBands } from './charts/markers';
import { FlatnessMeter } from './FlatnessMeter';
import { MeterSettings } from './MeterSettings';
import { LossChart } from './charts/LossChart';
import { WeightNormChart } from './charts/WeightNormChart';
import { Controls } from './Controls';
import { Narrative } from './Narrative';
import { Notices } from './Notices';
import { Transport } from './Transport';
import { useTraining } from './useTraining';

const sameLlc = (a: LlcSettings, b: LlcSettings) => JSON.stringify(a) === JSON.stringify(b);

/** Slider drags send one configure per pause in motion, so a drag leaves one marker, not fifty. */
const CONFIGURE_DELAY_MS = 200;

export function App() {
  const decoded = useMemo(() => decodeQuery(window.location.search), []);
  const [config, setConfig] = useState<RunConfig>(decoded.config);
  const [presetId, setPresetId] = useState<string | null>(decoded.presetId);
  const [xKind, setXKind] = useState<AxisKind>(decoded.view.xScale);
  const [meters, setMeters] = useState<MeterConfig>(() => ({
    ...defaultMeters(decoded.config.model),
    llcEvery: decoded.view.llcEvery,
    entropyEvery: decoded.view.entropyEvery,
  }));
  const [threshold, setThreshold] = useState(PAPER_ENTROPY_THRESHOLD);
  const [landscape, setLandscape] = useState<LandscapeSettings>({
    ...DEFAULT_LANDSCAPE,
    plane: decoded.view.plane,
    split: decoded.view.slice,
  });
  const [lessonAt, setLessonAt] = useState<{ id: string; step: number } | null>(
    decoded.view.lesson ? { id: decoded.view.lesson, step: decoded.view.step } : null,
  );
  const [present, setPresent] = useState(decoded.view.present);
  const lesson = lessonAt ? findLesson(lessonAt.id) ?? null : null;
  const training = useTraining(decoded.config, meters, landscape, decoded.backend);
  const { store } = training;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const apply = useCallback(
    (next: RunConfig, nextPreset: string | null, immediate = false) => {
      // A new model gets its own LLC defaults, unless the user has tuned the estimator.
      if (next.model !== config.model && sameLlc(meters.llc, defaultLlcSettings(config.model))) {
        const nextMeters = { ...meters, llc: defaultLlcSettings(next.model) };
        setMeters(nextMeters);
        training.setMeters(nextMeters);
      }
      setConfig(next);
      setPresetId(nextPreset);
      if (timer.current) clearTimeout(timer.current);
      if (immediate) training.configure(next);
      else timer.current = setTimeout(() => training.configure(next), CONFIGURE_DELAY_MS);
    },
    [training, decoded, config.model, meters],
  );

  const onChange = (patch: Partial<RunConfig>) => {
    const next = { ...config, ...patch };
    const base = presetId ? findPreset(presetId)?.config : null;
    const stillPreset = base && (Object.keys(base) as (keyof RunConfig)[]).every((k) => base[k] === next[k]);
    apply(next, stillPreset ? presetId : null);
  };
  const onPreset = (id: string) => {
    const preset = findPreset(id);
    if (preset) apply({ ...preset.config }, id);
  };

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  // The address follows every setting (no reload), so the page can be shared as it is.
  useEffect(() => {
    const view: ViewSettings = {
      embed: decoded.view.embed,
      panels: decoded.view.panels,
      llcEvery: meters.llcEvery,
      entropyEvery: meters.entropyEvery,
      plane: landscape.plane,
      slice: landscape.split,
      xScale: xKind,
      autoplay: decoded.view.autoplay,
      lesson: lessonAt?.id ?? null,
      step: lessonAt?.step ?? 1,
      present,
    };
    const query = encodeQuery(presetId ?? decoded.presetId, config, decoded.backend, view);
    window.history.replaceState(null, '', `${window.location.pathname}${query}`);
  }, [config, presetId, meters, landscape, xKind, decoded, lessonAt, present]);

  // ?autoplay=1 starts training as soon as the first run is ready.
  const autoplayed = useRef(false);
  useEffect(() => {
    if (decoded.view.autoplay && !autoplayed.current && store.status.state === 'paused' && store.series.step.length > 0) {
      autoplayed.current = true;
      training.play();
    }
  });

  /** Opens a lesson step: its preset and settings (a live change where possible), and autoplay. */
  const goToLessonStep = useCallback(
    (id: string, step: number) => {
      const l = findLesson(id);
      if (!l) return;
      const k = Math.min(Math.max(1, step), l.steps.length);
      const s = l.steps[k - 1];
      const parsed = parseRunConfig({ ...findPreset(s.preset)!.config, ...s.config });
      if (!parsed.ok) return store.reportError(`Lesson step "${s.title}" has invalid settings: ${parsed.errors.join('; ')}`);
      setLessonAt({ id, step: k });
      // At once, so that autoplay starts the step's run, not the previous one.
      apply(parsed.config, s.config ? null : s.preset, true);
      if (s.autoplay) training.play();
    },
    [apply, training, store],
  );
  const lessonOpened = useRef(false);
  useEffect(() => {
    // A lesson link opens its step once the worker is ready.
    if (lessonOpened.current || !lessonAt || store.series.step.length === 0) return;
    lessonOpened.current = true;
    goToLessonStep(lessonAt.id, lessonAt.step);
  });
  const [help, setHelp] = useState(false);
  const [speed, setSpeed] = useState<Speed>('normal');
  const [dragging, setDragging] = useState(false);
  const shortcuts = useMemo(
    () => ({
      toggle: () => (store.status.state === 'running' ? training.pause() : training.play()),
      step: () => (lessonAt ? goToLessonStep(lessonAt.id, lessonAt.step + 1) : training.step()),
      back: () => lessonAt && goToLessonStep(lessonAt.id, lessonAt.step - 1),
      next: () => lessonAt && goToLessonStep(lessonAt.id, lessonAt.step + 1),
      reset: () => training.reset(),
      toggleAxis: () => setXKind((k) => (k === 'log' ? 'linear' : 'log')),
      toggleHelp: () => setHelp((h) => !h),
      closeHelp: () => setHelp(false),
    }),
    [store, training, lessonAt, goToLessonStep],
  );
  useShortcuts(shortcuts);
  const setFromHost = useCallback(
    (patch: Partial<RunConfig>) => {
      const parsed = parseRunConfig({ ...config, ...patch });
      if (parsed.ok) apply(parsed.config, null);
      return parsed.ok;
    },
    [config, apply],
  );
  useEmbedApi(decoded.view.embed, store, training, setFromHost);

  const running = store.config ?? config;
  const frame: StepFrame = {
    xKind,
    xMax: Math.max(running.steps, store.status.budget, store.status.step, store.comparison?.record.metrics.at(-1)?.step ?? 0),
    markers: store.markers(),
    bands: phaseBands(store.phases()),
  };
  const onMeters = (next: MeterConfig) => {
    setMeters(next);
    training.setMeters(next);
  };
  const axisToggle = (
    <button
      className="btn small"
      onClick={() => setXKind(xKind === 'log' ? 'linear' : 'log')}
      data-testid="x-scale"
      title="Switch the step axis between log and linear"
    >
      step axis: {xKind}
    </button>
  );

  const onLandscape = (next: LandscapeSettings) => {
    setLandscape(next);
    training.setLandscape(next);
  };
  const panel = (name: Panel, compact = false): ReactElement => {
    switch (name) {
      case 'accuracy':
        return <AccuracyChart key={name} store={store} frame={frame} height={compact ? 260 : present ? 440 : 300} toolbar={axisToggle} />;
      case 'llc':
        return <LlcChart key={name} store={store} frame={frame} height={190} />;
      case 'entropy':
        return <EntropyChart key={name} store={store} frame={frame} height={190} threshold={threshold} onThreshold={setThreshold} />;
      case 'loss':
        return <LossChart key={name} store={store} frame={frame} height={220} />;
      case 'norm':
        return <WeightNormChart key={name} store={store} frame={frame} height={220} />;
      case 'landscape':
        return <LandscapeChart key={name} slice={store.slice} message={store.sliceMessage} settings={landscape} onSettings={onLandscape} />;
      case 'meter':
        return <FlatnessMeter key={name} rows={store.llc} training={store.status.state === 'running'} />;
    }
  };
  const notices = (
    <Notices
      restart={store.workerDown ? { fromStep: store.lastCheckpoint?.step ?? 0, onRestart: training.restart } : null}
      urlNotices={decoded.notices}
      errors={store.errors}
      runMessage={store.status.message}
      diverged={store.status.state === 'diverged'}
      onDismiss={() => store.dismissErrors()}
    />
  );

  if (decoded.view.embed) {
    return (
      <EmbedLayout store={store} training={training} notices={notices} title={`a ${TASK_SYMBOL[running.task]} b mod ${running.p}`}>
        {decoded.view.panels.map((name) => panel(name, true))}
      </EmbedLayout>
    );
  }

  return (
    <div
      className={`app ${dragging ? 'dragging' : ''} ${present ? 'present' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) void importRunFile(store, file);
      }}
    >
      <header className="topbar">
        <div className="brand">
          <h1>Grokscope</h1>
          <span className="tagline">
            a network learning <i>a {TASK_SYMBOL[running.task]} b</i> mod {running.p}, live in your browser
          </span>
        </div>
        <div className="topbar-actions">
          <select
            className="lesson-picker"
            aria-label="Lessons"
            data-testid="lesson-picker"
            value={lessonAt?.id ?? ''}
            onChange={(e) => (e.target.value ? goToLessonStep(e.target.value, 1) : setLessonAt(null))}
          >
            <option value="">Lessons…</option>
            {LESSONS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
          <button className="btn" onClick={() => setPresent(!present)} aria-pressed={present} data-testid="present">
            {present ? 'Exit presentation' : 'Present'}
          </button>
          <button className="btn" onClick={() => setHelp(true)} data-testid="help-button" aria-label="Keyboard shortcuts">
            Keys ?
          </button>
          <EmbedButton />
          <CopyLink />
          <BackendBadge info={store.backend} memory={store.status.memory} />
        </div>
      </header>
      {notices}
      <PhaseAnnouncer phase={store.phases().at(-1)} />
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      <main className="layout">
        <aside className="sidebar">
          <Transport
            status={store.status}
            budget={store.status.budget || running.steps}
            speed={speed}
            onSpeed={(next) => {
              setSpeed(next);
              training.setSpeed(next);
            }}
            onPlay={training.play}
            onPause={training.pause}
            onStep={training.step}
            onReset={training.reset}
          />
          {panel('meter')}
          <Controls config={config} presetId={presetId} onPreset={onPreset} onChange={onChange} />
          <MeterSettings meters={meters} trainSize={store.trainSize} onChange={onMeters} />
          <RunFiles store={store} meters={meters} />
          <p className="dataset muted">
            {store.trainSize > 0 &&
              `${store.trainSize.toLocaleString('en-US')} training pairs, ${store.testSize.toLocaleString('en-US')} held out · ${running.model} network, width ${running.width}, full-batch AdamW`}
          </p>
        </aside>
        <section className="charts">
          {lesson && lessonAt && (
            <LessonPanel
              lesson={lesson}
              step={lessonAt.step}
              onStep={(k) => goToLessonStep(lesson.id, k)}
              onClose={() => setLessonAt(null)}
            />
          )}
          <Narrative store={store} />
          {/* Accuracy, LLC and entropy share one step axis, stacked, so a change in one lines up with the others. */}
          {panel('accuracy')}
          {panel('llc')}
          {panel('entropy')}
          <div className="chart-row">
            {panel('loss')}
            {panel('norm')}
          </div>
          {panel('landscape')}
        </section>
      </main>
    </div>
  );
}
