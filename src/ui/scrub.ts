/** Moving the scrub cursor through the timeline's checkpoints, and what a branch would change. */
import type { RunConfig } from '../core/config';
import { RUN_PARAMS } from '../core/params';

/**
 * The cursor `delta` checkpoints from `cursor` (null: live, one past the last checkpoint). Moving past
 * the last one returns to live; before the first one stays at the first.
 */
export function moveCursor(steps: readonly number[], cursor: number | null, delta: number): number | null {
  if (steps.length === 0) return null;
  const at = cursor === null ? steps.length : Math.max(0, steps.findIndex((s) => s >= cursor));
  const next = Math.max(0, Math.min(steps.length, at + delta));
  return next === steps.length ? null : steps[next];
}

/** "wd 1 → 0.3" for each setting that differs between a run and the settings now (the budget aside). */
export function settingChanges(from: RunConfig, to: RunConfig): string[] {
  return RUN_PARAMS.filter((p) => p.key !== 'steps' && from[p.key] !== to[p.key]).map((p) => `${p.name} ${from[p.key]} → ${to[p.key]}`);
}
