import { useEffect, useId, useRef, useState } from 'react';

interface Props {
  label: string;
  /** Slider position (may be a transformed value, e.g. log10 of the learning rate). */
  position: number;
  min: number;
  max: number;
  step: number;
  /** The setting a position stands for, and how it is shown. */
  toValue(position: number): number;
  format(value: number): string;
  hint?: string;
  onChange(value: number): void;
}

/**
 * A labelled native range input that always shows its value. A pointer drag shows the value as it
 * moves but applies it once, on release, so one drag leaves one change (and one chart marker);
 * keys apply each press.
 */
export function Slider({ label, position, min, max, step, toValue, format, hint, onChange }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<number | null>(null);
  const dragging = useRef(false);
  const latest = useRef({ draft, onChange, toValue });
  latest.current = { draft, onChange, toValue };
  useEffect(() => {
    const release = () => {
      if (!dragging.current) return;
      dragging.current = false;
      const { draft: d, onChange: apply, toValue: value } = latest.current;
      if (d !== null) apply(value(d));
      setDraft(null);
    };
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
    return () => {
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointercancel', release);
    };
  }, []);
  const shown = draft ?? position;
  const text = format(toValue(shown));
  return (
    <div className="slider">
      <div className="slider-head">
        <label htmlFor={id}>{label}</label>
        <output htmlFor={id} className="slider-value">
          {text}
        </output>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={shown}
        aria-valuetext={text}
        onPointerDown={() => (dragging.current = true)}
        onChange={(e) => {
          const p = Number(e.target.value);
          if (dragging.current) setDraft(p);
          else onChange(toValue(p));
        }}
      />
      {hint && <div className="slider-hint">{hint}</div>}
    </div>
  );
}
