/**
 * Keyboard shortcuts for the whole page, wherever focus is: ignored only while typing in a text
 * field; on a slider or a menu the arrow keys stay theirs (they move its value) and the rest act.
 */
import { useEffect } from 'react';

export const SHORTCUTS: Array<[string, string]> = [
  ['Space', 'train / pause'],
  ['→', 'one training step (while paused); in a lesson, the next step'],
  ['← / → or P / N', 'lesson: previous / next step'],
  ['R', 'reset to step 0'],
  ['[ / ]', 'timeline: previous / next checkpoint (past the last: live)'],
  ['L', 'step axis: log / linear'],
  ['?', 'show or hide this help'],
  ['Esc', 'close this help'],
];

export interface ShortcutActions {
  toggle(): void;
  step(): void;
  back(): void;
  next(): void;
  reset(): void;
  /** Moves the timeline cursor by this many checkpoints. */
  scrub(delta: number): void;
  toggleAxis(): void;
  toggleHelp(): void;
  closeHelp(): void;
}

export function useShortcuts(actions: ShortcutActions): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (target?.closest('textarea, [contenteditable="true"]')) return;
      if (target instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button'].includes(target.type)) return;
      if (e.key.startsWith('Arrow') && target?.closest('input, select')) return;
      const act: Record<string, () => void> = {
        ' ': actions.toggle,
        ArrowRight: actions.step,
        ArrowLeft: actions.back,
        n: actions.next,
        N: actions.next,
        p: actions.back,
        P: actions.back,
        r: actions.reset,
        R: actions.reset,
        l: actions.toggleAxis,
        L: actions.toggleAxis,
        '[': () => actions.scrub(-1),
        ']': () => actions.scrub(1),
        '?': actions.toggleHelp,
        Escape: actions.closeHelp,
      };
      const f = act[e.key];
      if (!f) return;
      // Space on a focused button would click it too: the shortcut alone acts.
      e.preventDefault();
      f();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
