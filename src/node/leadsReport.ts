/**
 * `npm run cli -- leads --seeds 1,2,3 [train flags]`: trains the config once per seed and reports,
 * for each meter, how many steps its signal came before test accuracy left the plateau (chance +
 * 10 points), passed 50%, 95% and 99%: per seed, then mean and spread. Negative = the meter came
 * late. This is the command behind every claim the README or a lesson makes about a lead.
 */
import { describeEstimator, describeRun } from './describe';
import type { RunConfig } from '../core/config';
import { LEAD_METERS, LEAD_TARGETS, LLC_SIGNAL_SHARE, RESTRICTED_SIGNAL_SHARE, summarize, type LeadKey, type LeadMeter, type Leads } from '../core/leads';
import { PAPER_ENTROPY_THRESHOLD } from '../core/meterConfig';
import type { MeterConfig } from '../core/meters';
import { trainHeadless } from './headless';

export interface LeadsReport {
  config: RunConfig;
  meters: MeterConfig;
  seeds: number[];
  runs: Array<{ seed: number; fitStep: number | null; leads: Leads }>;
  summary: Record<LeadMeter, Record<LeadKey, ReturnType<typeof summarize>>>;
}

export async function leadsOverSeeds(config: RunConfig, meters: MeterConfig, backend: string, seeds: number[], log: (line: string) => void): Promise<LeadsReport> {
  const runs: LeadsReport['runs'] = [];
  for (const seed of seeds) {
    const { record } = await trainHeadless({ ...config, seed }, meters, backend, (line) => log(`seed ${seed}: ${line}`));
    runs.push({ seed, fitStep: record.events.fitStep, leads: record.leads! });
  }
  const over = (meter: LeadMeter) =>
    Object.fromEntries(LEAD_TARGETS.map(({ key }) => [key, summarize(runs.map((r) => r.leads[meter][key]))])) as LeadsReport['summary']['llc'];
  const summary = Object.fromEntries(LEAD_METERS.map((m) => [m.id, over(m.id)])) as LeadsReport['summary'];
  return { config, meters, seeds, runs, summary };
}

const cell = (v: number | null) => (v === null ? '—' : String(v));

const leadHeads = LEAD_TARGETS.map((t) => t.label).join(' / ');

export function formatLeads(r: LeadsReport): string {
  const lines = [
    `${describeRun(r.config)}; LLC every ${r.meters.llcEvery} (${describeEstimator(r.meters.llc)}), H̃ every ${r.meters.entropyEvery}`,
    `Signals: LLC at ${100 * LLC_SIGNAL_SHARE}% of its peak after memorizing; H̃ below ${PAPER_ENTROPY_THRESHOLD} after memorizing; ` +
      `restricted loss at ${100 * RESTRICTED_SIGNAL_SHARE}% of the chance loss (Fourier every ${r.meters.fourierEvery}). ` +
      'Leads = event step − signal step (negative: the meter came late).',
    `| seed | fit | ${LEAD_TARGETS.map((t) => t.label).join(' | ')} | ${LEAD_METERS.map((m) => `${m.label} signal | lead to ${leadHeads}`).join(' | ')} |`,
    `|${'---|'.repeat(LEAD_TARGETS.length + 2 + 2 * LEAD_METERS.length)}`,
    ...r.runs.map(({ seed, fitStep, leads: l }) => {
      const meterCells = LEAD_METERS.map((m) => `${cell(l.events[m.signal])} | ${LEAD_TARGETS.map((t) => cell(l[m.id][t.key])).join(' / ')}`);
      return `| ${seed} | ${cell(fitStep)} | ${LEAD_TARGETS.map((t) => cell(l.events[t.event])).join(' | ')} | ${meterCells.join(' | ')} |`;
    }),
  ];
  for (const meter of LEAD_METERS) {
    const parts = LEAD_TARGETS.map(({ key, label }) => {
      const s = r.summary[meter.id][key];
      return `${label} ${s.mean === null ? '—' : Math.round(s.mean)}${s.sd === null ? '' : ` ± ${Math.round(s.sd)}`} (${s.n}/${s.of} seeds)`;
    });
    // The control: a signal in a run whose test accuracy never left the plateau is a false alarm.
    const falseAlarms = r.runs.filter((x) => x.leads.events[meter.signal] !== null && x.leads.events.rise === null).length;
    lines.push(`${meter.label} lead, mean ± sd: ${parts.join('; ')}; fired with no rise after it: ${falseAlarms}/${r.runs.length} seeds`);
  }
  return lines.join('\n');
}
