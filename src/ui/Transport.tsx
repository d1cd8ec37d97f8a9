/** Play/pause, single step, reset, and the live step counter. */
import type { RunStatus } from './runStore';
import { formatInt, formatRate } from './format';

interface Props {
  status: RunStatus;
  budget: number;
  onPlay(): void;
  onPause(): void;
  onStep(): void;
  onReset(): void;
}

export function Transport({ status, budget, onPlay, onPause, onStep, onReset }: Props) {
  const running = status.state === 'running';
  const blocked = status.state === 'starting' || status.state === 'diverged';
  const playLabel = status.state === 'finished' ? 'Train further' : status.step > 0 ? 'Resume' : 'Train';
  return (
    <div className="transport" role="group" aria-label="Training controls">
      {running ? (
        <button className="btn primary" onClick={onPause} data-testid="pause">
          ❚❚ Pause
        </button>
      ) : (
        <button className="btn primary" onClick={onPlay} disabled={blocked} data-testid="play">
          ▶ {playLabel}
        </button>
      )}
      <button className="btn" onClick={onStep} disabled={running || blocked} data-testid="step" title="Train one step">
        Step
      </button>
      <button className="btn" onClick={onReset} disabled={status.state === 'starting'} data-testid="reset" title="Back to step 0">
        ↺ Reset
      </button>
      <div className="counter" aria-live="off">
        <div>
          <span className="counter-label">step</span>{' '}
          <b data-testid="step-count">{formatInt(status.step)}</b>
          <span className="muted"> / {formatInt(budget)}</span>
        </div>
        <div className="muted" data-testid="steps-per-sec">
          {running ? `${formatRate(status.stepsPerSec)} steps/s` : status.state === 'finished' ? 'finished' : 'paused'}
        </div>
      </div>
    </div>
  );
}
