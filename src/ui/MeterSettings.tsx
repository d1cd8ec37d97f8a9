/** The "estimator settings" panel: meter cadences and the SGLD settings of the LLC estimate. */
import type { MeterConfig } from '../core/meterConfig';
import type { LlcSettings } from '../core/meterConfig';
import { DEFAULT_LLC_SETTINGS, LEVEL_ERRORS, LLC_LIMITS, MAX_CHAIN_SPREAD, MAX_DRIFT, METER_EVERY, SLOW_WANDER } from '../core/meterConfig';
import { formatWholePct as pct } from './format';

const D = DEFAULT_LLC_SETTINGS;

interface Props {
  meters: MeterConfig;
  trainSize: number;
  onChange(next: MeterConfig): void;
}

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  onCommit(v: number): void;
}

/** A number input that only reports values inside [min, max]. */
function NumberField({ label, value, min, max, step, integer, onCommit }: NumberFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        defaultValue={value}
        key={value}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))) onCommit(v);
        }}
      />
    </label>
  );
}

export function MeterSettings({ meters, trainSize, onChange }: Props) {
  const llc = (patch: Partial<LlcSettings>) => onChange({ ...meters, llc: { ...meters.llc, ...patch } });
  const defaultNBeta = trainSize > 1 ? trainSize / Math.log(trainSize) : NaN;
  return (
    <details className="panel advanced meter-settings-panel" data-testid="estimator-settings">
      <summary>Estimator settings (meters)</summary>
      <div className="field-grid">
        <NumberField label="LLC every (steps, 0 = off)" value={meters.llcEvery} min={METER_EVERY.min} max={METER_EVERY.max} step={50} integer onCommit={(v) => onChange({ ...meters, llcEvery: v })} />
        <NumberField label="H̃ every (steps, 0 = off)" value={meters.entropyEvery} min={METER_EVERY.min} max={METER_EVERY.max} step={10} integer onCommit={(v) => onChange({ ...meters, entropyEvery: v })} />
        <NumberField label="SGLD step ε (epsilon)" value={meters.llc.epsilon} {...LLC_LIMITS.epsilon} step={0.0001} onCommit={(v) => llc({ epsilon: v })} />
        <NumberField label="localization γ" value={meters.llc.gamma} {...LLC_LIMITS.gamma} step={1} onCommit={(v) => llc({ gamma: v })} />
        <NumberField
          label={`nβ (0 = n/log n ≈ ${Number.isFinite(defaultNBeta) ? defaultNBeta.toFixed(0) : '…'})`}
          value={meters.llc.nBeta ?? 0}
          {...LLC_LIMITS.nBeta}
          step={1}
          onCommit={(v) => llc({ nBeta: v > 0 ? v : null })}
        />
        <NumberField label="chains (num_chains)" value={meters.llc.chains} {...LLC_LIMITS.chains} step={1} integer onCommit={(v) => llc({ chains: v })} />
        <NumberField label="draws per chain (num_draws)" value={meters.llc.draws} {...LLC_LIMITS.draws} step={10} integer onCommit={(v) => llc({ draws: v })} />
        <NumberField label="burn-in (num_burnin_steps)" value={meters.llc.burnIn} {...LLC_LIMITS.burnIn} step={5} integer onCommit={(v) => llc({ burnIn: v })} />
        <NumberField label="SGLD batch size m" value={meters.llc.batchSize} {...LLC_LIMITS.batchSize} step={32} integer onCommit={(v) => llc({ batchSize: v })} />
      </div>
      <p className="muted small">
        The LLC estimate moves by orders of magnitude with ε, γ and nβ: compare values only at fixed settings. Changes apply
        from the next estimate, and the LLC chart marks them. Names as in devinterp's estimate_learning_coeff; one default
        differs: nβ here is n/log n with n the training-set size (Lau et al.'s definition), where devinterp uses m/log m
        with m the batch size, so values do not compare with devinterp's at its defaults. One formula differs too: each
        draw's loss is compared with the centre's loss on the same minibatch, not with the full training loss; the
        expectation is the same and the batches' spread, which nβ multiplies, cancels. The defaults (γ {D.gamma},{' '}
        {D.chains} × {D.draws} draws after {D.burnIn} burn-in; the transformer and MSE runs take their own ε and γ) were chosen
        so that chains level off and stay within about a quarter of ‖w*‖ of w*; the price is that flat directions count for
        little (the README gives the checks).
      </p>
      <p className="muted small">
        An estimate counts as converged
        when each chain's last third of draws is within {pct(MAX_DRIFT)} of its middle third, or within {LEVEL_ERRORS} standard
        errors of the chain's own noise, widened by {SLOW_WANDER} (across many chains the changes spread 1.2–1.9× as far as
        one chain's errors say), the chains' mean shows no trend by the same rule, and the chains agree within{' '}
        {pct(MAX_CHAIN_SPREAD)}.
      </p>
    </details>
  );
}
