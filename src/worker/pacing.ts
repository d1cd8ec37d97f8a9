/** How the session paces its chunks: per speed, and how it yields to pending messages between them. */
import type { Speed } from './protocol';

/**
 * Per speed: wall time per training chunk (long enough to amortise, short enough to stay
 * responsive), steps per chunk at most, pause between chunks, and how often metrics are posted.
 */
/** How a chunk is paced: its wall-time budget and step cap, the rest after it, how often the page hears. */
export interface Pace {
  chunkMs: number;
  maxSteps: number;
  pauseMs: number;
  flushMs: number;
}

export const SPEED_SETTINGS: Record<Speed, Pace> = {
  slow: { chunkMs: 40, maxSteps: 3, pauseMs: 40, flushMs: 50 },
  normal: { chunkMs: 40, maxSteps: Infinity, pauseMs: 0, flushMs: 100 },
  fast: { chunkMs: 250, maxSteps: Infinity, pauseMs: 0, flushMs: 500 },
};

/** Yields to pending messages without setTimeout's 4 ms clamp on nested timers. */
export function makeYield(): () => Promise<void> {
  if (typeof MessageChannel === 'undefined') return () => new Promise((r) => setTimeout(r, 0));
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  // In Node (unit tests) an open port would keep the process alive.
  (channel.port1 as { unref?: () => void }).unref?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
