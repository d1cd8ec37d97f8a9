/**
 * Presentation mode, for a projector: one screen, no scrolling. The lesson (or the run's banner)
 * on the left in large type; on the right the accuracy chart and the chart the lesson asks to watch
 * (with the gauge beside it when the lesson names the gauge), sized to fill the screen. Sharing, export and backend details are left to the normal page.
 */
import type { ReactNode } from 'react';
import type { Panel } from '../core/url';
import { ChartStyleContext, PRESENT_CHART_STYLE } from './charts/chartStyle';

interface Props {
  /** The lesson menu, the transport and the exit button, in one bar. */
  bar: ReactNode;
  notices: ReactNode;
  /** The lesson panel and the banner. */
  text: ReactNode;
  /** The gauge, when the lesson asks to watch it. */
  gauge: ReactNode | null;
  panel(name: Panel): ReactNode;
  focus: Exclude<Panel, 'accuracy' | 'meter'>;
}

/** The chart beside accuracy: the one the lesson names (the gauge's history for the gauge), else the losses. */
export function presentFocus(show: Panel | undefined): Props['focus'] {
  if (show === undefined || show === 'accuracy') return 'loss';
  return show === 'meter' ? 'llc' : show;
}

export function PresentView({ bar, notices, text, gauge, panel, focus }: Props) {
  return (
    <ChartStyleContext.Provider value={PRESENT_CHART_STYLE}>
      <div className="app present" data-testid="present-view">
        <header className="present-bar">{bar}</header>
        {notices}
        <main className="present-stage">
          <div className="present-text">{text}</div>
          <div className="present-charts">
            {panel('accuracy')}
            <div className={`present-focus${gauge ? ' with-gauge' : ''}`}>
              {panel(focus)}
              {gauge}
            </div>
          </div>
        </main>
      </div>
    </ChartStyleContext.Provider>
  );
}
