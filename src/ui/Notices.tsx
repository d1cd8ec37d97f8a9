/** Visible, specific messages: bad URL parameters, worker errors, divergence. */
interface Props {
  urlNotices: string[];
  errors: string[];
  runMessage: string | null;
  diverged: boolean;
  onDismiss(): void;
}

export function Notices({ urlNotices, errors, runMessage, diverged, onDismiss }: Props) {
  if (urlNotices.length === 0 && errors.length === 0 && !diverged) return null;
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
      {errors.length > 0 && (
        <div className="notice error" data-testid="worker-error">
          {errors.map((e, i) => (
            <div key={i}>{e}</div>
          ))}
          <button className="btn small" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
