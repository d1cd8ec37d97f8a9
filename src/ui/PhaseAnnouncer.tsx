/** Tells screen-reader users when the run enters a new phase ("Generalized at step 1,140"). */
import type { Phase } from '../core/phases';
import { formatInt } from './format';

const WORDS: Record<Phase['name'], string> = {
  memorization: 'Memorizing',
  plateau: 'Memorized; plateau',
  grokking: 'Grokking: test accuracy rising',
  generalized: 'Generalized',
  forgetting: 'No longer generalizing: test accuracy fell after grokking',
};

export function PhaseAnnouncer({ phase }: { phase: Phase | undefined }) {
  return (
    <div className="sr-only" aria-live="polite" data-testid="phase-announcer">
      {phase && phase.from > 0 ? `${WORDS[phase.name]} at step ${formatInt(phase.from)}` : ''}
    </div>
  );
}
