/** One live sentence on where the run stands, computed from the measured metrics and phases. */
import { FORGET_THRESHOLD } from '../core/phases';
import { FIT_THRESHOLD, GROK_THRESHOLD } from '../core/series';
import type { RunStore } from './runStore';
import { formatInt, formatPct } from './format';

export function narrate(store: RunStore): string {
  const last = store.latest();
  if (!last) return 'Building the dataset and the network…';
  const { fitStep, grokStep } = store.events;
  const phase = store.phases().at(-1)?.name;
  const now = `train ${formatPct(last.trainAcc)}, test ${formatPct(last.testAcc)}`;
  const fitRow = fitStep !== null ? store.series.step.indexOf(fitStep) : -1;
  const atFit = fitRow >= 0 ? `train ${formatPct(store.series.trainAcc[fitRow])}, test ${formatPct(store.series.testAcc[fitRow])}` : '';
  if (phase === 'forgetting') {
    const since = store.phases().at(-1)!.from;
    const change = store.hyperChanges.filter((c) => c.step <= since).at(-1);
    const why = change && grokStep !== null && change.step >= grokStep ? ` after the change at step ${formatInt(change.step)}` : '';
    return `No longer generalizing: test accuracy fell below ${formatPct(FORGET_THRESHOLD)} at step ${formatInt(since)}${why}, after grokking at step ${formatInt(grokStep ?? 0)}. Now ${now}.`;
  }
  if (grokStep !== null) {
    const wait = fitStep !== null ? `, ${formatInt(grokStep - fitStep)} steps after memorizing` : '';
    return `Grokked at step ${formatInt(grokStep)}: test accuracy passed ${formatPct(GROK_THRESHOLD)}${wait}. Now ${now}.`;
  }
  if (phase === 'grokking') {
    const rise = store.phases().at(-1)!.from;
    return `Grokking: test accuracy has been climbing since step ${formatInt(rise)}. Now step ${formatInt(last.step)}: ${now}.`;
  }
  if (fitStep !== null) {
    return `Memorized at step ${formatInt(fitStep)}: ${atFit}. Watching for the jump… (step ${formatInt(last.step)}: ${now})`;
  }
  if (last.step === 0) return `A fresh network guesses at chance: ${now}. Press Train.`;
  return `Memorizing: step ${formatInt(last.step)}, fitting the ${formatInt(store.trainSize)} training pairs (train ≥ ${formatPct(FIT_THRESHOLD)} counts as fitted). Now ${now}.`;
}

export function Narrative({ store }: { store: RunStore }) {
  return (
    <p className="narrative" data-testid="narrative">
      {narrate(store)}
    </p>
  );
}
