import { useId } from 'react';

interface Props {
  label: string;
  /** Slider position (may be a transformed value, e.g. log10 of the learning rate). */
  position: number;
  min: number;
  max: number;
  step: number;
  display: string;
  hint?: string;
  onChange(position: number): void;
}

/** A labelled native range input that always shows its current value. */
export function Slider({ label, position, min, max, step, display, hint, onChange }: Props) {
  const id = useId();
  return (
    <div className="slider">
      <div className="slider-head">
        <label htmlFor={id}>{label}</label>
        <output htmlFor={id} className="slider-value">
          {display}
        </output>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={position}
        aria-valuetext={display}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      {hint && <div className="slider-hint">{hint}</div>}
    </div>
  );
}
