/**
 * `npm run cli -- leads --seeds 1,2,3 [train flags]`: trains the config once per seed and reports,
 * for each meter, how many steps its signal came before test accuracy left the plateau (chance +
 * 10 points), passed 50% and passed 95%: per seed, then mean and spread. Negative = the meter came
 * late. This is the command behind every claim the README or a lesson makes about a lead.
 */
import type { RunConfig } from '../core/config';
import { LLC_SIGNAL_SHARE, summarize, type Leads } from '../core/leads';
import { PAPER_ENTROPY_THRESHOLD } from '../core/meterConfig';
import type { MeterConfig } from '../core/meters';
import { trainHeadless } from './headless';

export interface LeadsReport {
  config: RunConfig;
  meters: MeterConfig;
  seeds: number[];
  runs: Array<{ seed: number; fitStep: number | null; leads: Leads }>;
  summary: Record<'llc' | 'entropy', Record<'toRise' | 'toHalf' | 'toGrok', ReturnType<typeof summarize>>>;
}

export async function leadsOverSeeds(config: RunConfig, meters: MeterConfig, backend: string, seeds: number[], log: (line: string) => void): Promise<LeadsReport> {
  const runs: LeadsReport['runs'] = [];
  for (const seed of seeds) {
    const { record } = await trainHeadless({ ...config, seed }, meters, backend, (line) => log(`seed ${seed}: ${line}`));
    runs.push({ seed, fitStep: record.events.fitStep, leads: record.leads! });
  }
  const over = (meter: 'llc' | 'entropy', key: 'toRise' | 'toHalf' | 'toGrok') => summarize(runs.map((r) => r.leads[meter][key]));
  const summary = {
    llc: { toRise: over('llc', 'toRise'), toHalf: over('llc', 'toHalf'), toGrok: over('llc', 'toGrok') },
    entropy: { toRise: over('entropy', 'toRise'), toHalf: over('entropy', 'toHalf'), toGrok: over('entropy', 'toGrok') },
  };
  return { config, meters, seeds, runs, summary };
}

const cell = (v: number | null) => (v === null ? '—' : String(v));

export function formatLeads(r: LeadsReport): string {
  const lines = [
    `${r.config.model}, ${r.config.task} mod ${r.config.p}, width ${r.config.width}, train ${r.config.trainFrac}, lr ${r.config.lr}, wd ${r.config.wd}, loss ${r.config.loss}; ` +
      `LLC every ${r.meters.llcEvery} (${r.meters.llc.chains}×${r.meters.llc.draws}+${r.meters.llc.burnIn} draws), H̃ every ${r.meters.entropyEvery}`,
    `Signals: LLC at ${100 * LLC_SIGNAL_SHARE}% of its peak after memorizing; H̃ below ${PAPER_ENTROPY_THRESHOLD} after memorizing. ` +
      'Leads = event step − signal step (negative: the meter came late).',
    '| seed | fit | rise | 50% | 95% | LLC signal | lead to rise / 50% / 95% | H̃ signal | lead to rise / 50% / 95% |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.runs.map(({ seed, fitStep, leads: l }) =>
      `| ${seed} | ${cell(fitStep)} | ${cell(l.events.rise)} | ${cell(l.events.half)} | ${cell(l.events.grok)} | ${cell(l.events.llcSignal)} | ` +
        `${cell(l.llc.toRise)} / ${cell(l.llc.toHalf)} / ${cell(l.llc.toGrok)} | ${cell(l.events.entropySignal)} | ` +
        `${cell(l.entropy.toRise)} / ${cell(l.entropy.toHalf)} / ${cell(l.entropy.toGrok)} |`,
    ),
  ];
  for (const meter of ['llc', 'entropy'] as const) {
    const parts = (['toRise', 'toHalf', 'toGrok'] as const).map((k) => {
      const s = r.summary[meter][k];
      return `${k.slice(2).toLowerCase()} ${s.mean === null ? '—' : Math.round(s.mean)}${s.sd === null ? '' : ` ± ${Math.round(s.sd)}`} (${s.n}/${s.of} seeds)`;
    });
    // The control: a signal in a run whose test accuracy never left the plateau is a false alarm.
    const key = meter === 'llc' ? 'llcSignal' : 'entropySignal';
    const falseAlarms = r.runs.filter((x) => x.leads.events[key] !== null && x.leads.events.rise === null).length;
    lines.push(`${meter === 'llc' ? 'LLC' : 'H̃'} lead, mean ± sd: ${parts.join('; ')}; fired with no rise after it: ${falseAlarms}/${r.runs.length} seeds`);
  }
  return lines.join('\n');
}
