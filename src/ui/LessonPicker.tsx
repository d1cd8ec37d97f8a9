/** The lesson menu in the top bar. */
import { LESSONS } from '../lessons';

export function LessonPicker({ value, onOpen, onClose }: { value: string | null; onOpen(id: string): void; onClose(): void }) {
  return (
    <select
      className="lesson-picker"
      aria-label="Lessons"
      data-testid="lesson-picker"
      value={value ?? ''}
      onChange={(e) => {
        // Focus leaves the menu, so ← → move through the lesson instead of switching lessons.
        e.currentTarget.blur();
        if (e.target.value) onOpen(e.target.value);
        else onClose();
      }}
    >
      <option value="">Lessons…</option>
      {LESSONS.map((l) => (
        <option key={l.id} value={l.id}>
          {l.title}
        </option>
      ))}
    </select>
  );
}
