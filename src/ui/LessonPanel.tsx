/** A guided lesson: one step at a time, each with a text, settings, and what to watch. */
import type { Lesson, LessonFact } from '../lessons';
import { fillFacts } from './lessonFacts';

interface Props {
  lesson: Lesson;
  step: number;
  /** This run's numbers for the text's {placeholders}. */
  facts: Record<LessonFact, string>;
  onStep(step: number): void;
  onClose(): void;
}

export function LessonPanel({ lesson, step, facts, onStep, onClose }: Props) {
  const s = lesson.steps[step - 1];
  const n = lesson.steps.length;
  return (
    <section className="lesson" aria-label={`Lesson: ${lesson.title}`} data-testid="lesson">
      <div className="lesson-head">
        <span className="lesson-title">{lesson.title}</span>
        <span className="lesson-progress" aria-label={`Step ${step} of ${n}`} data-testid="lesson-progress">
          {lesson.steps.map((_, i) => (
            <span key={i} className={`dot ${i + 1 === step ? 'on' : ''} ${i + 1 < step ? 'done' : ''}`} />
          ))}
          <span className="muted">
            step {step} of {n}
          </span>
        </span>
        <button className="btn small" onClick={onClose} aria-label="Close the lesson">
          ✕
        </button>
      </div>
      <h2 className="lesson-step-title">{s.title}</h2>
      <p className="lesson-text" data-testid="lesson-text">
        {fillFacts(s.text, facts)}
      </p>
      <p className="lesson-watch">
        <b>Watch:</b> {fillFacts(s.watch, facts)}
      </p>
      <div className="lesson-nav">
        <button className="btn" onClick={() => onStep(step - 1)} disabled={step <= 1} data-testid="lesson-back">
          ← Back
        </button>
        <button className="btn primary" onClick={() => onStep(step + 1)} disabled={step >= n} data-testid="lesson-next">
          Next →
        </button>
        <span className="muted small">keys: ← → or P N</span>
      </div>
    </section>
  );
}
