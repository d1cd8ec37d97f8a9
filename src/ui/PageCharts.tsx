/**
 * The charts column of the page. Accuracy, LLC and entropy share one step axis, stacked, so a change
 * in one lines up with the others. The chart a lesson step asks to watch moves up under accuracy
 * and is scrolled into view below the lesson, which stays on screen (sticky on wide screens).
 */
import { useEffect, type ReactNode } from 'react';
import type { Panel } from '../core/url';

/** The test id each panel's outermost element carries. */
export const panelTestId = (name: Panel): string => (name === 'meter' ? 'flatness-meter' : `chart-${name}`);

interface Props {
  panel(name: Panel): ReactNode;
  /** The panel the open lesson step names, if any. */
  watch: Panel | undefined;
  /** Changes whenever another lesson step opens (the scroll happens once per step). */
  stepKey: string | null;
  header: ReactNode;
  /** After the single run's charts (the phase diagram). */
  after?: ReactNode;
  /** Under the charts (the timeline), kept on screen while they scroll. */
  footer?: ReactNode;
}

export function PageCharts({ panel, watch, stepKey, header, after, footer }: Props) {
  useEffect(() => {
    if (!watch || !stepKey) return;
    const place = (behavior: ScrollBehavior) => {
      const target = document.querySelector(`[data-testid="${panelTestId(watch)}"]`);
      if (!target) return;
      const lesson = document.querySelector('.charts > .lesson');
      const timeline = document.querySelector('.charts > .timeline');
      // Between the sticky lesson above and the sticky timeline below: the chart's top just under the
      // lesson, or its bottom just over the timeline, whichever keeps its top on screen.
      const top = lesson && getComputedStyle(lesson).position === 'sticky' ? lesson.getBoundingClientRect().bottom + 8 : 8;
      const bottom = window.innerHeight - (timeline && getComputedStyle(timeline).position === 'sticky' ? timeline.getBoundingClientRect().height : 0);
      const box = target.getBoundingClientRect();
      const by = box.bottom > bottom ? Math.min(box.bottom - bottom + 8, box.top - top) : box.top < top ? box.top - top : 0;
      if (Math.abs(by) >= 1) window.scrollBy({ top: by, behavior });
    };
    place('smooth');
    // The page keeps changing under it (a note, a line of leads, a badge filling in as the run goes):
    // the chart is kept in place until the reader scrolls for themselves.
    let readerScrolled = false;
    const onReaderScroll = () => (readerScrolled = true);
    const onKey = (e: KeyboardEvent) => ['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown'].includes(e.key) && onReaderScroll();
    // A press on the page's own scrollbar lands on the root element.
    const onPress = (e: PointerEvent) => e.target === document.documentElement && onReaderScroll();
    const observer = new ResizeObserver(() => readerScrolled || place('instant'));
    observer.observe(document.body);
    window.addEventListener('wheel', onReaderScroll, { passive: true });
    window.addEventListener('touchmove', onReaderScroll, { passive: true });
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPress);
    return () => {
      observer.disconnect();
      window.removeEventListener('wheel', onReaderScroll);
      window.removeEventListener('touchmove', onReaderScroll);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPress);
    };
  }, [watch, stepKey]);
  const up = watch === 'meter' || watch === 'accuracy' ? undefined : watch;
  const rest = (['llc', 'entropy', 'fourier', 'progress'] as const).filter((p) => p !== up);
  const pair = (['loss', 'norm'] as const).filter((p) => p !== up);
  return (
    <section className="charts">
      {header}
      {panel('accuracy')}
      {up && panel(up)}
      {rest.map((p) => panel(p))}
      <div className="chart-row">{pair.map((p) => panel(p))}</div>
      {up !== 'landscape' && panel('landscape')}
      {after}
      {footer}
    </section>
  );
}
