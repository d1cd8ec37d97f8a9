/**
 * What several components read from the live run every frame (the meters' leads, the lesson's
 * moments, the phases), computed once per change of the run and cached here.
 */
import type { RunConfig } from '../core/config';
import type { FourierRow } from '../core/fourier';
import { chanceLoss, computeLeads, type Leads } from '../core/leads';
import type { EntropyRow, LlcRow } from '../core/meterConfig';
import { detectPhases, type Phase } from '../core/phases';
import type { RunEvents } from '../core/series';
import type { RunMoments } from './lessonFacts';
import { plateauShape } from '../core/plateauShape';
import { seriesRows, type Series } from './runSeries';

/** The parts of the run these readings come from. */
export interface RunView {
  config: RunConfig | null;
  series: Series;
  events: RunEvents;
  llc: LlcRow[];
  entropy: EntropyRow[];
  fourier: FourierRow[];
}

export class RunReadings {
  /** Leads by entropy threshold, cleared on every change of the run. */
  private leadsCache = new Map<number, Leads>();
  private phaseCache: { series: Series | null; rows: number; phases: Phase[] } = { series: null, rows: -1, phases: [] };

  /** The run changed: leads are computed again when next asked. */
  changed(): void {
    this.leadsCache.clear();
  }

  /** The series' rows were replaced in place (a run continued from an earlier step), not only appended. */
  rowsReplaced(): void {
    this.phaseCache.series = null;
  }

  /** Signed leads of each meter's signal over test accuracy's rise, 50%, 95% and 99% (core/leads.ts). */
  leads(run: RunView, entropyThreshold: number): Leads | null {
    if (!run.config) return null;
    let leads = this.leadsCache.get(entropyThreshold);
    if (!leads) {
      const { p, loss } = run.config;
      const at = { p, chanceLoss: chanceLoss(loss, p), fitStep: run.events.fitStep, threshold: entropyThreshold };
      leads = computeLeads({ metrics: seriesRows(run.series), llc: run.llc, entropy: run.entropy, progress: run.fourier }, at);
      this.leadsCache.set(entropyThreshold, leads);
    }
    return leads;
  }

  /** What a lesson needs of the live run: its step, events and leads (ui/lessonFacts.ts). */
  moments(run: RunView, entropyThreshold: number): RunMoments {
    const s = run.series;
    return {
      // The last measured step of this run: the status may still be the previous run's for a moment.
      step: s.step.length > 0 ? s.step[s.step.length - 1] : 0,
      fitStep: run.events.fitStep,
      leads: this.leads(run, entropyThreshold),
      plateau: run.config ? plateauShape(seriesRows(s), 1 / run.config.p) : null,
      testAccAt: (step) => {
        const i = s.step.findIndex((x) => x >= step);
        return i < 0 ? null : s.testAcc[i];
      },
    };
  }

  /** Phases from the measured accuracies: the scan runs once per new batch of rows (a new run is a new array). */
  phases(run: RunView): Phase[] {
    if (!run.config) return [];
    const s = run.series;
    if (this.phaseCache.series !== s || this.phaseCache.rows !== s.step.length) {
      this.phaseCache = { series: s, rows: s.step.length, phases: detectPhases(seriesRows(s), 1 / run.config.p) };
    }
    return this.phaseCache.phases;
  }
}
