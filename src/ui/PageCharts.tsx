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
    const target = document.querySelector(`[data-testid="${panelTestId(watch)}"]`);
    if (!target) return;
    const lesson = document.querySelector('.charts > .lesson');
    // Below the sticky lesson: the chart's top just under it, or its bottom at the screen's bottom.
    const top = lesson && getComputedStyle(lesson).position === 'sticky' ? lesson.getBoundingClientRect().bottom + 8 : 8;
    const box = target.getBoundingClientRect();
    const by = box.bottom > window.innerHeight ? Math.min(box.bottom - window.innerHeight + 8, box.top - top) : box.top < top ? box.top - top : 0;
    if (by !== 0) window.scrollBy({ top: by, behavior: 'smooth' });
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
