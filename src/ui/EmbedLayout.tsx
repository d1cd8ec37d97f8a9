/** The compact page for an iframe: a slim bar (title, play/pause, step, open in Grokscope) and the chosen panels. */
import type { ReactNode } from 'react';
import { formatInt, formatPct } from './format';
import { Narrative } from './Narrative';
import type { RunStore } from './runStore';
import type { Training } from './useTraining';

interface Props {
  store: RunStore;
  training: Training;
  notices: ReactNode;
  title: string;
  /** False: the explanatory captions under the charts are hidden (captions=0). */
  captions: boolean;
  /** The author's cap (height=…): the page is exactly this tall and its panels share the room. */
  maxHeight: number | null;
  children: ReactNode;
}

/** The same address without the embed-only parameters: the full app, in the same state. */
function fullAppUrl(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('embed');
  url.searchParams.delete('panels');
  url.searchParams.delete('height');
  url.searchParams.delete('origin');
  return url.toString();
}

export function EmbedLayout({ store, training, notices, title, captions, maxHeight, children }: Props) {
  const running = store.status.state === 'running';
  const last = store.latest();
  return (
    <div
      className={`embed${captions ? '' : ' no-captions'}${maxHeight === null ? '' : ' capped'}`}
      style={maxHeight === null ? undefined : { height: maxHeight }}
      data-testid="embed"
    >
      <header className="embed-bar">
        <b className="embed-title">Grokscope</b>
        <span className="muted embed-task">{title}</span>
        {running ? (
          <button key="pause" className="btn primary small" onClick={training.pause} data-testid="pause">
            ❚❚ Pause
          </button>
        ) : (
          <button key="play" className="btn primary small" onClick={training.play} disabled={store.status.state === 'starting' || store.status.state === 'diverged'} data-testid="play">
            ▶ Train
          </button>
        )}
        <button className="btn small" onClick={training.step} disabled={running || store.status.state === 'starting'} data-testid="step" title="Train one step">
          Step
        </button>
        <button className="btn small" onClick={training.reset} disabled={store.status.state === 'starting'} data-testid="reset" title="Back to step 0">
          ↺ Reset
        </button>
        <span className="embed-step">
          step <b data-testid="step-count">{formatInt(store.status.step)}</b>
          {last && (
            <span className="muted">
              {' '}
              · test {formatPct(last.testAcc)}
            </span>
          )}
        </span>
        <a className="embed-open" href={fullAppUrl()} target="_blank" rel="noopener" data-testid="open-full">
          Open in Grokscope ↗
        </a>
      </header>
      {notices}
      <Narrative store={store} />
      <div className="embed-panels">{children}</div>
    </div>
  );
}
