/** Play/pause, single step, reset, and the live step counter. */
import type { RunStatus } from './runStore';
import { SPEEDS, type Speed } from '../worker/protocol';
import { formatInt, formatRate } from './format';

interface Props {
  status: RunStatus;
  budget: number;
  speed: Speed;
  onSpeed(speed: Speed): void;
  onPlay(): void;
  onPause(): void;
  onStep(): void;
  onReset(): void;
}

const SPEED_LABELS: Record<Speed, string> = { slow: 'slow motion', normal: 'normal speed', fast: 'fast forward' };

/** Seconds to the budget at the current rate, as "12 s" or "3 min". */
function eta(status: RunStatus, budget: number): string | null {
  if (status.state !== 'running' || status.stepsPerSec <= 0 || status.step >= budget) return null;
  const s = (budget - status.step) / status.stepsPerSec;
  return s < 90 ? `${Math.ceil(s)} s` : `${Math.round(s / 60)} min`;
}

export function Transport({ status, budget, speed, onSpeed, onPlay, onPause, onStep, onReset }: Props) {
  const running = status.state === 'running';
  const blocked = status.state === 'starting' || status.state === 'diverged';
  const playLabel = status.state === 'finished' ? 'Train further' : status.step > 0 ? 'Resume' : 'Train';
  return (
    <div className="transport" role="group" aria-label="Training controls">
      {running ? (
        <button key="pause" className="btn primary" onClick={onPause} data-testid="pause">
          ❚❚ Pause
        </button>
      ) : (
        <button key="play" className="btn primary" onClick={onPlay} disabled={blocked} data-testid="play">
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
        {eta(status, budget) && (
          <div className="muted" data-testid="eta">
            ≈ {eta(status, budget)} to step {formatInt(budget)}
          </div>
        )}
      </div>
      <label className="speed">
        <span className="sr-only">Speed</span>
        <select value={speed} onChange={(e) => onSpeed(e.target.value as Speed)} data-testid="speed" aria-label="Speed">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {SPEED_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
