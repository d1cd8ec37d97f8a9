/** Settings panel: preset, the three live sliders, and the settings that start a new run. */
import { LIMITS, MIX_ALPHA, MODELS, TASKS, TASK_SYMBOL, type RunConfig } from '../core/config';
import { isPrime } from '../core/math';
import { PRESETS } from '../core/presets';
import { formatSci } from './format';
import { NumberChoice } from './NumberChoice';
import { Slider } from './Slider';

interface Props {
  config: RunConfig;
  presetId: string | null;
  onPreset(id: string): void;
  onChange(patch: Partial<RunConfig>): void;
  /** The timeline is scrubbed back: changes wait for "Continue from here" instead of reaching the run. */
  held?: boolean;
}

const PRIMES = Array.from({ length: LIMITS.p.max - LIMITS.p.min + 1 }, (_, i) => i + LIMITS.p.min).filter(
  (n) => isPrime(n) && n <= 113,
);
const WIDTHS = [16, 32, 48, 64, 96, 128, 192, 256, 384, 512];
/** Training pairs per step; 0 is the whole training set (full batch). */
const BATCH_SIZES = [0, 32, 64, 128, 256, 512];
/** α, the initial weights' multiple of the usual scale. */
const INIT_SCALES = [0.5, 1, 2, 3, 5, 9, 12];
const LABEL_SMOOTHINGS = [0, 0.05, 0.1, 0.2, 0.3];
const MODEL_LABELS: Record<RunConfig['model'], string> = {
  quadratic: 'quadratic (x²)',
  mlp: 'ReLU MLP',
  transformer: '1-layer transformer',
};

export function Controls({ config, presetId, onPreset, onChange, held = false }: Props) {
  const preset = PRESETS.find((p) => p.id === presetId);
  const live = held ? 'for a branch from the timeline' : 'applies at once';
  return (
    <section className="panel controls" aria-label="Settings">
      <label className="field">
        <span>Preset</span>
        <select value={presetId ?? ''} onChange={(e) => onPreset(e.target.value)} data-testid="preset">
          {presetId === null && <option value="">Custom</option>}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {preset && <p className="preset-blurb">{preset.blurb}</p>}

      <Slider
        label="Learning rate"
        position={Math.log10(config.lr)}
        min={-4}
        max={-0.5}
        step={0.05}
        toValue={(v) => Number((10 ** v).toPrecision(3))}
        format={formatSci}
        hint={live}
        onChange={(lr) => onChange({ lr })}
      />
      <Slider
        label="Weight decay"
        position={config.wd}
        min={0}
        max={3}
        step={0.05}
        toValue={(v) => Number(v.toFixed(2))}
        format={formatSci}
        hint={live}
        onChange={(wd) => onChange({ wd })}
      />
      <Slider
        label="Train fraction"
        position={config.trainFrac}
        min={LIMITS.trainFrac.min}
        max={0.9}
        step={0.01}
        toValue={(v) => Number(v.toFixed(2))}
        format={(f) => `${Math.round(f * 100)}%`}
        hint={held ? 'of all pairs; for a branch from the timeline' : 'of all pairs; starts a new run'}
        onChange={(trainFrac) => onChange({ trainFrac })}
      />

      <details className="advanced">
        <summary>Task and model (start a new run)</summary>
        <div className="field-grid">
          <label className="field">
            <span>Task</span>
            <select value={config.task} onChange={(e) => onChange({ task: e.target.value as RunConfig['task'] })}>
              {TASKS.map((t) => (
                <option key={t} value={t}>
                  a {TASK_SYMBOL[t]} b mod p
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>p (prime)</span>
            <select value={config.p} onChange={(e) => onChange({ p: Number(e.target.value) })}>
              {PRIMES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Model</span>
            <select
              value={config.model}
              onChange={(e) => {
                const model = e.target.value as RunConfig['model'];
                // The mix is defined on the transformer only: leaving it turns the intervention off.
                onChange(model === 'transformer' ? { model } : { model, mixRepresentations: 0 });
              }}
            >
              {MODELS.map((m) => (
                <option key={m} value={m}>
                  {MODEL_LABELS[m]}
                </option>
              ))}
            </select>
          </label>
          <NumberChoice
            label={config.model === 'transformer' ? 'Width (d_model)' : 'Width'}
            value={config.width}
            choices={WIDTHS}
            onPick={(width) => onChange({ width })}
          />
          <NumberChoice
            label="Batch"
            value={config.trainBatch}
            choices={BATCH_SIZES}
            show={(b) => (b === 0 ? 'all pairs' : String(b))}
            onPick={(trainBatch) => onChange({ trainBatch })}
            testId="train-batch"
          />
          <NumberChoice
            label="Initial scale α"
            value={config.initScale}
            choices={INIT_SCALES}
            show={(a) => `${a}×`}
            onPick={(initScale) => onChange({ initScale })}
            testId="init-scale"
          />
          {config.loss === 'ce' && (
            <NumberChoice
              label="Label smoothing"
              value={config.labelSmoothing}
              choices={LABEL_SMOOTHINGS}
              onPick={(labelSmoothing) => onChange({ labelSmoothing })}
              testId="label-smoothing"
            />
          )}
          <label className="field">
            <span>Seed</span>
            <input
              type="number"
              min={LIMITS.seed.min}
              value={config.seed}
              onChange={(e) => {
                const seed = Number(e.target.value);
                if (Number.isInteger(seed) && seed >= LIMITS.seed.min && seed <= LIMITS.seed.max) onChange({ seed });
              }}
            />
          </label>
          <label className="field">
            <span>Step budget</span>
            <input
              type="number"
              min={100}
              step={500}
              value={config.steps}
              onChange={(e) => {
                const steps = Number(e.target.value);
                if (Number.isInteger(steps) && steps >= 1 && steps <= LIMITS.steps.max) onChange({ steps });
              }}
            />
          </label>
        </div>
        {config.model === 'transformer' && (
          <label className="field check" data-testid="mix-field">
            <input
              type="checkbox"
              checked={config.mixRepresentations > 0}
              onChange={(e) => onChange({ mixRepresentations: e.target.checked ? MIX_ALPHA : 0 })}
            />
            <span>
              Mix representations while training (Khanh et al.'s intervention): each sample's last-layer representation
              becomes {Math.round(100 * (1 - MIX_ALPHA))}% its own and {Math.round(100 * MIX_ALPHA)}% another sample's, so it cannot collapse
            </span>
          </label>
        )}
      </details>
    </section>
  );
}
