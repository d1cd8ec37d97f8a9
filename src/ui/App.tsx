/** Grokscope's page: settings on the left, live charts on the right, all fed by the training worker. */
import { useCallback, useMemo, useState } from 'react';
import { parseRunConfig, TASK_SYMBOL, type RunConfig } from '../core/config';
import { estimateCost } from '../core/cost';
import { findPreset } from '../core/presets';
import { decodeQuery, type Panel } from '../core/url';
import { findLesson } from '../lessons';
import { BackendBadge } from './BackendBadge';
import { ChartPanel } from './ChartPanel';
import type { StepFrame } from './charts/frame';
import { phaseBands } from './charts/markers';
import { Controls } from './Controls';
import { CopyLink } from './CopyLink';
import { EmbedButton } from './EmbedButton';
import { EmbedLayout } from './EmbedLayout';
import { HelpOverlay } from './HelpOverlay';
import { LessonPanel } from './LessonPanel';
import { LessonPicker } from './LessonPicker';
import { MeterSettings } from './MeterSettings';
import { Narrative } from './Narrative';
import { Notices } from './Notices';
import { PhaseAnnouncer } from './PhaseAnnouncer';
import { presentFocus, PresentView } from './PresentView';
import { RunFiles } from './RunFiles';
import { DropZone } from './DropZone';
import { PageCharts } from './PageCharts';
import { TaskIntro } from './TaskIntro';
import { useTheme } from './theme';
import { ThemeToggle } from './ThemeToggle';
import { Transport } from './Transport';
import { useEmbedApi, useEmbedSize } from './useEmbedApi';
import { useLessons } from './useLessons';
import { lessonFacts } from './lessonFacts';
import { useSettings, useSettingsToAddress, useSettingsToWorker } from './useSettings';
import { useShortcuts } from './useShortcuts';
import { useAutoplay, useTraining } from './useTraining';
import { Timeline } from './Timeline';
import { moveCursor } from './scrub';
import { PhaseDiagram } from './PhaseDiagram';
import { useBackendProbe } from './backendProbe';

