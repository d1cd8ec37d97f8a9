/** Wires the postMessage API: commands from the host page in, progress to it out (at most 4 a second). */
import { useEffect, useRef } from 'react';
import type { RunConfig } from '../core/config';
import { EMBED_PROGRESS_TYPE, EMBED_SIZE_TYPE, parseEmbedMessage, type EmbedProgress } from '../core/embedApi';
import type { RunStore } from './runStore';
import type { Training } from './useTraining';

const PROGRESS_EVERY_MS = 250;

/**
 * `origin`: the host's origin when the author named one (origin=…): commands from any other origin are
 * ignored, and progress goes to that origin only. Without it, progress goes to whatever page embeds us.
 */
export function useEmbedApi(enabled: boolean, store: RunStore, training: Training, set: (patch: Partial<RunConfig>) => boolean, origin: string | null): void {
  useEffect(() => {
    if (!enabled) return;
    const onMessage = (e: MessageEvent) => {
      // Only the page that embeds us may steer us.
      if (e.source !== window.parent || window.parent === window) return;
      if (origin !== null && e.origin !== origin) return console.warn(`Grokscope: ignored a message from ${e.origin}: this embed takes commands from ${origin} only`);
      const parsed = parseEmbedMessage(e.data);
      if (!parsed.ok) return console.warn(`Grokscope: ignored a message from the host page (${parsed.reason})`, e.data);
      const { command } = parsed;
      if (command.command === 'play') training.play();
      else if (command.command === 'pause') training.pause();
      else if (command.command === 'reset') training.reset();
      else if (!set(command.config)) console.warn('Grokscope: ignored "set": the resulting settings are not valid', command.config);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [enabled, training, set, origin]);

  const last = useRef(0);
  const trailing = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!enabled || window.parent === window) return;
    const wait = PROGRESS_EVERY_MS - (performance.now() - last.current);
    if (trailing.current) clearTimeout(trailing.current);
    // Throttled, but the latest state is always sent (a trailing post once the interval is over).
    trailing.current = setTimeout(() => post(store), Math.max(0, wait));
    return () => void (trailing.current && clearTimeout(trailing.current));
  });
  const post = (s: RunStore) => {
    last.current = performance.now();
    const store = s;
    const row = store.latest();
    const progress: EmbedProgress = {
      type: EMBED_PROGRESS_TYPE,
      state: store.status.state,
      step: store.status.step,
      trainAcc: row?.trainAcc ?? null,
      testAcc: row?.testAcc ?? null,
      phase: store.phases().at(-1)?.name ?? null,
      events: { ...store.events },
    };
    window.parent.postMessage(progress, origin ?? '*');
  };
}

/** Tells the host page how tall the embed's content is, once per frame at most and only on change. */
export function useEmbedSize(enabled: boolean, origin: string | null): void {
  useEffect(() => {
    if (!enabled || window.parent === window) return;
    let sent = 0;
    let frame: number | null = null;
    const measure = () => {
      frame = null;
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === sent) return;
      sent = height;
      window.parent.postMessage({ type: EMBED_SIZE_TYPE, height }, origin ?? '*');
    };
    const ro = new ResizeObserver(() => {
      if (frame === null) frame = requestAnimationFrame(measure);
    });
    ro.observe(document.body);
    measure();
    return () => {
      ro.disconnect();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [enabled, origin]);
}
