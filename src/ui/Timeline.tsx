/**
 * The run's timeline: a slider over its checkpoints (log-spaced, so the early steps, where the
 * network changes most, get room), the step it shows, and "Continue from here", which branches the
 * run at that checkpoint with the settings as they are now.
 */
import type { RunConfig } from '../core/config';
import { branchRefusal } from '../core/config';
import { MAX_CHECKPOINTS } from '../core/timeline';
import { formatInt } from './format';
import type { RunStore } from './runStore';
import { settingChanges } from './scrub';

interface Props {
  store: RunStore;
  /** The settings now: a branch starts with these. */
  config: RunConfig;
  onFork(step: number): void;
}

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 1)} MB`;

export function Timeline({ store, config, onFork }: Props) {
  const { steps, bytes } = store.timeline;
  const cursor = store.cursor;
  const n = steps.length;
  const index = cursor === null ? n : Math.max(0, steps.indexOf(cursor));
  const liveStep = store.series.step.at(-1) ?? 0;
  const running = store.config;
  const changes = running ? settingChanges(running, config) : [];
  const refusal = running ? branchRefusal(running, config) : null;
  const reading = cursor === null ? `live · step ${formatInt(liveStep)}` : `step ${formatInt(cursor)} · checkpoint ${index + 1} of ${n}`;
  return (
    <section className={`timeline${cursor === null ? '' : ' scrubbed'}`} data-testid="timeline" aria-label="Timeline">
      <div className="timeline-row">
        <label className="timeline-slider">
          <span className="timeline-title">Timeline</span>
          <input
            type="range"
            min={0}
            max={n}
            step={1}
            value={index}
            disabled={n === 0}
            aria-valuetext={reading}
            data-testid="timeline-range"
            onChange={(e) => {
              const i = Number(e.target.value);
              store.setCursor(i >= n ? null : steps[i]);
            }}
          />
        </label>
        <b className="timeline-reading" data-testid="timeline-reading">
          {reading}
        </b>
        <button className="btn small" disabled={cursor === null} onClick={() => store.setCursor(null)} data-testid="timeline-live">
          Live
        </button>
        <button
          className="btn small primary"
          disabled={cursor === null || refusal !== null}
          title={refusal ?? 'A new run from this checkpoint with the settings as they are now; the run so far stays drawn, dashed'}
          onClick={() => cursor !== null && onFork(cursor)}
          data-testid="fork"
        >
          Continue from here
        </button>
      </div>
      <p className="timeline-note muted" data-testid="timeline-note">
        {cursor === null ? (
          <span className="timeline-hint">
            {n} {n === 1 ? 'checkpoint' : 'checkpoints'} (at most {MAX_CHECKPOINTS}, log-spaced: {megabytes(bytes)}). Drag back, or press [ and ], to see the network as it was; every chart reads its values there.
          </span>
        ) : (
          refusal ??
            (changes.length
              ? `A branch from here continues with ${changes.join(', ')}.`
              : 'Change a setting, then continue from here: the branch runs with the new settings; the run so far stays drawn.')
        )}
        {store.branch && (
          <span data-testid="branch-note">
            {' '}
            This run branched at step {formatInt(store.branch.step)} ({settingChanges(store.branch.parent, store.config ?? store.branch.parent).join(', ') || 'same settings'}).
          </span>
        )}
      </p>
    </section>
  );
}
