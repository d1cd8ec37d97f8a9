/** Visible, specific messages: bad URL parameters, worker errors, divergence. */
interface Props {
  /** When the worker failed: restart it from the last checkpoint. */
  restart: { fromStep: number; onRestart(): void } | null;
  urlNotices: string[];
  /** The current settings' cost, said before training when they are heavy (core/cost.ts). */
  costWarning: string | null;
  errors: string[];
  runMessage: string | null;
  diverged: boolean;
  onDismiss(): void;
}

export function Notices({ restart, urlNotices, costWarning, errors, runMessage, diverged, onDismiss }: Props) {
  // The run moved to another backend (a lost GPU, or one measured faster): said until the next message.
  const info = !diverged && runMessage && /^(WebGPU stopped working|Measured on this network)/.test(runMessage) ? runMessage : null;
  if (urlNotices.length === 0 && errors.length === 0 && !diverged && !info && !costWarning) return null;
  return (
    <div className="notices" role="alert">
      {urlNotices.length > 0 && (
        <div className="notice warn" data-testid="url-notice">
          <b>Some link settings were not valid and were replaced by defaults:</b>
          <ul>
            {urlNotices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      {diverged && runMessage && (
        <div className="notice error" data-testid="divergence">
          <b>Training stopped.</b> {runMessage} The history up to the last finite step is kept; press Reset to start again.
        </div>
      )}
      {costWarning && (
        <div className="notice warn" data-testid="cost-warning">
          {costWarning}
        </div>
      )}
      {info && (
        <div className="notice warn" data-testid="backend-change">
          {info}
        </div>
      )}
      {errors.length > 0 && (
        <div className="notice error" data-testid="worker-error">
          {errors.map((e, i) => (
            <div key={i}>{e}</div>
          ))}
          {restart ? (
            <button className="btn small primary" onClick={restart.onRestart} data-testid="restart">
              Restart training from step {restart.fromStep.toLocaleString('en-US')} (the history is kept)
            </button>
          ) : (
            <button className="btn small" onClick={onDismiss}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}
