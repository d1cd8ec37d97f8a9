/**
 * The run's checkpoints for going back in time: the weights and optimizer state at a bounded,
 * log-spaced set of steps, so a reader can look at (and continue from) the plateau of a long run.
 * Early steps change the network most, so they are kept densest; past the cap, the checkpoint whose
 * neighbours are closest on a log-step axis goes first (the oldest of equals), never the first or
 * the latest.
 */

/** At most this many checkpoints per run: the memory the timeline may hold is this × one state. */
export const MAX_CHECKPOINTS = 64;
/** A checkpoint is due once the step has grown by this factor, and at least this many steps apart. */
const GROWTH = 1.05;
const MIN_GAP = 25;

const logStep = (step: number) => Math.log1p(step);

/**
 * Which checkpoint to drop from steps in increasing order: the interior one whose removal leaves the
 * smallest gap on a log-step axis; among equals the oldest. -1 when fewer than three.
 */
export function thinningIndex(steps: readonly number[]): number {
  let best = -1;
  let bestGap = Infinity;
  for (let i = 1; i < steps.length - 1; i++) {
    const gap = logStep(steps[i + 1]) - logStep(steps[i - 1]);
    if (gap < bestGap - 1e-12) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}

/** The next step at which a checkpoint is due, after one at `step`. */
export function nextCheckpointStep(step: number): number {
  return Math.max(step + MIN_GAP, Math.ceil(step * GROWTH));
}

/** The entry at `step` or the latest before it; null when there is none. */
export function atOrBefore<T extends { step: number }>(entries: readonly T[], step: number): T | null {
  let found: T | null = null;
  for (const e of entries) {
    if (e.step > step) break;
    found = e;
  }
  return found;
}

/** Keeps entries in step order, log-spaced, at most `cap`; an entry for a step already held replaces it. */
export class LogSpaced<T extends { step: number }> {
  private items: T[] = [];

  constructor(private readonly cap = MAX_CHECKPOINTS) {}

  add(item: T): void {
    const i = this.items.findIndex((e) => e.step >= item.step);
    if (i < 0) this.items.push(item);
    else if (this.items[i].step === item.step) this.items[i] = item;
    else this.items.splice(i, 0, item);
    while (this.items.length > this.cap) this.items.splice(thinningIndex(this.items.map((e) => e.step)), 1);
  }

  /** Drops everything after `step` (a run continued from there). */
  truncateAfter(step: number): void {
    this.items = this.items.filter((e) => e.step <= step);
  }

  get entries(): readonly T[] {
    return this.items;
  }

  atOrBefore(step: number): T | null {
    return atOrBefore(this.items, step);
  }
}
