/** One live sentence on where the run stands, computed from the measured metrics. */
import { FIT_THRESHOLD, GROK_THRESHOLD } from '../core/series';
import type { RunStore } from './runStore';
import { formatInt, formatPct } from './format';

export function narrate(store: RunStore): string {
  const last = store.latest();
  if (!last) return 'Building the dataset and the network…';
  const { fitStep, grokStep } = store.events;
  const now = `train ${formatPct(last.trainAcc)}, test ${formatPct(last.testAcc)}`;
  if (grokStep !== null) {
    const wait = fitStep !== null ? `, ${formatInt(grokStep - fitStep)} steps after memorizing` : '';
    return `Grokked at step ${formatInt(grokStep)}: test accuracy passed ${formatPct(GROK_THRESHOLD)}${wait}. Now ${now}.`;
  }
  if (fitStep !== null) {
    return `Memorized at step ${formatInt(fitStep)} (train ≥ ${formatPct(FIT_THRESHOLD)}). Now step ${formatInt(last.step)}: ${now}. Watching for the jump…`;
  }
  if (last.step === 0) return `A fresh network guesses at chance: ${now}. Press Train.`;
  return `Step ${formatInt(last.step)}: fitting the ${formatInt(store.trainSize)} training pairs… ${now}.`;
}

export function Narrative({ store }: { store: RunStore }) {
  return (
    <p className="narrative" data-testid="narrative">
      {narrate(store)}
    </p>
  );
}
