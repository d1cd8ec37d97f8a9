/** The vertical markers every chart shares: fit, grok, and each mid-run hyperparameter change. */
import type { LiveHyper } from '../../core/config';
import type { HyperChange, RunEvents } from '../../core/series';
import { formatSci } from '../format';
import type { ChartBand, ChartMarker } from './chartTypes';
import type { Phase } from '../../core/phases';
import { COLORS, PHASE_COLORS } from './colors';

/** Each change is labelled with what changed relative to the setting before it (`start` at step 0). */
export function runMarkers(events: RunEvents, changes: HyperChange[], start: LiveHyper): ChartMarker[] {
  const markers: ChartMarker[] = changes.map((c, i) => {
    const prev = i === 0 ? start : changes[i - 1];
    const parts = [];
    if (prev.lr !== c.lr) parts.push(`lr ${formatSci(prev.lr)} → ${formatSci(c.lr)}`);
    if (prev.wd !== c.wd) parts.push(`wd ${formatSci(prev.wd)} → ${formatSci(c.wd)}`);
    return { step: c.step, label: parts.join(', '), color: COLORS.change, dashed: true };
  });
  if (events.fitStep !== null) markers.push({ step: events.fitStep, label: 'fit', color: COLORS.fit });
  if (events.grokStep !== null) markers.push({ step: events.grokStep, label: 'grok', color: COLORS.grok });
  return markers;
}

/** The phase bands every chart shows, from the live phase detection. */
export function phaseBands(phases: Phase[]): ChartBand[] {
  return phases.map((ph) => ({ from: ph.from, to: ph.to, label: ph.name, color: PHASE_COLORS[ph.name] }));
}
