/** The "estimator settings" panel: meter cadences and the SGLD settings of the LLC estimate. */
import type { MeterConfig } from '../core/meterConfig';
import type { LlcSettings } from '../core/meterConfig';

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
        <NumberField label="LLC every (steps, 0 = off)" value={meters.llcEvery} min={0} max={100000} step={50} integer onCommit={(v) => onChange({ ...meters, llcEvery: v })} />
        <NumberField label="H̃ every (steps, 0 = off)" value={meters.entropyEvery} min={0} max={100000} step={10} integer onCommit={(v) => onChange({ ...meters, entropyEvery: v })} />
        <NumberField label="SGLD step ε" value={meters.llc.epsilon} min={1e-7} max={1} step={0.0001} onCommit={(v) => llc({ epsilon: v })} />
        <NumberField label="localization γ" value={meters.llc.gamma} min={0} max={1e6} step={1} onCommit={(v) => llc({ gamma: v })} />
        <NumberField
          label={`nβ (0 = n/log n ≈ ${Number.isFinite(defaultNBeta) ? defaultNBeta.toFixed(0) : '…'})`}
          value={meters.llc.nBeta ?? 0}
          min={0}
          max={1e9}
          step={1}
          onCommit={(v) => llc({ nBeta: v > 0 ? v : null })}
        />
        <NumberField label="chains" value={meters.llc.chains} min={1} max={16} step={1} integer onCommit={(v) => llc({ chains: v })} />
        <NumberField label="draws per chain" value={meters.llc.draws} min={1} max={10000} step={10} integer onCommit={(v) => llc({ draws: v })} />
        <NumberField label="burn-in" value={meters.llc.burnIn} min={0} max={10000} step={5} integer onCommit={(v) => llc({ burnIn: v })} />
        <NumberField label="SGLD batch size" value={meters.llc.batchSize} min={1} max={1000000} step={32} integer onCommit={(v) => llc({ batchSize: v })} />
      </div>
      <p className="muted small">
        The LLC estimate moves by orders of magnitude with ε, γ and nβ: compare values only at fixed settings. Changes apply
        from the next estimate, and the LLC chart marks them.
      </p>
    </details>
  );
}