export function App() {
  const decoded = useMemo(() => decodeQuery(window.location.search), []);
  const [settings, dispatch] = useSettings(decoded);
  const { config, presetId, meters, landscape, xKind, present, lessonAt } = settings;
  const lesson = lessonAt ? findLesson(lessonAt.id) ?? null : null;
  const resolvedTheme = useTheme(settings.theme);
  const training = useTraining(decoded.config, meters, landscape, decoded.backend, decoded.branch);
  const { store } = training;
  useBackendProbe(store, training, decoded.backend, config);
  // While the reader is scrubbed back, changed settings wait for a branch instead of changing the live run.
  useSettingsToWorker(settings, training, store.cursor !== null);
  // While the link's branch replays its parent (the first run), the address keeps the branch it came with.
  useSettingsToAddress(settings, decoded, store.branch ?? (store.runId <= 1 ? decoded.branch : null));
  const goToLessonStep = useLessons(settings, dispatch, store, training);
  const onPreset = (id: string) => {
    const preset = findPreset(id);
    // A preset is a new experiment: step 0, even if only the learning rate or weight decay differ.
    if (preset) dispatch({ type: 'config', config: { ...preset.config }, presetId: id, fresh: true });
  };

  useAutoplay(decoded.view.autoplay, training);

  const [help, setHelp] = useState(false);
  const shortcuts = useMemo(
    () => ({
      toggle: () => (store.status.state === 'running' ? training.pause() : training.play()),
      step: () => (lessonAt ? goToLessonStep(lessonAt.id, lessonAt.step + 1) : training.step()),
      back: () => lessonAt && goToLessonStep(lessonAt.id, lessonAt.step - 1),
      next: () => lessonAt && goToLessonStep(lessonAt.id, lessonAt.step + 1),
      reset: () => training.reset(),
      toggleAxis: () => dispatch({ type: 'xKind', xKind: xKind === 'log' ? 'linear' : 'log' }),
      scrub: (delta: number) => store.setCursor(moveCursor(store.timeline.steps, store.cursor, delta)),
      toggleHelp: () => setHelp((h) => !h),
      closeHelp: () => setHelp(false),
    }),
    [store, training, lessonAt, goToLessonStep, xKind, dispatch],
  );
  useShortcuts(shortcuts);
  const setFromHost = useCallback(
    (patch: Partial<RunConfig>) => {
      const parsed = parseRunConfig({ ...config, ...patch });
      if (parsed.ok) dispatch({ type: 'config', config: parsed.config, presetId: null });
      return parsed.ok;
    },
    [config, dispatch],
  );
  useEmbedApi(decoded.view.embed, store, training, setFromHost, decoded.view.origin);
  useEmbedSize(decoded.view.embed, decoded.view.origin);

  const running = store.config ?? config;
  // Refusals come from the worker as an error; a heavy but possible run is announced here, before Play.
  const cost = useMemo(() => estimateCost(config, meters.entropyEvery), [config, meters.entropyEvery]);
  const frame: StepFrame = {
    xKind,
    xMax: Math.max(running.steps, store.status.budget, store.status.step, store.comparison?.record.metrics.at(-1)?.step ?? 0),
    markers: store.markers(),
    bands: phaseBands(store.phases()),
    cursor: store.cursor,
  };
  const fork = (step: number) => {
    // The run so far stays drawn beside the branch, dashed, as an imported one is.
    const record = store.toRecord(meters);
    if (record) store.setComparison({ record, name: `the run before the branch at step ${step.toLocaleString('en-US')}`, tag: 'before branch' });
    training.fork(step, config);
  };
  const openCell = (cell: RunConfig) => {
    dispatch({ type: 'config', config: cell, presetId: null, fresh: true, play: true });
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };
  const axisToggle = (
    <button
      className="btn small"
      onClick={() => dispatch({ type: 'xKind', xKind: xKind === 'log' ? 'linear' : 'log' })}
      data-testid="x-scale"
      title="Switch the step axis between log and linear"
    >
      step axis: {xKind}
    </button>
  );

  const panel = (name: Panel, compact = false, fill = present) => (
    <ChartPanel
      key={name}
      name={name}
      store={store}
      frame={frame}
      settings={settings}
      dispatch={dispatch}
      compact={compact}
      fill={fill}
      onAblate={training.ablate}
      toolbar={name === 'accuracy' ? axisToggle : undefined}
    />
  );
  const lessonStep = lesson && lessonAt ? lesson.steps[lessonAt.step - 1] : null;
  const lessonPanel = lesson && lessonAt && (
    <LessonPanel
      lesson={lesson}
      step={lessonAt.step}
      facts={lessonFacts(store.moments(settings.threshold))}
      onStep={(k) => goToLessonStep(lesson.id, k)}
      onClose={() => dispatch({ type: 'lesson', lessonAt: null })}
    />
  );
  const lessonPicker = (
    <LessonPicker value={lessonAt?.id ?? null} onOpen={(id) => goToLessonStep(id, 1)} onClose={() => dispatch({ type: 'lesson', lessonAt: null })} />
  );
  const themeToggle = <ThemeToggle theme={settings.theme} resolved={resolvedTheme} onTheme={(theme) => dispatch({ type: 'theme', theme })} />;
  const presentToggle = (
    <button className="btn" onClick={() => dispatch({ type: 'present', present: !present })} aria-pressed={present} data-testid="present">
      {present ? 'Exit presentation' : 'Present'}
    </button>
  );
  const transport = (
    <Transport
      status={store.status}
      budget={store.status.budget || running.steps}
      speed={settings.speed}
      onSpeed={(speed) => dispatch({ type: 'speed', speed })}
      onPlay={training.play}
      onPause={training.pause}
      onStep={training.step}
      onReset={training.reset}
    />
  );
  const notices = (
    <Notices
      restart={store.workerDown ? { fromStep: store.lastCheckpoint?.step ?? 0, onRestart: training.restart } : null}
      urlNotices={decoded.notices}
      costWarning={cost.refused ? null : cost.warning}
      errors={store.errors}
      runMessage={store.status.message}
      diverged={store.status.state === 'diverged'}
      onDismiss={() => store.dismissErrors()}
    />
  );

  if (present) {
    const show = lessonStep?.show;
    return (
      <PresentView
        bar={
          <>
            {lessonPicker}
            {transport}
            {presentToggle}
          </>
        }
        notices={notices}
        text={
          <>
            {lessonPanel}
            <Narrative store={store} />
            <PhaseAnnouncer phase={store.phases().at(-1)} />
            {help && <HelpOverlay onClose={() => setHelp(false)} />}
          </>
        }
        gauge={show === 'meter' ? panel('meter') : null}
        panel={(name) => panel(name)}
        focus={presentFocus(show)}
      />
    );
  }

  if (decoded.view.embed) {
    return (
      <EmbedLayout
        store={store}
        training={training}
        notices={notices}
        captions={decoded.view.captions}
        maxHeight={decoded.view.height}
        title={`a ${TASK_SYMBOL[running.task]} b mod ${running.p}`}
      >
        {/* With a height cap the panels share it, each filling its part (as in presentation mode). */}
        {decoded.view.panels.map((name) => panel(name, true, decoded.view.height !== null))}
      </EmbedLayout>
    );
  }

  return (
    <DropZone store={store} className="app">
      <header className="topbar">
        <div className="brand">
          <h1>Grokscope</h1>
          <span className="tagline">
            a network learning <i>a {TASK_SYMBOL[running.task]} b</i> mod {running.p}, live in your browser
          </span>
        </div>
        <div className="topbar-actions">
          {lessonPicker}
          {presentToggle}
          {themeToggle}
          <button className="btn" onClick={() => setHelp(true)} data-testid="help-button" aria-label="Keyboard shortcuts">
            Keys ?
          </button>
          <EmbedButton theme={settings.theme} />
          <CopyLink />
          <BackendBadge info={store.backend} measured={store.measured} measuring={decoded.backend === 'auto'} memory={store.status.memory} estimatorMemory={store.status.llcMemory} />
        </div>
      </header>
      {notices}
      <PhaseAnnouncer phase={store.phases().at(-1)} />
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      <main className="layout">
        <aside className="sidebar">
          {transport}
          {panel('meter')}
          <Controls config={config} presetId={presetId} held={store.cursor !== null} onPreset={onPreset} onChange={(patch: Partial<RunConfig>) => dispatch({ type: 'patch', patch })} />
          <MeterSettings meters={meters} trainSize={store.trainSize} onChange={(next) => dispatch({ type: 'meters', meters: next })} />
          <RunFiles store={store} meters={meters} />
          <p className="dataset muted">
            {store.trainSize > 0 &&
              `${store.trainSize.toLocaleString('en-US')} training pairs, ${store.testSize.toLocaleString('en-US')} held out · ${running.model} network, width ${running.width}, full-batch AdamW`}
          </p>
        </aside>
        <PageCharts
          panel={panel}
          watch={lessonStep?.show}
          stepKey={lessonAt ? `${lessonAt.id}/${lessonAt.step}` : null}
          header={
            <>
              {lessonPanel}
              {/* While a lesson is open its text explains; otherwise the intro does. */}
              {!lessonPanel && <TaskIntro config={running} views={store.views()} />}
              <Narrative store={store} />
            </>
          }
          after={<PhaseDiagram base={config} measured={store.measured} onOpen={openCell} onStart={training.pause} />}
          footer={<Timeline store={store} config={config} onFork={fork} />}
        />
      </main>
    </DropZone>
  );
}
