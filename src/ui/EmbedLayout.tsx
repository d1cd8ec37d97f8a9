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
  children: ReactNode;
}

/** The same address without the embed-only parameters: the full app, in the same state. */
function fullAppUrl(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('embed');
  url.searchParams.delete('panels');
  return url.toString();
}

export function EmbedLayout({ store, training, notices, title, children }: Props) {
  const running = store.status.state === 'running';
  const last = store.latest();
  return (
    <div className="embed" data-testid="embed">
      <header className="embed-bar">
        <b className="embed-title">Grokscope</b>
        <span className="muted embed-task">{title}</span>
        {running ? (
          <button className="btn primary small" onClick={training.pause} data-testid="pause">
            ❚❚ Pause
          </button>
        ) : (
          <button className="btn primary small" onClick={training.play} disabled={store.status.state === 'starting' || store.status.state === 'diverged'} data-testid="play">
            ▶ Train
          </button>
        )}
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
