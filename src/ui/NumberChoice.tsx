/** A labelled select over a list of numbers; a value set elsewhere (a link, a preset) is offered too, in order. */
interface Props {
  label: string;
  value: number;
  choices: readonly number[];
  show?: (v: number) => string;
  onPick(v: number): void;
  testId?: string;
}

export function NumberChoice({ label, value, choices, show = String, onPick, testId }: Props) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onPick(Number(e.target.value))} data-testid={testId}>
        {[...new Set([...choices, value])].sort((a, b) => a - b).map((v) => (
          <option key={v} value={v}>
            {show(v)}
          </option>
        ))}
      </select>
    </label>
  );
}
